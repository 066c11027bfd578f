"""One case with something in every part a person reads (needs, specific needs, documents,
protection dates, notes, tasks, referrals, aid, a merge, changes in the history), and the
check that what is shown of it holds no internal word: no snake_case code, no raw enum value."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from enum import StrEnum

from desktop.core import enums
from desktop.core.enums import (
    AidCategory,
    CaseStatus,
    NoteAudience,
    ReferralStatus,
    SpecificNeedType,
)
from desktop.core.i18n import load_catalog, texts
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput, ReferralInput

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
SEPARATORS = re.compile(r"[·,;:()/\n→≈—]")


def day(offset: int) -> str:
    return (date.today() + timedelta(days=offset)).strftime("%d/%m/%Y")


def rich_case(services) -> uuid.UUID:
    mother = PersonInput(
        surname_cyr="Бондаренко", given_name_cyr="Ірина", patronymic_cyr="Петрівна",
        surname_lat="Bondarenko", given_name_lat="Iryna", sex="F", birth_date="12/03/1988",
        national_number="88031200252", languages=["uk", "ru"], interpreter_needed=True,
        phone="0470 11 22 33", contact_consent=True,
        documents=[DocumentInput(number="FB765432", expires_on=day(15))],
        attestation_on=day(-120), annex15_issued_on=day(-60), arrived_on=day(-125),
        specific_needs=[SpecificNeedType.SERIOUS_MEDICAL_CONDITION.value],
        specific_need_details="insuline chaque jour", urgent_need=True)
    child = PersonInput(surname_cyr="Бондаренко", given_name_cyr="Максим",
                        surname_lat="Bondarenko", given_name_lat="Maksym", sex="M",
                        birth_date="2016", relationship="child", dependant=True)
    case_id = services.intake.register(HouseholdInput(
        members=[mother, child], accommodation_type="host_family", host_name="Famille Dupont",
        street="Rue de la Gare 5", postal_code="4000", municipality_refnis="62063",
        needs=["housing", "school", "psychosocial"],
        referrals=[ReferralInput(partner="FOREM", purpose="Recherche d'emploi")]))
    # The same mother registered again by someone else, then merged into the first record.
    again = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Bondarenko", given_name_lat="Iryna", sex="F", birth_date="12/03/1988",
        phone="0499 99 88 77", email="iryna@example.org")]))
    view = services.case_files.open(case_id)
    other = services.case_files.open(again)
    services.merge.merge(view.members[0].person.id, other.members[0].person.id)
    files = services.case_files
    files.add_note(case_id, "Enquête sociale commencée.", NoteAudience.SOCIAL_WORKERS)
    files.add_note(case_id, "Rendez-vous lundi.", NoteAudience.EVERYONE)
    task = files.add_task(case_id, "Renouveler l'annexe 15", date.today() + timedelta(days=7),
                          services.session.actor.user_id)
    files.add_task(case_id, "Inscrire Maksym à l'école", None, None)
    files.complete_task(task)
    referral = files.add_referral(case_id, "Croix-Rouge", "Vêtements")
    files.set_referral_status(referral, ReferralStatus.ACCEPTED)
    files.record_aid(case_id, AidCategory.FAMILY_AT_CHARGE, date.today(), date.today(),
                     piis=True)
    files.change_status(case_id, CaseStatus.FOLLOW_UP)
    files.assign(case_id, services.session.actor.user_id)
    return case_id


def _enum_values() -> set[str]:
    return {member.value for name in dir(enums)
            if isinstance(cls := getattr(enums, name), type) and issubclass(cls, StrEnum)
            and cls is not StrEnum for member in cls}


def raw_words(shown: list[str], *langs: str) -> list[str]:
    """What among the texts is a code: snake_case anywhere, or a part of a text (between
    separators) that is an enum value and not a word of these languages' catalogs (a PDF
    wraps 'Soutien psychosocial' into two lines; English 'other' is a word)."""
    words = {word.casefold() for lang in langs for message in load_catalog(lang).values()
             for text in texts(message) for word in re.findall(r"\w+", text)}
    raw = _enum_values() - words
    found = []
    for text in shown:
        found += SNAKE.findall(text)
        found += [part.strip() for part in SEPARATORS.split(text) if part.strip() in raw]
    return sorted(set(found))
