"""Which records concern a person or a case, for the audit viewer: the person, their
documents, protection and needs, their memberships, their household and its
accommodation, the household's cases and everything filed under those cases (notes, tasks,
referrals, aid). Found from the models' person_id, household_id and case_id columns, so a
record type added later is covered without a change here."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import Session, SQLModel

from desktop.core.models import CaseFile, HouseholdMember, Record

# SQLite accepts 32,766 values in one statement; a person's records are counted in
# hundreds, so past this many the oldest are left out of the filter (never an error).
MAX_RELATED = 30_000


def _tables_with(column: str) -> list[type[SQLModel]]:
    found: list[type[SQLModel]] = []
    pending: list[type] = list(Record.__subclasses__())
    while pending:
        model = pending.pop(0)
        if hasattr(model, "__table__") and column in model.model_fields:  # type: ignore[attr-defined]
            found.append(model)
        pending.extend(model.__subclasses__())
    return found


def _ids(db: Session, column: str, values: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    values = list(values)
    if not values:
        return set()
    found: set[uuid.UUID] = set()
    for model in _tables_with(column):
        found |= set(db.execute(select(model.id).where(  # type: ignore[attr-defined]
            getattr(model, column).in_(values))).scalars())
    return found


def records_of_case(db: Session, case_id: uuid.UUID) -> set[uuid.UUID]:
    case = db.get(CaseFile, case_id)
    if case is None:
        return {case_id}
    people = set(db.execute(select(HouseholdMember.person_id).where(
        HouseholdMember.household_id == case.household_id)).scalars())
    related = {case_id, case.household_id, *people}
    related |= _ids(db, "household_id", [case.household_id])
    related |= _ids(db, "person_id", people)
    related |= _ids(db, "case_id", [case_id])
    return set(list(related)[:MAX_RELATED])


def records_of_person(db: Session, person_id: uuid.UUID) -> set[uuid.UUID]:
    """The person's own records, and the household and case files they belong to (a case
    opened is the person's data seen), not the other members' own records."""
    households = set(db.execute(select(HouseholdMember.household_id).where(
        HouseholdMember.person_id == person_id)).scalars())
    cases = set(db.execute(select(CaseFile.id).where(
        CaseFile.household_id.in_(households))).scalars()) if households else set()
    related = {person_id, *households, *cases}
    related |= _ids(db, "person_id", [person_id])
    related |= _ids(db, "case_id", cases)
    related |= _ids(db, "household_id", households) - _member_rows_of_others(
        db, households, person_id)
    return set(list(related)[:MAX_RELATED])


def _member_rows_of_others(db: Session, households: set[uuid.UUID],
                           person_id: uuid.UUID) -> set[uuid.UUID]:
    if not households:
        return set()
    return set(db.execute(select(HouseholdMember.id).where(
        HouseholdMember.household_id.in_(households),
        HouseholdMember.person_id != person_id)).scalars())
