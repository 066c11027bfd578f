"""This database's records as the figures read them (figures.source.Source): the ORM
tables, live rows only; the one organisation is ``org`` 0."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Integer, String, literal, select, type_coerce
from sqlalchemy.sql import Subquery

from desktop.core.models import (
    Accommodation,
    AidDecision,
    CaseFile,
    HouseholdMember,
    PartnerService,
    Person,
    ProtectionStatus,
    Referral,
)

MODELS = {model.__tablename__: model for model in (
    Accommodation, AidDecision, CaseFile, HouseholdMember, PartnerService, Person,
    ProtectionStatus, Referral)}
ORG = 0


class DesktopSource:
    def rows(self, entity: str, fields: Sequence[str], flags: Sequence[str] = ()) -> Subquery:
        model = MODELS[entity]
        columns = [literal(ORG, Integer).label("org"), model.id.label("id")]
        for name in fields:
            column = getattr(model, name)
            # Ids stay as stored (16-byte blobs join blobs); dates, enums and times are
            # read as the text SQLite holds (YYYY-MM-DD, the enum's value).
            columns.append((column if name.endswith("_id") else type_coerce(column, String))
                           .label(name))
        columns += [getattr(model, name).label(name) for name in flags]
        return select(*columns).where(model.deleted_at.is_(None)).subquery()
