"""Who accessed or changed a person's data, and when, from the audit trail: events on the
person's own records, their household and membership, the household's addresses, and the
case with its notes, tasks, referrals and aid decisions. Who is the user's display name and
role; what is the action and the names of the fields changed, never a value."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, String, case, func, or_, select, type_coerce, union_all
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session

from desktop.core.models import (
    Accommodation,
    AidDecision,
    AuditEvent,
    CaseFile,
    Household,
    HouseholdMember,
    IdentityDocument,
    Note,
    Person,
    ProtectionStatus,
    Referral,
    SpecificNeed,
    Task,
    UserAccount,
)

BATCH = 2_000


def related_ids(person_id: uuid.UUID, household_ids: Sequence[uuid.UUID],
                case_ids: Sequence[uuid.UUID]) -> Select:
    """One subquery of every record id whose events concern the person: the database
    finds them through its indexes, so a person with 2,000 notes costs no 2,000 parameters."""
    return union_all(
        select(Person.id).where(Person.id == person_id),
        select(IdentityDocument.id).where(IdentityDocument.person_id == person_id),
        select(ProtectionStatus.id).where(ProtectionStatus.person_id == person_id),
        select(SpecificNeed.id).where(SpecificNeed.person_id == person_id),
        select(HouseholdMember.id).where(HouseholdMember.person_id == person_id),
        select(Household.id).where(Household.id.in_(household_ids)),
        select(Accommodation.id).where(Accommodation.household_id.in_(household_ids)),
        select(CaseFile.id).where(CaseFile.id.in_(case_ids)),
        select(Note.id).where(Note.case_id.in_(case_ids)),
        select(Task.id).where(Task.case_id.in_(case_ids)),
        select(Referral.id).where(Referral.case_id.in_(case_ids)),
        select(AidDecision.id).where(AidDecision.case_id.in_(case_ids)),
    )  # type: ignore[return-value]


def _cat(*parts: Any) -> Any:
    """SQL text concatenation (||) of expressions and literals."""
    joined = parts[0]
    for part in parts[1:]:
        joined = joined.op("||")(part)
    return joined


def _uuid_text(column: Any) -> Any:
    """A 16-byte UUID as its usual text, computed by SQLite."""
    hexed = func.lower(func.hex(column))
    return case((column.is_(None), None), else_=_cat(
        func.substr(hexed, 1, 8), "-", func.substr(hexed, 9, 4), "-",
        func.substr(hexed, 13, 4), "-", func.substr(hexed, 17, 4), "-",
        func.substr(hexed, 21)))


def _json_or(column: Any, empty: Any) -> Any:
    """A JSON column as JSON, ``empty`` for SQL NULL or JSON null."""
    raw = type_coerce(column, String)
    return case((or_(raw.is_(None), raw == "null"), empty), else_=func.json(raw))


def access_log_json(engine: Engine, person_id: uuid.UUID, household_ids: Sequence[uuid.UUID],
                    case_ids: Sequence[uuid.UUID]) -> Iterator[str]:
    """The events, oldest first, each as one JSON object's text made by SQLite itself:
    converting 50,000 events value by value in Python cost more than the query."""
    who = aliased(UserAccount)
    ids = related_ids(person_id, household_ids, case_ids).subquery()
    event = func.json_object(
        "at", _cat(func.replace(type_coerce(AuditEvent.at, String), " ", "T"), "+00:00"),
        "who", func.coalesce(func.nullif(who.display_name, ""), who.username),
        "role", type_coerce(who.role, String),
        "action", type_coerce(AuditEvent.action, String),
        "record", AuditEvent.entity,
        "record_id", _uuid_text(AuditEvent.entity_id),
        "fields", _json_or(AuditEvent.fields, func.json("[]")),
        "origin", func.coalesce(AuditEvent.origin, "local"),
        "detail", _json_or(AuditEvent.detail, None),
        type_=String)
    query = (select(event).select_from(AuditEvent)
             .outerjoin(who, who.id == AuditEvent.actor_id)
             .where(AuditEvent.entity_id.in_(select(ids.c[0])))
             .order_by(AuditEvent.at, AuditEvent.seq))
    with Session(engine) as db:
        result = db.connection().execution_options(yield_per=BATCH).execute(query)
        for (text,) in result:
            yield text


def access_log(engine: Engine, person_id: uuid.UUID, household_ids: Sequence[uuid.UUID],
               case_ids: Sequence[uuid.UUID]) -> Iterator[dict[str, Any]]:
    """The same events as dicts: ``at``, ``who`` (display name), ``role``, ``action``,
    ``record`` (kind), ``record_id``, ``fields`` (names only), ``origin``, ``detail``."""
    for text in access_log_json(engine, person_id, household_ids, case_ids):
        yield json.loads(text)
