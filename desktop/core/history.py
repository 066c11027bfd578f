"""The history of a case: who did what to which of its records, from the audit trail, filtered
by the reader's role and labelled in the reader's language (never a table or column name)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlmodel import Session, select

from desktop.core.enums import NoteAudience
from desktop.core.i18n import Translator
from desktop.core.models import (
    AidDecision,
    AuditEvent,
    CaseFile,
    Household,
    HouseholdMember,
    Note,
    Person,
    Referral,
    Task,
    UserAccount,
)
from desktop.core.roles import Actor, Permission

# The records whose events a case's history shows; each has an "entity.<table>" label and
# each of its fields a "field.<name>" label (tests/test_i18n.py checks both).
HISTORY_MODELS = (CaseFile, Household, HouseholdMember, Person, Note, Task, Referral,
                  AidDecision)
MAX_EVENTS = 500


@dataclass
class HistoryEntry:
    at: object
    actor: str
    action: str
    entity: str
    fields: list[str]


def case_history(db: Session, actor: Actor, case: CaseFile,
                 memberships: list[HouseholdMember]) -> list[HistoryEntry]:
    """Events of the case, its household, members, notes, tasks, referrals and aid. A role
    that may not read aid decisions or social workers' notes does not learn they exist:
    their events are left out here, in the service, not hidden by a widget."""
    related: set[uuid.UUID] = {case.id, case.household_id, *[m.id for m in memberships],
                               *[m.person_id for m in memberships]}
    restricted = not actor.can(Permission.VIEW_SOCIAL_NOTES)
    related |= set(db.exec(select(Task.id).where(Task.case_id == case.id)))
    related |= set(db.exec(select(Referral.id).where(Referral.case_id == case.id)))
    notes = select(Note.id).where(Note.case_id == case.id)
    if restricted:
        notes = notes.where(Note.audience == NoteAudience.EVERYONE)
    else:
        related |= set(db.exec(select(AidDecision.id).where(AidDecision.case_id == case.id)))
    related |= set(db.exec(notes))
    events = db.exec(select(AuditEvent).where(AuditEvent.entity_id.in_(related))
                     .order_by(AuditEvent.at.desc()).limit(MAX_EVENTS)).all()
    names = {u.id: u.display_name for u in db.exec(select(UserAccount))}
    return [HistoryEntry(at=e.at, actor=names.get(e.actor_id, ""), action=e.action,
                         entity=e.entity, fields=list(e.fields or [])) for e in events]


def describe(tr: Translator, entry: HistoryEntry) -> tuple[str, str]:
    """(what happened, which fields) in the reader's words: 'Changed · Person',
    'Phone, E-mail'."""
    what = f"{tr.choice('audit', entry.action)} · {tr(f'entity.{entry.entity}')}"
    return what, ", ".join(tr(f"field.{name}") for name in entry.fields)


def history_fields() -> dict[str, set[str]]:
    """Table -> the fields an update of it can list (bookkeeping columns never are)."""
    return {model.__tablename__: set(model.model_fields) - set(model.BOOKKEEPING)
            for model in HISTORY_MODELS}
