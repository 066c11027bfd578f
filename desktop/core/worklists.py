"""The home screen's worklists: my tasks due, documents expiring within 30 days, open files
without a PIIS, and files from quick intakes still to be completed. Each item opens its case
and says which file, which person, what is due and when."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.clock import Clock, clock_of
from desktop.core.enums import CaseStatus, Relationship
from desktop.core.models import (
    AidDecision,
    CaseFile,
    HouseholdMember,
    IdentityDocument,
    Person,
    ProtectionStatus,
    Task,
)
from desktop.core.record_place import open_conflicts_by_case
from desktop.core.roles import Actor, Permission
from desktop.core.search import display_name

WINDOW = timedelta(days=30)
TASKS_AHEAD = timedelta(days=7)


@dataclass(frozen=True)
class WorkItem:
    case_id: uuid.UUID
    file_number: str
    person: str  # the person concerned, or the head of the household for a whole file
    kind: str  # message key of what is due; a task's takes its title as {title}
    on: date | None  # when it is due, expires, or since when the file is open
    label: str = ""  # a task's title, as entered
    conflicts: int = 0  # open sync conflicts on the case's records (a badge)


@dataclass
class Worklist:
    key: str  # message key of the list's title
    items: list[WorkItem]
    total: int


class WorklistService:
    def __init__(self, engine: Engine, actor: Actor, today: date | None = None,
                 clock: Clock | None = None) -> None:
        self.engine, self.actor = engine, actor
        self.clock = clock_of(today, clock)

    @property
    def today(self) -> date:
        """Asked each time: a session open past midnight uses the new date."""
        return self.clock.today()

    def all(self, limit: int = 50) -> list[Worklist]:
        self.actor.require(Permission.VIEW_CASES)
        with Session(self.engine) as db:
            lists = [self._tasks(db, limit), self._expiring(db, limit),
                     self._to_complete(db, limit)]
            if self.actor.can(Permission.VIEW_SOCIAL_NOTES):
                lists.insert(2, self._without_piis(db, limit))
            conflicts = open_conflicts_by_case(db, self.actor)
        if conflicts:
            for worklist in lists:
                worklist.items = [replace(item, conflicts=conflicts.get(item.case_id, 0))
                                  for item in worklist.items]
        return lists

    def _tasks(self, db: Session, limit: int) -> Worklist:
        where = and_(Task.assignee_id == self.actor.user_id, Task.done_at.is_(None),
                     Task.deleted_at.is_(None), Task.due_on <= self.today + TASKS_AHEAD)
        rows = db.execute(select(Task, CaseFile.file_number, CaseFile.household_id)
                          .join(CaseFile, CaseFile.id == Task.case_id)
                          .where(where).order_by(Task.due_on).limit(limit)).all()
        total = db.execute(select(func.count()).select_from(Task).where(where)).scalar_one()
        heads = self._heads(db, [household for _task, _number, household in rows])
        items = [WorkItem(task.case_id, number, heads.get(household, ""),
                          "worklist.task_overdue" if task.due_on < self.today
                          else "worklist.task_due", task.due_on, task.title)
                 for task, number, household in rows]
        return Worklist("worklist.my_tasks", items, total)

    @staticmethod
    def _heads(db: Session, households: list[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The displayed name of each household's head."""
        return {household: display_name(person) for household, person in db.execute(
            select(HouseholdMember.household_id, Person)
            .join(Person, Person.id == HouseholdMember.person_id)
            .where(HouseholdMember.household_id.in_(households),
                   HouseholdMember.relationship == Relationship.HEAD,
                   HouseholdMember.deleted_at.is_(None)))}

    def _expiring(self, db: Session, limit: int) -> Worklist:
        until = self.today + WINDOW
        member = (select(HouseholdMember.person_id, CaseFile.id.label("case_id"),
                         CaseFile.file_number)
                  .join(CaseFile, CaseFile.household_id == HouseholdMember.household_id)
                  .where(CaseFile.status != CaseStatus.CLOSED, CaseFile.deleted_at.is_(None),
                         HouseholdMember.deleted_at.is_(None)).subquery())
        found: list[tuple[date, uuid.UUID, str, Person, str, uuid.UUID]] = []
        for column, kind in ((ProtectionStatus.annex15_expires_on, "worklist.annex15"),
                             (ProtectionStatus.a_card_expires_on, "worklist.a_card")):
            extra = [ProtectionStatus.a_card_issued_on.is_(None)] \
                if kind == "worklist.annex15" else []
            for on, case_id, number, person, record in db.execute(
                select(column, member.c.case_id, member.c.file_number, Person,
                       ProtectionStatus.id)
                .join(member, member.c.person_id == ProtectionStatus.person_id)
                .join(Person, Person.id == ProtectionStatus.person_id)
                .where(column.between(self.today, until),
                       ProtectionStatus.deleted_at.is_(None), *extra)
            ):
                found.append((on, case_id, number, person, kind, record))
        for on, case_id, number, person, record in db.execute(
            select(IdentityDocument.expires_on, member.c.case_id, member.c.file_number, Person,
                   IdentityDocument.id)
            .join(member, member.c.person_id == IdentityDocument.person_id)
            .join(Person, Person.id == IdentityDocument.person_id)
            .where(IdentityDocument.expires_on.between(self.today, until),
                   IdentityDocument.deleted_at.is_(None))
        ):
            found.append((on, case_id, number, person, "worklist.document", record))
        # One line per date that falls due, even if two open files hold the same person.
        found = list({(item[4], item[5]): item for item in found}.values())
        found.sort(key=lambda item: item[0])
        items = [WorkItem(case_id, number, display_name(person), kind, on)
                 for on, case_id, number, person, kind, _record in found[:limit]]
        return Worklist("worklist.expiring", items, len(found))

    def _without_piis(self, db: Session, limit: int) -> Worklist:
        has_piis = exists().where(AidDecision.case_id == CaseFile.id, AidDecision.piis,
                                  AidDecision.deleted_at.is_(None))
        where = and_(CaseFile.status != CaseStatus.CLOSED, CaseFile.deleted_at.is_(None),
                     ~has_piis)
        return self._cases(db, where, "worklist.no_piis", "worklist.piis_missing", limit)

    def _to_complete(self, db: Session, limit: int) -> Worklist:
        where = and_(CaseFile.to_be_completed, CaseFile.deleted_at.is_(None),
                     CaseFile.status != CaseStatus.CLOSED)
        return self._cases(db, where, "worklist.to_complete", "worklist.intake_incomplete",
                           limit)

    def _cases(self, db: Session, where, key: str, kind: str, limit: int) -> Worklist:
        # A file whose every member was anonymised (an intake never completed, past its
        # retention) has no one left to work for.
        someone_named = exists().where(
            HouseholdMember.household_id == CaseFile.household_id,
            HouseholdMember.deleted_at.is_(None), HouseholdMember.person_id == Person.id,
            Person.anonymised_at.is_(None))
        where = and_(where, someone_named)
        cases = list(db.execute(select(CaseFile).where(where).order_by(CaseFile.opened_on)
                                .limit(limit)).scalars())
        heads = self._heads(db, [case.household_id for case in cases])
        total = db.execute(select(func.count()).select_from(CaseFile).where(where)).scalar_one()
        items = [WorkItem(case.id, case.file_number, heads.get(case.household_id, ""), kind,
                          case.opened_on) for case in cases]
        return Worklist(key, items, total)
