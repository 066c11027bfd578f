"""Turn intake forms into record rows and write them in one go: used by the intake screens
(one household) and by spreadsheet imports (thousands, one transaction per file). Rows are
written with ``UnitOfWork.bulk_insert``, so they are stamped, audited and indexed like any
other write."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desktop.core.enums import (
    AccommodationType,
    DatePrecision,
    DocumentType,
    NationalNumberKind,
    NeedArea,
    NoteAudience,
    Relationship,
    Sex,
    SpecificNeedType,
)
from desktop.core.identifiers import parse_national_number
from desktop.core.ids import uuid7
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.intake_rules import parse_date
from desktop.core.models import (
    Accommodation,
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
)
from desktop.core.notes import NEW_NOTE_AUDIENCE
from desktop.core.uow import UnitOfWork

ANNEX15_DAYS = timedelta(days=45)
# Parents before children: the order rows are inserted in.
WRITE_ORDER = (Household, Person, HouseholdMember, IdentityDocument, ProtectionStatus,
               SpecificNeed, Accommodation, CaseFile, Note, Task, Referral)


@dataclass
class RecordBatch:
    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, model: type, **values: Any) -> uuid.UUID:
        values.setdefault("id", uuid7())
        self.rows.setdefault(model, []).append(values)
        return values["id"]

    def write(self, uow: UnitOfWork) -> None:
        for model in WRITE_ORDER:
            uow.bulk_insert(model, self.rows.get(model, []))

    def count(self, model: type) -> int:
        return len(self.rows.get(model, []))


def _day(text: str) -> date | None:
    parsed = parse_date(text)
    return parsed[0] if parsed else None


@dataclass(frozen=True)
class NewCase:
    organisation_id: uuid.UUID | None
    file_number: str
    opened_on: date
    quick: bool = False
    worker_id: uuid.UUID | None = None
    notes: tuple[str, ...] = ()
    # Who may read the notes written with the case: restricted unless the writer could not
    # read them back (core/notes.written_note_audience).
    note_audience: NoteAudience = NEW_NOTE_AUDIENCE


def add_household(batch: RecordBatch, household: HouseholdInput, case: NewCase) -> uuid.UUID:
    """Rows for one household, its members and its case; returns the case id. The input
    must have passed the intake rules."""
    household_id = batch.add(Household, organisation_id=case.organisation_id,
                             reference=household.paper_reference.strip(),
                             members_in_ukraine=household.members_in_ukraine)
    for member in household.members:
        add_person(batch, household_id, case.organisation_id, member)
    address = (household.host_name, household.street, household.postal_code,
               household.municipality_refnis)
    if household.accommodation_type or any(part.strip() for part in address):
        # An address is a fact even while the kind of housing is not known yet.
        kind = household.accommodation_type or AccommodationType.UNKNOWN.value
        batch.add(Accommodation, household_id=household_id,
                  accommodation_type=AccommodationType(kind),
                  host_name=household.host_name.strip(), street=household.street.strip(),
                  postal_code=household.postal_code.strip(),
                  municipality_refnis=household.municipality_refnis,
                  from_date=case.opened_on, to_date=None)
    case_id = batch.add(CaseFile, organisation_id=case.organisation_id,
                        household_id=household_id, file_number=case.file_number,
                        opened_on=case.opened_on, to_be_completed=case.quick,
                        assigned_worker_id=case.worker_id,
                        needs=[NeedArea(need).value for need in household.needs])
    bodies = [household.sleeps_tonight.strip(), *case.notes]
    for body in bodies:
        if body.strip():
            batch.add(Note, case_id=case_id, audience=case.note_audience,
                      body=body.strip())
    for referral in household.referrals:
        if referral.partner.strip():
            batch.add(Referral, case_id=case_id, partner=referral.partner.strip(),
                      purpose=referral.purpose.strip(), referred_on=case.opened_on)
    return case_id


def add_person(batch: RecordBatch, household_id: uuid.UUID,
               organisation_id: uuid.UUID | None, member: PersonInput) -> uuid.UUID:
    birth = parse_date(member.birth_date)
    number = parse_national_number(member.national_number) \
        if member.national_number.strip() else None
    person_id = batch.add(
        Person, organisation_id=organisation_id,
        surname_cyr=member.surname_cyr.strip(), given_name_cyr=member.given_name_cyr.strip(),
        patronymic_cyr=member.patronymic_cyr.strip(), surname_lat=member.surname_lat.strip(),
        given_name_lat=member.given_name_lat.strip(),
        patronymic_lat=member.patronymic_lat.strip(),
        other_spellings=[s.strip() for s in member.other_spellings if s.strip()],
        sex=Sex(member.sex), birth_date=birth[0] if birth else None,
        birth_precision=birth[1] if birth else DatePrecision.DAY,
        birth_place="", birth_oblast="", nationality=member.nationality, civil_status="",
        languages=list(member.languages), interpreter_needed=member.interpreter_needed,
        phone=member.phone.strip(), email=member.email.strip(),
        messaging=member.messaging.strip(), contact_consent=member.contact_consent,
        national_number=number.digits if number else None,
        national_number_kind=NationalNumberKind(number.kind) if number else None,
        arrived_on=_day(member.arrived_on), left_ukraine_on=_day(member.left_ukraine_on),
        last_place_in_ukraine=member.last_place_in_ukraine.strip())
    batch.add(HouseholdMember, household_id=household_id, person_id=person_id,
              relationship=Relationship(member.relationship), dependant=member.dependant,
              still_in_ukraine=False)
    for document in member.documents:
        batch.add(IdentityDocument, person_id=person_id,
                  document_type=DocumentType(document.document_type),
                  number=document.number.replace(" ", "").upper(), country=document.country,
                  issued_on=_day(document.issued_on), expires_on=_day(document.expires_on))
    protection = {name: _day(getattr(member, name)) for name in (
        "attestation_on", "annex15_issued_on", "annex15_expires_on", "a_card_issued_on",
        "a_card_expires_on")}
    if protection["annex15_issued_on"] and not protection["annex15_expires_on"]:
        # An annex 15 is valid 45 days.
        protection["annex15_expires_on"] = protection["annex15_issued_on"] + ANNEX15_DAYS
    if any(protection.values()) or member.a_card_number.strip():
        batch.add(ProtectionStatus, person_id=person_id,
                  a_card_number=member.a_card_number.strip(), **protection)
    for need in member.specific_needs:
        batch.add(SpecificNeed, person_id=person_id, need_type=SpecificNeedType(need),
                  details=member.specific_need_details.strip(), urgent=member.urgent_need)
    return person_id
