"""What anonymisation writes. Every write is an ``UnitOfWork.erase``: an ordinary change
(stamped, audited by field name, synced) whose outbox row carries no old value.

Removed: every spelling of the names, identifiers (national number, document numbers,
A card number), contact (phone, e-mail, messaging), birth place and oblast, civil status,
the last place in Ukraine, the details of specific needs. Kept: sex, nationality,
languages, the kinds of documents and needs and their dates, arrival dates, household
membership, and the birth date reduced to the first day of its month, which keeps the age
in whole years at the end of every month, so every monthly figure stays the same
(docs/security.md says the one exception: a birth on 29 February).

Records merged into the person (tombstones that kept their names) are anonymised with them,
and a merge's note of differing values is emptied in every household of the person.
A household's own text (its paper reference, the address lines and host of its
accommodation but not the municipality, the text of its files' notes, tasks and referral
purposes) is removed once none of its members is left unanonymised: text about a household
may name any of them. Relais keeps no attachments: documents are PDFs made on demand.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop.core.enums import AuditAction, DatePrecision
from desktop.core.models import (
    Accommodation,
    CaseFile,
    Household,
    HouseholdMember,
    IdentityDocument,
    Note,
    Person,
    PersonMerge,
    ProtectionStatus,
    Referral,
    SpecificNeed,
    Task,
)
from desktop.core.retention.leftovers import forget_old_values
from desktop.core.uow import UnitOfWork

PERSON_CLEARED: dict[str, Any] = {
    "surname_cyr": "", "given_name_cyr": "", "patronymic_cyr": "",
    "surname_lat": "", "given_name_lat": "", "patronymic_lat": "", "other_spellings": [],
    "birth_place": "", "birth_oblast": "", "civil_status": "",
    "phone": "", "email": "", "messaging": "", "contact_consent": False,
    "national_number": None, "national_number_kind": None, "last_place_in_ukraine": "",
}
# Per table, the fields emptied and their empty value.
CLEARED: dict[type, dict[str, Any]] = {
    IdentityDocument: {"number": ""},
    ProtectionStatus: {"a_card_number": ""},
    SpecificNeed: {"details": ""},
    Household: {"reference": ""},
    Accommodation: {"host_name": "", "street": "", "postal_code": ""},
    Note: {"body": "", "merged_values": None},
    Task: {"title": ""},
    Referral: {"purpose": ""},
}


def reduced_birth(birth: date | None, precision: DatePrecision) -> tuple[date | None,
                                                                         DatePrecision]:
    """The first day of the birth month: the age in whole years at any month's end is the
    same (figures.py counts ages at the month's last day). A year-only date stays as it is."""
    if birth is None:
        return None, precision
    if precision == DatePrecision.YEAR:
        return birth, precision
    return birth.replace(day=1), DatePrecision.MONTH


def anonymise_persons(uow: UnitOfWork, person_ids: Iterable[uuid.UUID], reason: str) -> int:
    """Anonymise these persons (those already anonymised are skipped) and the text of every
    household left with no one identifiable. Returns how many persons were anonymised."""
    db = uow.session
    ids = _with_merged_records(db, list(dict.fromkeys(person_ids)))
    persons = list(db.scalars(select(Person).where(Person.id.in_(ids),
                                                   Person.anonymised_at.is_(None))))
    if not persons:
        return 0
    now = uow.clock.now()
    erased: dict[uuid.UUID, dict[str, Any]] = {}
    for person in persons:
        birth, precision = reduced_birth(person.birth_date, person.birth_precision)
        values = {**PERSON_CLEARED, "birth_date": birth, "birth_precision": precision,
                  "anonymised_at": now}
        uow.erase(person, **values)
        erased[person.id] = values
        uow.record_access(AuditAction.ANONYMISE, Person.__tablename__, person.id,
                          detail={"reason": reason})
    done = {person.id for person in persons}
    for model in (IdentityDocument, ProtectionStatus, SpecificNeed):
        _clear(uow, db.scalars(select(model).where(model.person_id.in_(done))), erased)  # type: ignore[attr-defined]
    _clear_households(uow, db, done, erased)
    forget_old_values(uow, erased)
    return len(persons)


def _with_merged_records(db: Session, ids: list[uuid.UUID]) -> list[uuid.UUID]:
    """The persons and every record merged into them (kept as tombstones, with the names
    they had), following chains of merges."""
    found, frontier = list(ids), set(ids)
    while frontier:
        merged = set(db.scalars(select(PersonMerge.other_id).where(
            PersonMerge.keep_id.in_(frontier), PersonMerge.deleted_at.is_(None))))
        frontier = merged - set(found)
        found.extend(frontier)
    return found


def _clear(uow: UnitOfWork, records: Iterable[Any],
           erased: dict[uuid.UUID, dict[str, Any]]) -> None:
    for record in records:
        values = CLEARED[type(record)]
        uow.erase(record, **values)
        erased[record.id] = values


def _clear_households(uow: UnitOfWork, db: Session, done: set[uuid.UUID],
                      erased: dict[uuid.UUID, dict[str, Any]]) -> None:
    households = set(db.scalars(select(HouseholdMember.household_id).where(
        HouseholdMember.person_id.in_(done), HouseholdMember.deleted_at.is_(None))))
    if not households:
        return
    # Households where someone not anonymised is still a member keep their text.
    still_named = set(db.scalars(
        select(HouseholdMember.household_id)
        .join(Person, Person.id == HouseholdMember.person_id)
        .where(HouseholdMember.household_id.in_(households),
               HouseholdMember.deleted_at.is_(None), Person.anonymised_at.is_(None))))
    # A merge's note keeps the differing values of the merged records (a phone, an
    # e-mail): it goes in every household of the person, even one with others still named.
    cases = set(db.scalars(select(CaseFile.id).where(CaseFile.household_id.in_(households))))
    for note in db.scalars(select(Note).where(Note.case_id.in_(cases),
                                              Note.merged_values.is_not(None))):
        uow.erase(note, merged_values=None)
        erased[note.id] = {"merged_values": None}
    emptied = households - still_named
    if not emptied:
        return
    _clear(uow, db.scalars(select(Household).where(Household.id.in_(emptied))), erased)
    _clear(uow, db.scalars(select(Accommodation).where(
        Accommodation.household_id.in_(emptied))), erased)
    cases = set(db.scalars(select(CaseFile.id).where(CaseFile.household_id.in_(emptied))))
    for model in (Note, Task, Referral):
        _clear(uow, db.scalars(select(model).where(model.case_id.in_(cases))), erased)  # type: ignore[attr-defined]
