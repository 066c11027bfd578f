"""``relais figures export``: the month's figures of this organisation as a signed
relais.figures/1 document, for a coordinator's central to import."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from desktop.core.coordination.source import ORG, DesktopSource
from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.models import Organisation as OrganisationRecord
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork
from figures import schema
from figures.compute import compute
from figures.document import (
    DocumentError,
    Organisation,
    document,
    key_bytes,
    organisation_block,
    sign,
)


class FiguresExport:
    def __init__(self, engine: Engine, actor: Actor, organisation: OrganisationRecord) -> None:
        self.engine, self.actor, self.organisation = engine, actor, organisation

    def signed(self, month: str, key_text: str) -> dict[str, Any]:
        """The signed document; the key is the one the central printed for this
        organisation (``relais-central org figures-key``)."""
        self.actor.require(Permission.VIEW_SOCIAL_NOTES)
        try:
            schema.month_bounds(month)
        except ValueError:
            raise RelaisError("figures.bad_month", month=month[:20]) from None
        try:
            key = key_bytes(key_text)
        except DocumentError:
            raise RelaisError("figures.bad_key") from None
        org = Organisation(self.organisation.refnis, self.organisation.name)
        with self.engine.connect() as connection:
            counts = compute(connection, DesktopSource(), month, [ORG])[ORG]
        doc = document(month, "desktop", [organisation_block(org, counts, "file")])
        with UnitOfWork(self.engine, self.actor) as uow:
            uow.record_access(AuditAction.EXPORT, OrganisationRecord.__tablename__,
                              self.organisation.id,
                              detail={"kind": "figures", "month": month})
        return sign(doc, key, org.refnis)
