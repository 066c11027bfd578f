"""Gathers, for one person, everything Relais holds about them. Social workers and
administrators only; each copy made is audited (export, kind subject_access, on the person)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.clock import SYSTEM_CLOCK, Clock
from desktop.core.enums import AuditAction, NoteAudience
from desktop.core.errors import RelaisError
from desktop.core.models import (
    Accommodation,
    AidDecision,
    CaseFile,
    Household,
    HouseholdMember,
    IdentityDocument,
    Note,
    Organisation,
    Person,
    ProtectionStatus,
    Referral,
    SpecificNeed,
    Task,
    UserAccount,
)
from desktop.core.roles import Actor, Permission
from desktop.core.search import display_name
from desktop.core.subject_access.household import shared_in_full
from desktop.core.subject_access.log import BATCH, access_log, access_log_json
from desktop.core.subject_access.record import SubjectCopy, Withheld
from desktop.core.subject_access.values import plain, record
from desktop.core.uow import UnitOfWork

EXPORT_DETAIL = {"kind": "subject_access"}
# A note without a merge's values: the JSON column holds SQL NULL or JSON null.
NO_MERGED_VALUES = text("(note.merged_values IS NULL OR note.merged_values = 'null')")


def _live(db: Session, model: Any, *where: Any) -> list[Any]:
    return list(db.execute(select(model).where(*where, model.deleted_at.is_(None))
                           .order_by(model.created_at)).scalars())


class SubjectAccessService:
    def __init__(self, engine: Engine, actor: Actor, clock: Clock = SYSTEM_CLOCK) -> None:
        self.engine, self.actor, self.clock = engine, actor, clock

    def gather(self, person_id: uuid.UUID) -> SubjectCopy:
        """The person's copy. Refused to volunteers (``error.access_denied``); a person
        deleted or merged into another is ``person.not_found``."""
        self.actor.require(Permission.EXPORT_PERSONAL_DATA)
        today = self.clock.today()
        with Session(self.engine) as db:
            person = db.get(Person, person_id)
            if person is None or person.deleted_at is not None:
                raise RelaisError("person.not_found")
            organisation = db.get(Organisation, person.organisation_id)
            users = {u.id: u for u in db.execute(select(UserAccount)).scalars()}
            me = users.get(self.actor.user_id) if self.actor.user_id else None
            households, case_ids, other_adults = self._households(db, person, users, today)
            own = self._own_records(db, person.id)
            internal = db.execute(select(func.count()).select_from(Note).where(
                Note.case_id.in_(case_ids), Note.deleted_at.is_(None),
                Note.audience == NoteAudience.SOCIAL_WORKERS,
                NO_MERGED_VALUES)).scalar_one() if case_ids else 0
            note_count = db.execute(select(func.count()).select_from(Note).where(
                Note.case_id.in_(case_ids), Note.deleted_at.is_(None))).scalar_one() \
                if case_ids else 0
            db.expunge_all()
        household_ids = [uuid.UUID(h["household"]["id"]) for h in households]
        withheld = [w for w in (Withheld("internal_note_text", internal),
                                Withheld("other_adults_details", other_adults)) if w.count]
        roles = {u.id: u.role.value for u in users.values()}
        copy = SubjectCopy(
            person_id=person.id, generated_at=self.clock.now(), today=today,
            organisation={"name": organisation.name if organisation else "",
                          "refnis": organisation.refnis if organisation else ""},
            generated_by={"name": (me.display_name or me.username) if me else
                          self.actor.username, "role": self.actor.role.value},
            person=record(person), withheld=withheld, note_count=note_count,
            households=households, **own,
            notes=lambda: self._notes(case_ids, roles),
            access_log=lambda: access_log(self.engine, person.id, household_ids, case_ids),
            access_log_json=lambda: access_log_json(self.engine, person.id, household_ids,
                                                    case_ids))
        with UnitOfWork(self.engine, self.actor) as uow:
            uow.record_access(AuditAction.EXPORT, Person.__tablename__, person.id,
                              detail=dict(EXPORT_DETAIL))
        return copy

    def _own_records(self, db: Session, person_id: uuid.UUID) -> dict[str, list]:
        return {
            "identity_documents": [record(d) for d in _live(
                db, IdentityDocument, IdentityDocument.person_id == person_id)],
            "protection_status": [record(p) for p in _live(
                db, ProtectionStatus, ProtectionStatus.person_id == person_id)],
            "specific_needs": [record(n) for n in _live(
                db, SpecificNeed, SpecificNeed.person_id == person_id)],
        }

    def _households(self, db: Session, person: Person, users: dict[uuid.UUID, UserAccount],
                    today: Any) -> tuple[list[dict], list[uuid.UUID], int]:
        """The households the person belongs to now, each with its members (as far as the
        law allows, household.py), addresses and case files; the case ids; how many other
        adults were named only."""
        households, case_ids, named_only = [], [], 0
        for membership in _live(db, HouseholdMember, HouseholdMember.person_id == person.id):
            household = db.get(Household, membership.household_id)
            if household is None or household.deleted_at is not None:
                continue
            members = []
            for other in _live(db, HouseholdMember,
                               HouseholdMember.household_id == household.id):
                if other.person_id == person.id:
                    continue
                who = db.get(Person, other.person_id)
                if who is None or who.deleted_at is not None:
                    continue
                entry: dict[str, Any] = {"person_id": str(who.id), "name": display_name(who),
                                         "relationship": other.relationship.value}
                if shared_in_full(membership, person, other, who, today):
                    entry.update(shared="full", person=record(who),
                                 **self._own_records(db, who.id))
                else:
                    entry["shared"] = "name_only"
                    named_only += 1
                members.append(entry)
            cases = []
            for case in _live(db, CaseFile, CaseFile.household_id == household.id):
                case_ids.append(case.id)
                worker = users.get(case.assigned_worker_id) if case.assigned_worker_id \
                    else None
                cases.append({
                    **record(case, frozenset({"household_id", "assigned_worker_id"})),
                    "worker": (worker.display_name or worker.username) if worker else None,
                    "tasks": [record(t, frozenset({"case_id", "assignee_id"}))
                              for t in _live(db, Task, Task.case_id == case.id)],
                    "referrals": [record(r, frozenset({"case_id"}))
                                  for r in _live(db, Referral, Referral.case_id == case.id)],
                    "aid_decisions": [record(a, frozenset({"case_id"})) for a in _live(
                        db, AidDecision, AidDecision.case_id == case.id)],
                })
            households.append({
                "household": record(household),
                "membership": record(membership, frozenset({"household_id", "person_id"})),
                "members": members,
                "accommodations": [record(a, frozenset({"household_id"})) for a in _live(
                    db, Accommodation, Accommodation.household_id == household.id)],
                "cases": cases,
            })
        return households, case_ids, named_only

    def _notes(self, case_ids: Sequence[uuid.UUID], roles: dict[uuid.UUID, str]
               ) -> Iterator[dict[str, Any]]:
        """The case notes, oldest first. An internal note (for social workers only, not a
        merge's record of values) is listed with its date and author's role, its text
        withheld."""
        if not case_ids:
            return
        numbers: dict[uuid.UUID, str] = {}
        with Session(self.engine) as db:
            numbers = dict(db.execute(select(CaseFile.id, CaseFile.file_number).where(
                CaseFile.id.in_(case_ids))).all())
            query = (select(Note.id, Note.case_id, Note.created_at, Note.updated_at,
                            Note.created_by, Note.audience, Note.body, Note.merged_values)
                     .where(Note.case_id.in_(case_ids), Note.deleted_at.is_(None))
                     .order_by(Note.created_at))
            rows = db.connection().execution_options(yield_per=BATCH).execute(query)
            for note_id, case_id, created, updated, author, audience, body, merged in rows:
                internal = audience == NoteAudience.SOCIAL_WORKERS and merged is None
                yield {"id": str(note_id), "case_id": str(case_id),
                       "file_number": numbers.get(case_id, ""),
                       "created_at": plain(created), "updated_at": plain(updated),
                       "author_role": roles.get(author), "audience": audience.value,
                       "withheld": internal, "body": None if internal else body,
                       "merged_values": None if internal else plain(merged)}
