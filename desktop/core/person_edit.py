"""Change a registered person later (an A card arrives, a phone changes, a document is
renewed): the stored record as a form, checked by the same rules as the intake, written back
field by field through the unit of work."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from desktop.core.clock import Clock
from desktop.core.date_text import display_date, display_partial
from desktop.core.enums import (
    AuditAction,
    DatePrecision,
    DocumentType,
    NationalNumberKind,
    Relationship,
    Sex,
    SpecificNeedType,
)
from desktop.core.errors import AccessDenied, RelaisError
from desktop.core.identifiers import parse_national_number
from desktop.core.intake import IntakeRejected
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput, cleaned
from desktop.core.intake_records import ANNEX15_DAYS
from desktop.core.intake_rules import IntakeRules, Problem, parse_date
from desktop.core.models import (
    HouseholdMember,
    IdentityDocument,
    Person,
    ProtectionStatus,
    SpecificNeed,
)
from desktop.core.reference import ReferenceData
from desktop.core.relationship_rules import relationship_checks
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork, record_access_soon

TEXT_FIELDS = ("surname_cyr", "given_name_cyr", "patronymic_cyr", "surname_lat",
               "given_name_lat", "patronymic_lat", "phone", "email", "messaging",
               "last_place_in_ukraine")
PROTECTION_DATES = ("attestation_on", "annex15_issued_on", "annex15_expires_on",
                    "a_card_issued_on", "a_card_expires_on")


def _day_text(value: date | None, lang: str) -> str:
    return display_date(value, lang)


def _partial_text(value: date | None, precision: DatePrecision, lang: str) -> str:
    return display_partial(value, precision, lang) if value else ""


class PersonEditService:
    def __init__(self, engine: Engine, actor: Actor, reference: ReferenceData,
                 today: date | None = None, clock: Clock | None = None) -> None:
        self.engine, self.actor = engine, actor
        self.rules = IntakeRules(reference, today, clock)

    def form(self, person_id: uuid.UUID, lang: str = "fr") -> PersonInput:
        """The stored person as the intake form shows it, its days written as ``lang`` writes
        them (29.11.2026 in German)."""
        self.actor.require(Permission.EDIT_CASES)
        with Session(self.engine) as db:
            person = db.get(Person, person_id)
            if person is None or person.deleted_at is not None:
                raise RelaisError("case.not_found")
            membership = db.exec(select(HouseholdMember).where(
                HouseholdMember.person_id == person_id,
                HouseholdMember.deleted_at.is_(None))).first()
            documents = db.exec(select(IdentityDocument).where(
                IdentityDocument.person_id == person_id,
                IdentityDocument.deleted_at.is_(None))).all()
            protection = db.exec(select(ProtectionStatus).where(
                ProtectionStatus.person_id == person_id,
                ProtectionStatus.deleted_at.is_(None))).first()
            needs = db.exec(select(SpecificNeed).where(
                SpecificNeed.person_id == person_id, SpecificNeed.deleted_at.is_(None))).all()
        form = PersonInput(**{name: getattr(person, name) or "" for name in TEXT_FIELDS})
        form.other_spellings = list(person.other_spellings or [])
        form.sex = person.sex.value
        form.birth_date = _partial_text(person.birth_date, person.birth_precision, lang)
        form.relationship = membership.relationship.value if membership else form.relationship
        form.dependant = membership.dependant if membership else False
        form.nationality = person.nationality
        form.languages = list(person.languages or [])
        form.interpreter_needed = person.interpreter_needed
        form.contact_consent = person.contact_consent
        form.national_number = (person.national_number or "") if self.actor.can(
            Permission.VIEW_NATIONAL_NUMBER) else ""
        form.arrived_on = _day_text(person.arrived_on, lang)
        form.left_ukraine_on = _day_text(person.left_ukraine_on, lang)
        form.documents = [DocumentInput(d.document_type.value, d.number, d.country,
                                        _day_text(d.issued_on, lang), _day_text(d.expires_on, lang))
                          for d in documents]
        if protection:
            for name in PROTECTION_DATES:
                setattr(form, name, _day_text(getattr(protection, name), lang))
            form.a_card_number = protection.a_card_number
        form.specific_needs = [n.need_type.value for n in needs]
        form.specific_need_details = next((n.details for n in needs if n.details), "") \
            if self.actor.can(Permission.VIEW_NEED_DETAILS) else ""
        form.urgent_need = any(n.urgent for n in needs)
        # The person's whole record opened for editing: a view of that person, audited.
        record_access_soon(self.engine, self.actor, AuditAction.VIEW, Person.__tablename__,
                           person_id)
        return form

    def save(self, person_id: uuid.UUID, form: PersonInput) -> list[str]:
        """Write the changes; returns the names of the person's fields that changed."""
        self.actor.require(Permission.EDIT_CASES)
        form = cleaned(form)  # no control or invisible characters (core/text.py)
        if form.national_number.strip() and not self.actor.can(Permission.VIEW_NATIONAL_NUMBER):
            raise AccessDenied("intake.national_number_forbidden")
        problems = self.rules.person(form, "members.0") + self._household_problems(person_id,
                                                                                   form)
        if problems:
            raise IntakeRejected(problems)
        birth = parse_date(form.birth_date)
        number = parse_national_number(form.national_number) \
            if form.national_number.strip() else None

        def day(text: str) -> date | None:
            parsed = parse_date(text)
            return parsed[0] if parsed else None

        values: dict[str, Any] = {name: getattr(form, name).strip() for name in TEXT_FIELDS}
        values.update(
            other_spellings=[s for s in form.other_spellings if s.strip()],
            sex=Sex(form.sex), birth_date=birth[0] if birth else None,
            birth_precision=birth[1] if birth else DatePrecision.DAY,
            languages=list(form.languages), interpreter_needed=form.interpreter_needed,
            contact_consent=form.contact_consent, arrived_on=day(form.arrived_on),
            left_ukraine_on=day(form.left_ukraine_on))
        if self.actor.can(Permission.VIEW_NATIONAL_NUMBER):
            values.update(national_number=number.digits if number else None,
                          national_number_kind=NationalNumberKind(number.kind) if number
                          else None)
        with UnitOfWork(self.engine, self.actor) as uow:
            person = uow.session.get(Person, person_id)
            if person is None or person.deleted_at is not None:
                raise RelaisError("case.not_found")
            changed = uow.update(person, **values)
            self._documents(uow, person_id, form.documents, day)
            self._protection(uow, person_id, form, day)
            self._needs(uow, person_id, form)
        return changed

    def _household_problems(self, person_id: uuid.UUID, form: PersonInput) -> list[Problem]:
        """A changed birth date must still fit the relationships to the head: what the
        household's checks find impossible because of this person is said on their date."""
        with Session(self.engine) as db:
            membership = db.exec(select(HouseholdMember).where(
                HouseholdMember.person_id == person_id,
                HouseholdMember.deleted_at.is_(None))).first()
            if membership is None:
                return []
            rows = db.exec(select(HouseholdMember, Person).join(
                Person, Person.id == HouseholdMember.person_id).where(
                HouseholdMember.household_id == membership.household_id,
                HouseholdMember.deleted_at.is_(None))).all()
        members = [form if person.id == person_id else PersonInput(  # read back, any language
            birth_date=_partial_text(person.birth_date, person.birth_precision, "fr"),
            relationship=member.relationship.value) for member, person in rows]
        index = next(i for i, (_, person) in enumerate(rows) if person.id == person_id)
        impossible, _odd = relationship_checks(HouseholdInput(members=members),
                                               self.rules.today)
        mine = [p for p in impossible if form.relationship == Relationship.HEAD
                or p.field == f"members.{index}.birth_date"]
        return [Problem("members.0.birth_date", key) for key in dict.fromkeys(p.key for p in mine)]

    def _documents(self, uow: UnitOfWork, person_id: uuid.UUID, typed: list[DocumentInput],
                   day: Any) -> None:
        stored = list(uow.session.exec(select(IdentityDocument).where(
            IdentityDocument.person_id == person_id, IdentityDocument.deleted_at.is_(None))))
        for index, document in enumerate(typed):
            values = dict(document_type=DocumentType(document.document_type),
                          number=document.number.replace(" ", "").upper(),
                          country=document.country, issued_on=day(document.issued_on),
                          expires_on=day(document.expires_on))
            if index < len(stored):
                uow.update(stored[index], **values)
            elif values["number"]:
                uow.add(IdentityDocument(person_id=person_id, **values))

    def _protection(self, uow: UnitOfWork, person_id: uuid.UUID, form: PersonInput,
                    day: Any) -> None:
        values: dict[str, Any] = {name: day(getattr(form, name)) for name in PROTECTION_DATES}
        if values["annex15_issued_on"] and not values["annex15_expires_on"]:
            values["annex15_expires_on"] = values["annex15_issued_on"] + ANNEX15_DAYS
        values["a_card_number"] = form.a_card_number.strip()
        stored = uow.session.exec(select(ProtectionStatus).where(
            ProtectionStatus.person_id == person_id,
            ProtectionStatus.deleted_at.is_(None))).first()
        if stored is not None:
            uow.update(stored, **values)
        elif any(values.values()):
            uow.add(ProtectionStatus(person_id=person_id, **values))

    def _needs(self, uow: UnitOfWork, person_id: uuid.UUID, form: PersonInput) -> None:
        stored = {n.need_type.value: n for n in uow.session.exec(select(SpecificNeed).where(
            SpecificNeed.person_id == person_id, SpecificNeed.deleted_at.is_(None)))}
        may_see = self.actor.can(Permission.VIEW_NEED_DETAILS)
        for kind in form.specific_needs:
            details = form.specific_need_details.strip() if may_see else None
            if kind in stored:
                changes: dict[str, Any] = {"urgent": form.urgent_need}
                if details is not None:
                    changes["details"] = details
                uow.update(stored[kind], **changes)
            else:
                uow.add(SpecificNeed(person_id=person_id, need_type=SpecificNeedType(kind),
                                     details=details or "", urgent=form.urgent_need))
        for kind, need in stored.items():
            if kind not in form.specific_needs:
                uow.delete(need)
