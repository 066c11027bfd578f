from datetime import date

import pytest
from sqlmodel import Session, func, select

from desktop.core.enums import Role, Sex
from desktop.core.errors import AccessDenied
from desktop.core.models import AuditEvent, CaseFile, Household, HouseholdMember, Person
from desktop.core.names import skeleton
from tests.conftest import login_as


@pytest.fixture
def populated(services):
    services.demo.generate(600, seed=7)
    return services


def test_demo_data_looks_like_the_displaced_population(populated):
    with Session(populated.session.engine) as db:
        persons = db.exec(select(Person)).all()
        households = db.exec(select(func.count()).select_from(Household)).one()
        cases = db.exec(select(CaseFile)).all()
    assert len(persons) == 600
    women = sum(p.sex == Sex.FEMALE for p in persons) / len(persons)
    minors = sum((date(2026, 11, 27) - p.birth_date).days < 18 * 365.25 for p in persons)
    assert 0.55 < women < 0.75
    assert 0.28 < minors / len(persons) < 0.48
    assert len(cases) == households
    assert {c.status for c in cases} == {"open", "follow_up", "closed"}
    assert all(p.surname_cyr and p.surname_lat for p in persons)
    by_year: dict[str, list[int]] = {}
    for case in cases:
        year, serial = case.file_number.split("/")
        by_year.setdefault(year, []).append(int(serial))
    assert all(sorted(serials) == list(range(1, len(serials) + 1))
               for serials in by_year.values())


def test_same_seed_gives_the_same_people(services, vault):
    services.demo.generate(50, seed=11)
    with Session(services.session.engine) as db:
        first = [(p.surname_cyr, p.given_name_cyr, p.birth_date)
                 for p in db.exec(select(Person).order_by(Person.id))]
        for table in ("person_name_key", "household_member", "identity_document",
                      "protection_status", "specific_need", "accommodation", "note", "task",
                      "referral", "case_file", "person", "household"):
            db.exec(__import__("sqlalchemy").text(f"DELETE FROM {table}"))
        db.commit()
    services.demo.generate(50, seed=11)
    with Session(services.session.engine) as db:
        second = [(p.surname_cyr, p.given_name_cyr, p.birth_date)
                  for p in db.exec(select(Person).order_by(Person.id))]
    assert first == second


def test_demo_writes_go_through_the_audit_trail(populated):
    with Session(populated.session.engine) as db:
        audited = db.exec(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.entity == "person")
        ).one()
    assert audited == 600


def _some_person(services) -> Person:
    with Session(services.session.engine) as db:
        return db.exec(select(Person).where(Person.surname_cyr == "Шевченко")).first()


@pytest.mark.parametrize("surname", ["Шевченко", "Shevchenko", "Chevtchenko", "Sjevtsjenko",
                                     "Schewtschenko"])
def test_search_finds_a_person_from_any_spelling_of_the_name(populated, surname):
    person = _some_person(populated)
    hits = populated.search.search(f"{surname} {person.given_name_lat}", limit=50)
    assert person.id in [h.person_id for h in hits]
    hit = next(h for h in hits if h.person_id == person.id)
    assert "name" in hit.reasons
    assert hit.case_id is not None


def test_search_by_file_number_and_birth_date(populated):
    person = _some_person(populated)
    hit = populated.search.search(f"{person.birth_date:%d/%m/%Y}", limit=50)
    assert person.id in [h.person_id for h in hit]
    with Session(populated.session.engine) as db:
        case = db.exec(
            select(CaseFile).join(HouseholdMember,
                                  HouseholdMember.household_id == CaseFile.household_id)
            .where(HouseholdMember.person_id == person.id)
        ).one()
    hits = populated.search.search(case.file_number)
    assert person.id in [h.person_id for h in hits]
    assert hits[0].reasons == ["file_number"]


def test_only_roles_allowed_to_see_the_national_number_can_search_by_it(vault, populated):
    with Session(populated.session.engine) as db:
        person = db.exec(select(Person).where(Person.national_number.is_not(None))).first()
    assert person.id in [h.person_id for h in populated.search.search(person.national_number)]
    volunteer = login_as(vault, populated, "vera", Role.VOLUNTEER)
    assert person.id not in [h.person_id for h in volunteer.search.search(person.national_number)]
    volunteer.session.close()


def test_case_list_sorts_and_filters_by_any_spelling(populated):
    cases = populated.cases
    by_number = cases.ids("file_number")
    assert len(by_number) == cases.count()
    rows = cases.rows(by_number[:3])
    numbers = [rows[i].file_number for i in by_number[:3]]
    assert numbers == sorted(numbers)
    assert cases.ids("file_number", descending=True) == list(reversed(by_number))
    filtered = cases.ids(filter_text="Schewtschenko")
    assert filtered
    for row in cases.rows(filtered).values():
        assert row.members >= 1
    names = [cases.rows([i])[i].head_name for i in cases.ids("name")[:20]]
    assert names == sorted(names)
    assert skeleton("Schewtschenko") == skeleton("Шевченко")


def test_case_list_requires_a_signed_in_role_that_may_see_cases(vault, populated):
    volunteer = login_as(vault, populated, "vera", Role.VOLUNTEER)
    assert volunteer.cases.count() == populated.cases.count()
    with pytest.raises(AccessDenied):
        volunteer.users.list_users()
    volunteer.session.close()


def test_demo_cases_have_needs_that_fit_the_household(populated):
    from desktop.core.enums import NeedArea

    with Session(populated.session.engine) as db:
        cases = db.exec(select(CaseFile)).all()
        births: dict = {}
        for member, person in db.exec(select(HouseholdMember, Person).where(
                HouseholdMember.person_id == Person.id)):
            births.setdefault(member.household_id, []).append(person.birth_date)
    # Ages when the file was opened, which is when the needs were said.
    ages = {c.household_id: [(c.opened_on - b).days / 365.25 for b in births[c.household_id]]
            for c in cases}
    with_needs = [c for c in cases if c.needs]
    assert 0.6 < len(with_needs) / len(cases) < 1
    assert {n for c in cases for n in c.needs} == {n.value for n in NeedArea}
    for case in with_needs:
        if "school" in case.needs:
            assert any(2 < age < 19 for age in ages[case.household_id])
        if "childcare" in case.needs:
            assert any(age < 4 for age in ages[case.household_id])
