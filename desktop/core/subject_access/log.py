"""Who accessed or changed a person's data, and when, from the audit trail: events on the
person's own records, their household and membership, the household's addresses, and the
case with its notes, tasks, referrals and aid decisions. Who is the user's display name and
role; what is the action and the names of the fields changed, never a value."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Select, select, union_all
from sqlalchemy.engine import Engine
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
from desktop.core.subject_access.values import plain

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


def access_log(engine: Engine, person_id: uuid.UUID, household_ids: Sequence[uuid.UUID],
               case_ids: Sequence[uuid.UUID]) -> Iterator[dict[str, Any]]:
    """The events, oldest first, read ``BATCH`` at a time."""
    with Session(engine) as db:
        users = {user.id: (user.display_name or user.username, user.role.value)
                 for user in db.execute(select(UserAccount)).scalars()}
        ids = related_ids(person_id, household_ids, case_ids).subquery()
        query = (select(AuditEvent.at, AuditEvent.actor_id, AuditEvent.action,
                        AuditEvent.entity, AuditEvent.entity_id, AuditEvent.fields,
                        AuditEvent.origin, AuditEvent.detail)
                 .where(AuditEvent.entity_id.in_(select(ids.c[0])))
                 .order_by(AuditEvent.at, AuditEvent.seq))
        result = db.connection().execution_options(yield_per=BATCH).execute(query)
        for at, actor, action, entity, entity_id, fields, origin, detail in result:
            name, role = users.get(actor, (None, None))
            yield {"at": plain(at), "who": name, "role": role, "action": action.value,
                   "record": entity, "record_id": plain(entity_id),
                   "fields": list(fields or []), "origin": origin or "local",
                   "detail": plain(detail) if detail else None}
