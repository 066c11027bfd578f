"""Register a household from an intake: the social worker's full intake and the volunteer's
quick intake. Role rules are enforced here, whatever the form shows."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.enums import (
    AccommodationType,
    DatePrecision,
    DocumentType,
    NationalNumberKind,
    NoteAudience,
    Relationship,
    Sex,
    SpecificNeedType,
)
from desktop.core.errors import AccessDenied, ValidationError
from desktop.core.identifiers import parse_national_number
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.intake_rules import IntakeRules, Problem, parse_date
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
)
from desktop.core.reference import ReferenceData
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork

ANNEX15_DAYS = timedelta(days=45)


class IntakeRejected(ValidationError):
    """The intake still has problems; ``problems`` says where."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.key, field=first.field, **first.params)
        self.problems = problems


def next_file_number(session: Session, organisation_id: uuid.UUID | None, year: int) -> str:
    prefix = f"{year}/"
    last = session.execute(
        select(func.max(CaseFile.file_number)).where(
            CaseFile.organisation_id == organisation_id, CaseFile.file_number.like(f"{prefix}%")
        )
    ).scalar_one()
    serial = int(last.split("/")[1]) + 1 if last else 1
    return f"{prefix}{serial:06d}"


class IntakeService:
    def __init__(self, engine: Engine, actor: Actor, reference: ReferenceData,
                 today: date | None = None) -> None:
        self.engine, self.actor = engine, actor
        self.rules = IntakeRules(reference, today)
        self.today = today or date.today()

    def check(self, household: HouseholdInput) -> list[Problem]:
        return self.rules.household(household)

    def register(self, household: HouseholdInput, quick: bool = False) -> uuid.UUID:
        """Create the household, its members and their records, and a case. Returns the case
        id. A quick intake (volunteers) makes a case marked "to be completed"."""
        self.actor.require(Permission.QUICK_INTAKE if quick else Permission.EDIT_CASES)
        self._check_restricted(household)
        problems = self.check(household)
        if problems:
            raise IntakeRejected(problems)
        org = self.actor.organisation_id
        with UnitOfWork(self.engine, self.actor) as uow:
            record = uow.add(Household(organisation_id=org,
                                       members_in_ukraine=household.members_in_ukraine))
            for member in household.members:
                self._add_person(uow, record.id, member)
            if household.accommodation_type:
                uow.add(Accommodation(
                    household_id=record.id,
                    accommodation_type=AccommodationType(household.accommodation_type),
                    host_name=household.host_name.strip(), street=household.street.strip(),
                    postal_code=household.postal_code.strip(),
                    municipality_refnis=household.municipality_refnis, from_date=self.today))
            case = uow.add(CaseFile(
                organisation_id=org, household_id=record.id,
                file_number=next_file_number(uow.session, org, self.today.year),
                opened_on=self.today, to_be_completed=quick,
                assigned_worker_id=None if quick else self.actor.user_id))
            if household.sleeps_tonight.strip():
                uow.add(Note(case_id=case.id, audience=NoteAudience.EVERYONE,
                             body=household.sleeps_tonight.strip()))
            if household.needs:
                uow.add(Note(case_id=case.id, audience=NoteAudience.EVERYONE,
                             body=" · ".join(household.needs)))
            for referral in household.referrals:
                if referral.partner.strip():
                    uow.add(Referral(case_id=case.id, partner=referral.partner.strip(),
                                     purpose=referral.purpose.strip(), referred_on=self.today))
        return case.id

    def _check_restricted(self, household: HouseholdInput) -> None:
        """Volunteers never write what they may not read: NRN, details of specific needs."""
        for member in household.members:
            if member.national_number.strip() and not self.actor.can(
                    Permission.VIEW_NATIONAL_NUMBER):
                raise AccessDenied("intake.national_number_forbidden")
            if member.specific_need_details.strip() and not self.actor.can(
                    Permission.VIEW_NEED_DETAILS):
                raise AccessDenied("intake.need_details_forbidden")

    def _add_person(self, uow: UnitOfWork, household_id: uuid.UUID, member: PersonInput) -> None:
        birth = parse_date(member.birth_date)
        number = parse_national_number(member.national_number) \
            if member.national_number.strip() else None

        def day(text: str) -> date | None:
            parsed = parse_date(text)
            return parsed[0] if parsed else None

        person = uow.add(Person(
            organisation_id=self.actor.organisation_id,
            surname_cyr=member.surname_cyr.strip(), given_name_cyr=member.given_name_cyr.strip(),
            patronymic_cyr=member.patronymic_cyr.strip(),
            surname_lat=member.surname_lat.strip(), given_name_lat=member.given_name_lat.strip(),
            patronymic_lat=member.patronymic_lat.strip(),
            other_spellings=[s.strip() for s in member.other_spellings if s.strip()],
            sex=Sex(member.sex), birth_date=birth[0] if birth else None,
            birth_precision=birth[1] if birth else DatePrecision.DAY,
            nationality=member.nationality, languages=list(member.languages),
            interpreter_needed=member.interpreter_needed, phone=member.phone.strip(),
            email=member.email.strip(), messaging=member.messaging.strip(),
            contact_consent=member.contact_consent,
            national_number=number.digits if number else None,
            national_number_kind=NationalNumberKind(number.kind) if number else None,
            arrived_on=day(member.arrived_on), left_ukraine_on=day(member.left_ukraine_on),
            last_place_in_ukraine=member.last_place_in_ukraine.strip()))
        uow.add(HouseholdMember(household_id=household_id, person_id=person.id,
                                relationship=Relationship(member.relationship),
                                dependant=member.dependant))
        for document in member.documents:
            uow.add(IdentityDocument(
                person_id=person.id, document_type=DocumentType(document.document_type),
                number=document.number.replace(" ", "").upper(), country=document.country,
                issued_on=day(document.issued_on), expires_on=day(document.expires_on)))
        protection = {name: day(getattr(member, name)) for name in (
            "attestation_on", "annex15_issued_on", "annex15_expires_on", "a_card_issued_on",
            "a_card_expires_on")}
        if protection["annex15_issued_on"] and not protection["annex15_expires_on"]:
            # An annex 15 is valid 45 days.
            protection["annex15_expires_on"] = protection["annex15_issued_on"] + ANNEX15_DAYS
        if any(protection.values()) or member.a_card_number.strip():
            uow.add(ProtectionStatus(person_id=person.id, a_card_number=member.a_card_number,
                                     **protection))
        for need in member.specific_needs:
            uow.add(SpecificNeed(person_id=person.id, need_type=SpecificNeedType(need),
                                 details=member.specific_need_details.strip(),
                                 urgent=member.urgent_need))
