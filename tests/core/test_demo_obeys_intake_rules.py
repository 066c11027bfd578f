"""Demo data is what a trainee sees first: every generated household must pass the checks a
real intake passes (core/intake_rules.py) and tell a believable story — born before leaving
Ukraine, papers issued after birth and expiring after issue, protection documents after the
attestation, parents old enough for their children, spouses adult."""

from collections import defaultdict
from datetime import date, datetime

from sqlmodel import Session, select

from desktop.core.demo import TODAY
from desktop.core.enums import Relationship
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.intake_rules import IntakeRules
from desktop.core.models import Accommodation, CaseFile, HouseholdMember, Person
from desktop.core.reference import reference_data

SEEDS = (1, 2, 3, 5, 8)
PERSONS_PER_SEED = 260  # about 120 households each: 600 households in all
PARENT_GAP_YEARS = 14  # the same gap the import uses to take a member for a child


def day(text: str) -> date | None:
    """The intake forms hold dates as typed: dd/mm/yyyy, mm/yyyy or yyyy."""
    if not text:
        return None
    parts = text.split("/")
    return datetime.strptime("/".join(["01"] * (3 - len(parts)) + parts), "%d/%m/%Y").date()


def years(earlier: date, later: date) -> float:
    return (later - earlier).days / 365.25


def households(services) -> list[HouseholdInput]:
    """Each generated household as the intake form shows it (PersonEditService.form)."""
    with Session(services.session.engine) as db:
        members = db.exec(select(HouseholdMember).order_by(HouseholdMember.created_at)).all()
        places = {a.household_id: a for a in db.exec(select(Accommodation))}
    grouped: dict = defaultdict(list)
    for member in members:
        grouped[member.household_id].append(services.people.form(member.person_id))
    return [HouseholdInput(members=forms,
                           municipality_refnis=places[household].municipality_refnis,
                           postal_code=places[household].postal_code)
            for household, forms in grouped.items()]


def story_problems(household: HouseholdInput) -> list[str]:
    """What the intake does not check but a reader of the case would stumble on."""
    found: list[str] = []
    head = next(m for m in household.members if m.relationship == Relationship.HEAD)
    head_birth = day(head.birth_date)
    for member in household.members:
        name = f"{member.surname_lat} {member.given_name_lat} ({member.birth_date})"
        birth, left = day(member.birth_date), day(member.left_ukraine_on)
        attestation = day(member.attestation_on)
        if not birth < left:
            found.append(f"{name} born after leaving Ukraine on {member.left_ukraine_on}")
        for later in ("annex15_issued_on", "a_card_issued_on"):
            if getattr(member, later) and day(getattr(member, later)) < attestation:
                found.append(f"{name}: {later} before the attestation")
        if member.a_card_issued_on and day(member.a_card_issued_on) > TODAY:
            found.append(f"{name}: A card issued in the future")
        for document in member.documents:
            issued, expires = day(document.issued_on), day(document.expires_on)
            if not (birth < issued <= TODAY) or (expires and expires <= issued):
                found.append(f"{name}: {document.document_type} {document.issued_on}"
                             f"–{document.expires_on}")
        gap = years(birth, head_birth)  # > 0: the member is older than the head
        if member.relationship == Relationship.CHILD and -gap < PARENT_GAP_YEARS:
            found.append(f"{name}: child only {-gap:.1f} years younger than the head")
        if member.relationship == Relationship.PARENT and gap < PARENT_GAP_YEARS:
            found.append(f"{name}: parent only {gap:.1f} years older than the head")
        if member.relationship in (Relationship.HEAD, Relationship.SPOUSE) and \
                years(birth, TODAY) < 18:
            found.append(f"{name}: {member.relationship} under 18")
    return found


def test_every_generated_household_passes_the_intake_checks(services):
    for seed in SEEDS:
        services.demo.generate(PERSONS_PER_SEED, seed=seed)
    generated = households(services)
    assert len(generated) > 500
    rules = IntakeRules(services.reference, today=TODAY)
    failures = []
    for household in generated:
        problems = [f"{p.field} {p.key}" for p in rules.household(household)]
        problems += [f"{p.field} {p.key} {p.params}" for p in rules.warnings(household)]
        problems += story_problems(household)
        if problems:
            failures.append((household.members[0].surname_lat, problems))
    assert failures == []


def test_the_story_check_catches_the_reported_case():
    """A child born 01/04/2023 holding an attestation of 27/11/2022 (the issue's example)."""
    child = PersonInput(surname_lat="Koval", given_name_lat="Nazar", birth_date="01/04/2023",
                        relationship=Relationship.CHILD, left_ukraine_on="20/11/2022",
                        arrived_on="22/11/2022", attestation_on="27/11/2022")
    head = PersonInput(surname_lat="Koval", given_name_lat="Olena", birth_date="02/02/1990",
                       left_ukraine_on="20/11/2022", arrived_on="22/11/2022",
                       attestation_on="27/11/2022")
    household = HouseholdInput(members=[head, child])
    assert story_problems(household)
    keys = {p.key for p in IntakeRules(reference_data(), today=TODAY).household(household)}
    assert "intake.arrived_before_birth" in keys


def test_cases_and_accommodations_start_after_the_arrival(services):
    services.demo.generate(400, seed=4)
    with Session(services.session.engine) as db:
        arrival = {m.household_id: p.arrived_on for m, p in db.exec(
            select(HouseholdMember, Person).where(HouseholdMember.person_id == Person.id))}
        cases = db.exec(select(CaseFile)).all()
        places = db.exec(select(Accommodation)).all()
    late = [c.file_number for c in cases
            if not arrival[c.household_id] < c.opened_on <= (c.closed_on or TODAY) <= TODAY]
    early = [str(a.from_date) for a in places
             if not arrival[a.household_id] <= a.from_date <= TODAY]
    assert (late, early) == ([], [])
