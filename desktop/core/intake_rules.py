"""Checks on an intake as it is typed. Each problem names its field (``members.0.birth_date``)
so the form can show the message next to it; nothing here changes what was typed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from stdnum.exceptions import ValidationError as StdnumError
from stdnum.ua import rntrc

from desktop.core.clock import Clock, clock_of
from desktop.core.dates import parse_partial
from desktop.core.enums import DatePrecision, DocumentType, Relationship, Sex
from desktop.core.errors import ValidationError
from desktop.core.identifiers import check_agreement, parse_national_number
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.limits import EARLIEST_DATE, text_problems
from desktop.core.reference import ReferenceData
from desktop.core.relationship_rules import relationship_checks

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_UA_PASSPORT = re.compile(r"^[A-ZА-ЯІЇЄҐ]{2}\d{6}$")
_UA_ID_CARD = re.compile(r"^\d{9}$")


@dataclass(frozen=True)
class Problem:
    field: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    warning: bool = False  # odd but possible: said, never blocking (IntakeRules.warnings)


def parse_date(text: str) -> tuple[date, DatePrecision] | None:
    """None for an empty field; ValidationError for something that is not a date."""
    return parse_partial(text) if text.strip() else None


class IntakeRules:
    def __init__(self, reference: ReferenceData, today: date | None = None,
                 clock: Clock | None = None) -> None:
        self.reference = reference
        self.clock = clock_of(today, clock)

    @property
    def today(self) -> date:
        """Asked each time: a session open past midnight uses the new date."""
        return self.clock.today()

    def household(self, household: HouseholdInput) -> list[Problem]:
        problems: list[Problem] = []
        if not household.members:
            problems.append(Problem("members", "intake.no_member"))
        heads = [m for m in household.members if m.relationship == Relationship.HEAD]
        if household.members and len(heads) != 1:
            problems.append(Problem("members", "intake.one_head"))
        problems += [Problem(name, "text.too_long", params)
                     for name, params in text_problems(household)]
        for index, member in enumerate(household.members):
            problems += self.person(member, f"members.{index}")
        problems += relationship_checks(household, self.today)[0]
        if household.municipality_refnis:
            municipality = self.reference.municipality(household.municipality_refnis)
            if municipality is None:
                problems.append(Problem("municipality_refnis", "org.unknown_refnis",
                                        {"refnis": household.municipality_refnis}))
            elif household.postal_code and household.postal_code not in \
                    municipality.postal_codes:
                problems.append(Problem("postal_code", "intake.postal_code_mismatch",
                                        {"postal_code": household.postal_code}))
        if household.municipality_typed.strip() and not household.municipality_refnis:
            problems.append(Problem("municipality_refnis", "intake.municipality_not_found",
                                    {"value": household.municipality_typed.strip()}))
        for index, referral in enumerate(household.referrals):
            problems += [Problem(f"referrals.{index}.{name}", "text.too_long", params)
                         for name, params in text_problems(referral)]
            if referral.purpose.strip() and not referral.partner.strip():
                problems.append(Problem(f"referrals.{index}.partner",
                                        "intake.referral_partner_required"))
        if household.members_in_ukraine < 0:
            problems.append(Problem("members_in_ukraine", "intake.not_negative"))
        return problems

    def warnings(self, household: HouseholdInput) -> list[Problem]:
        """What is odd but possible (a head of household aged 3): said, not blocking."""
        return relationship_checks(household, self.today)[1]

    def person(self, person: PersonInput, prefix: str) -> list[Problem]:
        problems: list[Problem] = []

        def add(name: str, key: str, **params: Any) -> None:
            problems.append(Problem(f"{prefix}.{name}", key, params))

        for name, params in text_problems(person):
            add(name, "text.too_long", **params)
        if not (person.surname_cyr or person.surname_lat):
            add("surname_cyr", "intake.surname_required")
        if not (person.given_name_cyr or person.given_name_lat):
            add("given_name_cyr", "intake.given_name_required")
        dates: dict[str, date] = {}
        for name in ("birth_date", "left_ukraine_on", "arrived_on", "attestation_on",
                     "annex15_issued_on", "annex15_expires_on", "a_card_issued_on",
                     "a_card_expires_on"):
            try:
                parsed = parse_date(getattr(person, name))
            except ValidationError as error:
                add(name, error.key, **error.params)
                continue
            if parsed is not None and parsed[0] < EARLIEST_DATE:
                add(name, "date.too_early", date=EARLIEST_DATE)
            elif parsed is not None:
                dates[name] = parsed[0]
        if "birth_date" not in dates and not any(p.field.endswith("birth_date")
                                                 for p in problems):
            add("birth_date", "intake.birth_date_required")
        for name in ("birth_date", "left_ukraine_on", "arrived_on", "attestation_on",
                     "annex15_issued_on", "a_card_issued_on"):
            if name in dates and dates[name] > self.today:
                add(name, "date.in_future")
        for earlier, later, key in (
            ("birth_date", "left_ukraine_on", "intake.left_before_birth"),
            ("birth_date", "arrived_on", "intake.arrived_before_birth"),
            ("left_ukraine_on", "arrived_on", "intake.arrived_before_leaving"),
            ("arrived_on", "attestation_on", "intake.attestation_before_arrival"),
            ("annex15_issued_on", "annex15_expires_on", "intake.annex15_expires_before_issue"),
            ("a_card_issued_on", "a_card_expires_on", "intake.a_card_expires_before_issue"),
        ):
            if earlier in dates and later in dates and dates[later] < dates[earlier]:
                add(later, key)
        # The annex 15 and the A card follow the attestation of temporary protection (an
        # expiry is compared only when no issue date is, which is compared to it already).
        for issued, expires, key in (
            ("annex15_issued_on", "annex15_expires_on", "intake.annex15_before_attestation"),
            ("a_card_issued_on", "a_card_expires_on", "intake.a_card_before_attestation"),
        ):
            name = issued if issued in dates else expires
            if "attestation_on" in dates and name in dates and \
                    dates[name] < dates["attestation_on"]:
                add(name, key, date=dates["attestation_on"])
        if person.national_number.strip():
            try:
                number = parse_national_number(person.national_number)
                birth = parse_date(person.birth_date)
                exact_birth = birth[0] if birth and birth[1] == DatePrecision.DAY else None
                check_agreement(number, exact_birth, Sex(person.sex))
            except ValidationError as error:
                add("national_number", error.key, **error.params)
        for index, document in enumerate(person.documents):
            problems += self._document(document, f"{prefix}.documents.{index}", dates)
        if not person.specific_needs:
            # Details and urgency belong to a need: without one they would not be stored.
            if person.specific_need_details.strip():
                add("specific_need_details", "intake.need_details_without_need")
            if person.urgent_need:
                add("specific_needs", "intake.urgent_without_need")
        if person.email and not _EMAIL.match(person.email.strip()):
            add("email", "intake.email_invalid")
        if person.phone and len(re.sub(r"\D", "", person.phone)) < 8:
            add("phone", "intake.phone_invalid")
        return problems

    def _document(self, document: Any, prefix: str, dates: dict[str, date]) -> list[Problem]:
        problems = [Problem(f"{prefix}.{name}", "text.too_long", params)
                    for name, params in text_problems(document)]
        number = document.number.replace(" ", "").upper()
        if not number:
            problems.append(Problem(f"{prefix}.number", "intake.document_number_required"))
        elif document.country == "UKR":
            kind = document.document_type
            if kind == DocumentType.PASSPORT and not _UA_PASSPORT.match(number):
                problems.append(Problem(f"{prefix}.number", "intake.ua_passport_format"))
            elif kind == DocumentType.ID_CARD and not _UA_ID_CARD.match(number):
                problems.append(Problem(f"{prefix}.number", "intake.ua_id_card_format"))
            elif kind == DocumentType.TAXPAYER_NUMBER:
                try:
                    rntrc.validate(number)
                except StdnumError:
                    problems.append(Problem(f"{prefix}.number", "intake.ua_taxpayer_invalid"))
        parsed: dict[str, date] = {}
        for name in ("issued_on", "expires_on"):
            try:
                value = parse_date(getattr(document, name))
            except ValidationError as error:
                problems.append(Problem(f"{prefix}.{name}", error.key, error.params))
                continue
            if value and value[0] < EARLIEST_DATE:
                problems.append(Problem(f"{prefix}.{name}", "date.too_early",
                                        {"date": EARLIEST_DATE}))
            elif value:
                parsed[name] = value[0]
        if "issued_on" in parsed and "expires_on" in parsed and \
                parsed["expires_on"] < parsed["issued_on"]:
            problems.append(Problem(f"{prefix}.expires_on", "intake.expires_before_issue"))
        if "issued_on" in parsed and "birth_date" in dates and \
                parsed["issued_on"] < dates["birth_date"]:
            problems.append(Problem(f"{prefix}.issued_on", "intake.issued_before_birth"))
        if "issued_on" in parsed and parsed["issued_on"] > self.today:
            problems.append(Problem(f"{prefix}.issued_on", "date.in_future"))
        return problems
