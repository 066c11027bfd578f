"""Who the retention rules touch today, and why; nothing is written here.

A person is due when they belong to a file that a rule makes due (closed long enough ago, or
a quick intake never completed for long enough) and to no other file that is not due: a
person who also appears in an open file keeps their data. Persons already anonymised are
never listed again. Drafts are due once their last save is older than the rule's days."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import and_, false, or_, select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from desktop.core.enums import CaseStatus, DraftKind, RetentionKind
from desktop.core.models import CaseFile, HouseholdMember, IntakeDraft, Person, UserAccount
from desktop.core.retention.rules import Rule
from desktop.core.search import display_name

NAME_KEYS = ("surname_lat", "given_name_lat", "surname_cyr", "given_name_cyr")
NAME_COLUMNS = tuple(getattr(Person, key) for key in NAME_KEYS)


@dataclass(frozen=True)
class DuePerson:
    person_id: uuid.UUID
    name: str  # shown to the administrator who previews; never written to the audit
    case_id: uuid.UUID
    file_number: str
    rule: RetentionKind
    status: CaseStatus
    since: date  # closed on (closed files) or opened on (unfinished intakes)


@dataclass(frozen=True)
class DueDraft:
    draft_id: uuid.UUID
    kind: DraftKind
    saved_at: datetime
    username: str


@dataclass
class RetentionPreview:
    day: date
    rules: dict[RetentionKind, Rule]
    persons: list[DuePerson] = field(default_factory=list)
    drafts: list[DueDraft] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.persons) + len(self.drafts)

    def counts(self) -> dict[RetentionKind, int]:
        found = {kind: 0 for kind in RetentionKind}
        for person in self.persons:
            found[person.rule] += 1
        found[RetentionKind.DRAFTS] = len(self.drafts)
        return found


def due_condition(rules: dict[RetentionKind, Rule], today: date, case: Any = CaseFile) -> Any:
    """SQL: the case file is due under one of the enabled rules (``case`` may be an alias)."""
    parts = []
    closed = rules.get(RetentionKind.CLOSED_FILES)
    if closed is not None and closed.enabled:
        parts.append(and_(case.status == CaseStatus.CLOSED, case.closed_on.is_not(None),
                          case.closed_on <= closed.cutoff(today)))
    unfinished = rules.get(RetentionKind.UNFINISHED_INTAKES)
    if unfinished is not None and unfinished.enabled:
        parts.append(and_(case.to_be_completed.is_(True), case.status != CaseStatus.CLOSED,
                          case.opened_on <= unfinished.cutoff(today)))
    return or_(*parts) if parts else false()


def rule_of(case_status: CaseStatus, to_be_completed: bool) -> RetentionKind:
    if case_status == CaseStatus.CLOSED:
        return RetentionKind.CLOSED_FILES
    return RetentionKind.UNFINISHED_INTAKES


def due_persons(db: Session, rules: dict[RetentionKind, Rule], today: date,
                only: set[uuid.UUID] | None = None) -> list[DuePerson]:
    due = due_condition(rules, today)
    other_case, other_member = aliased(CaseFile), aliased(HouseholdMember)
    keeps_a_file = (
        select(other_member.person_id)
        .join(other_case, other_case.household_id == other_member.household_id)
        .where(other_member.person_id == Person.id, other_member.deleted_at.is_(None),
               other_case.deleted_at.is_(None), ~due_condition(rules, today, other_case))
        .exists())
    # Columns, not Person objects: building 20,000 ORM objects cost most of the preview.
    query = (
        select(Person.id, *NAME_COLUMNS, CaseFile.id, CaseFile.file_number, CaseFile.status,
               CaseFile.closed_on, CaseFile.opened_on, CaseFile.to_be_completed)
        .join(HouseholdMember, HouseholdMember.person_id == Person.id)
        .join(CaseFile, CaseFile.household_id == HouseholdMember.household_id)
        .where(HouseholdMember.deleted_at.is_(None), CaseFile.deleted_at.is_(None),
               Person.anonymised_at.is_(None), due, ~keeps_a_file)
        .order_by(CaseFile.file_number, Person.id))
    if only is not None:
        query = query.where(Person.id.in_(only))
    found: dict[uuid.UUID, DuePerson] = {}
    for row in db.execute(query):
        person_id, names = row[0], row[1:1 + len(NAME_COLUMNS)]
        case_id, number, status, closed_on, opened_on, unfinished = row[1 + len(NAME_COLUMNS):]
        if person_id in found:
            continue
        rule = rule_of(status, unfinished)
        since = closed_on if rule == RetentionKind.CLOSED_FILES else opened_on
        name = display_name(dict(zip(NAME_KEYS, names, strict=True)))
        found[person_id] = DuePerson(person_id, name, case_id, number, rule, status, since)
    return list(found.values())


def due_drafts(db: Session, rules: dict[RetentionKind, Rule], today: date,
               only: set[uuid.UUID] | None = None) -> list[DueDraft]:
    rule = rules.get(RetentionKind.DRAFTS)
    if rule is None or not rule.enabled:
        return []
    # A draft saved on the cutoff day or before (its end of day, UTC: drafts store UTC).
    limit = datetime.combine(rule.cutoff(today), time.max, UTC)
    query = (select(IntakeDraft.id, IntakeDraft.kind, IntakeDraft.saved_at,
                    UserAccount.username)
             .join(UserAccount, UserAccount.id == IntakeDraft.user_id)
             .where(IntakeDraft.saved_at <= limit).order_by(IntakeDraft.saved_at))
    if only is not None:
        query = query.where(IntakeDraft.id.in_(only))
    return [DueDraft(*row) for row in db.execute(query)]


def preview(db: Session, rules: dict[RetentionKind, Rule], today: date) -> RetentionPreview:
    return RetentionPreview(today, rules, due_persons(db, rules, today),
                            due_drafts(db, rules, today))
