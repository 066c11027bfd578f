"""What an intake will save, grouped and labelled for the review before registering: each
person (names, document, protection, journey, languages, contact, specific needs) and the
household (accommodation, needs, first referral). Only what was typed or ticked is listed,
as the service will save it (cleaned: a pasted U+202E reversed the review's lines); codes
become words in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.enums import Sex
from desktop.core.i18n import Translator
from desktop.core.intake_input import HouseholdInput, PersonInput, cleaned
from desktop.core.reference import ReferenceData

PROTECTION = ("attestation_on", "annex15_issued_on", "annex15_expires_on", "a_card_number",
              "a_card_issued_on", "a_card_expires_on")
JOURNEY = ("left_ukraine_on", "arrived_on", "last_place_in_ukraine")
CONTACT = ("phone", "email", "messaging")


@dataclass
class ReviewSection:
    title: str
    lines: list[str]


def review_sections(tr: Translator, household: HouseholdInput,
                    reference: ReferenceData) -> list[ReviewSection]:
    household = cleaned(household)
    sections = [ReviewSection(_person_title(tr, person), _person_lines(tr, person))
                for person in household.members]
    household_lines = _household_lines(tr, household, reference)
    if household_lines:
        sections.append(ReviewSection(tr("wizard.home_title"), household_lines))
    return sections


def _labelled(tr: Translator, name: str, value: str) -> str:
    return _line(tr, tr(f"intake.field_{name}"), value)


def _line(tr: Translator, label: str, value: str) -> str:
    return tr.labelled(label, value.strip())  # "Nom : …" in French


def _person_title(tr: Translator, person: PersonInput) -> str:
    name = " ".join(p for p in (person.surname_lat or person.surname_cyr,
                                person.given_name_lat or person.given_name_cyr) if p.strip())
    parts = [name, tr.choice("relationship", person.relationship), person.birth_date.strip()]
    return " — ".join(p for p in parts if p)


def _person_lines(tr: Translator, person: PersonInput) -> list[str]:
    lines = []
    cyrillic = " ".join(p for p in (person.surname_cyr, person.given_name_cyr,
                                    person.patronymic_cyr) if p.strip())
    latin = " ".join(p for p in (person.surname_lat, person.given_name_lat,
                                 person.patronymic_lat) if p.strip())
    names = " · ".join(p for p in (cyrillic, latin) if p)
    if names:
        lines.append(_line(tr, tr("review.names"), names))
    spellings = ", ".join(s.strip() for s in person.other_spellings if s.strip())
    if spellings:
        lines.append(_labelled(tr, "other_spellings", spellings))
    if person.sex and person.sex != Sex.UNKNOWN:
        lines.append(_labelled(tr, "sex", tr.choice("sex", person.sex)))
    if person.national_number.strip():
        lines.append(_labelled(tr, "national_number", person.national_number))
    for document in person.documents:
        if not (document.number + document.issued_on + document.expires_on).strip():
            continue
        parts = [f"{tr.choice('document_type', document.document_type)} "
                 f"{document.number.strip()}".strip()]
        parts += [f"{tr(f'intake.document_{name}')} {value.strip()}" for name, value in (
            ("issued_on", document.issued_on), ("expires_on", document.expires_on))
            if value.strip()]
        lines.append(_labelled(tr, "document", " · ".join(parts)))
    lines += [_labelled(tr, name, getattr(person, name)) for name in (*PROTECTION, *JOURNEY)
              if getattr(person, name).strip()]
    spoken = [tr(f"language.{code}") for code in person.languages]
    if person.interpreter_needed:
        spoken.append(tr("intake.field_interpreter"))
    if spoken:
        lines.append(_labelled(tr, "languages", ", ".join(spoken)))
    lines += [_labelled(tr, name, getattr(person, name)) for name in CONTACT
              if getattr(person, name).strip()]
    if person.contact_consent:
        lines.append(_labelled(tr, "consent", tr("intake.consent_text")))
    needs = [tr.choice("specific_need", need) for need in person.specific_needs]
    if person.urgent_need:
        needs.append(tr("intake.urgent"))
    if needs:
        lines.append(_labelled(tr, "specific_needs", ", ".join(needs)))
    if person.specific_need_details.strip():
        lines.append(_labelled(tr, "specific_need_details", person.specific_need_details))
    return lines


def _household_lines(tr: Translator, household: HouseholdInput,
                     reference: ReferenceData) -> list[str]:
    lines = []
    if household.members_in_ukraine:
        lines.append(_labelled(tr, "members_in_ukraine", str(household.members_in_ukraine)))
    found = reference.municipality(household.municipality_refnis) \
        if household.municipality_refnis else None
    place = found.name(tr.language) if found else household.municipality_typed.strip()
    where = ", ".join(part for part in (
        household.host_name.strip(), household.street.strip(),
        " ".join(p for p in (household.postal_code.strip(), place) if p)) if part)
    if where or household.accommodation_type:
        # Also while the kind of housing is unknown: the address is stored all the same.
        kind = tr.choice("accommodation", household.accommodation_type or "unknown")
        lines.append(_labelled(tr, "accommodation_type", kind + (f" — {where}" if where
                                                                 else "")))
    if household.sleeps_tonight.strip():
        lines.append(_line(tr, tr("quick.tonight"), household.sleeps_tonight))
    if household.needs:
        lines.append(_labelled(tr, "needs", ", ".join(tr.choice("need_area", need)
                                                      for need in household.needs)))
    for referral in household.referrals:
        lines.append(" — ".join(p for p in (
            _labelled(tr, "referral_partner", referral.partner) if referral.partner.strip()
            else "",
            _labelled(tr, "referral_purpose", referral.purpose) if referral.purpose.strip()
            else "") if p))
    return lines
