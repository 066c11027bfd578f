"""Protection papers follow the attestation; ages fit the relationships to the head. What
cannot be blocks, named by field; what is only odd is a warning that never blocks."""

from datetime import date

import pytest

from desktop.core.intake import IntakeRejected
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.intake_rules import IntakeRules
from desktop.core.reference import reference_data

TODAY = date(2024, 6, 1)


def rules() -> IntakeRules:
    return IntakeRules(reference_data(), today=TODAY)


def person(birth: str, relationship: str = "head", **dates: str) -> PersonInput:
    return PersonInput(surname_lat="Bondar", given_name_lat="Iryna", birth_date=birth,
                       relationship=relationship, **dates)


def found(problems) -> set[tuple[str, str]]:
    return {(p.field, p.key) for p in problems}


def test_annex15_and_a_card_are_dated_after_the_attestation():
    problems = rules().person(person("1980", attestation_on="10/05/2022",
                                     annex15_issued_on="02/05/2022",
                                     a_card_issued_on="01/04/2022"), "members.0")
    assert found(problems) >= {
        ("members.0.annex15_issued_on", "intake.annex15_before_attestation"),
        ("members.0.a_card_issued_on", "intake.a_card_before_attestation")}
    assert next(p for p in problems if p.key == "intake.annex15_before_attestation"
                ).params == {"date": date(2022, 5, 10)}
    fine = rules().person(person("1980", attestation_on="10/05/2022",
                                 annex15_issued_on="10/05/2022",
                                 a_card_issued_on="01/09/2022"), "members.0")
    assert fine == []


def test_impossible_ages_block_and_name_the_birth_date():
    household = HouseholdInput(members=[
        person("12/03/1990"), person("1985", "child"), person("05/1992", "parent"),
        person("2001", "grandparent"), person("1970", "grandchild")])
    assert found(rules().household(household)) == {
        ("members.1.birth_date", "intake.child_older_than_head"),
        ("members.2.birth_date", "intake.parent_younger_than_head"),
        ("members.3.birth_date", "intake.grandparent_younger_than_head"),
        ("members.4.birth_date", "intake.grandchild_older_than_head")}


def test_a_year_that_may_be_true_is_never_called_impossible():
    household = HouseholdInput(members=[person("05/1990"), person("1990", "child")])
    assert rules().household(household) == []  # the child may be born in December
    assert found(rules().warnings(household)) == {
        ("members.1.birth_date", "intake.child_close_in_age")}


def test_odd_ages_are_warnings_that_say_what_is_odd(services):
    household = HouseholdInput(members=[
        person("01/01/2021"), person("01/01/2019", "spouse")])
    warnings = rules().warnings(household)
    assert found(warnings) == {("members.0.birth_date", "intake.head_minor"),
                               ("members.1.birth_date", "intake.spouse_minor")}
    assert all(w.warning for w in warnings)
    head = next(w for w in warnings if w.key == "intake.head_minor")
    from desktop.core.i18n import Translator

    assert Translator("fr")(head.key, **head.params).startswith(
        "À vérifier\u00a0: la personne de référence a 3 ans.")
    young_mother = HouseholdInput(members=[person("01/01/1990"),
                                           person("01/06/1999", "child")])
    assert [(w.key, w.params) for w in rules().warnings(young_mother)] == [
        ("intake.child_close_in_age", {"n": 9})]
    # Odd is not impossible: the household is registered.
    assert services.intake.check(young_mother) == []
    services.intake.register(young_mother)


def test_the_service_refuses_what_cannot_be(services):
    with pytest.raises(IntakeRejected) as refused:
        services.intake.register(HouseholdInput(members=[person("1990"),
                                                         person("1960", "child")]))
    assert refused.value.problems[0].field == "members.1.birth_date"


def test_editing_a_birth_date_keeps_it_possible_within_the_household(services):
    from sqlmodel import Session, select

    from desktop.core.models import HouseholdMember

    case = services.intake.register(HouseholdInput(members=[
        person("12/03/1985"), person("2012", "child")]))
    with Session(services.session.engine) as db:
        from desktop.core.models import CaseFile

        household = db.get(CaseFile, case).household_id
        ids = [m.person_id for m in db.exec(select(HouseholdMember).where(
            HouseholdMember.household_id == household))]
    child_id = next(i for i in ids if services.people.form(i).relationship == "child")
    head_id = next(i for i in ids if i != child_id)
    child = services.people.form(child_id)
    child.birth_date = "1980"  # now older than the head
    with pytest.raises(IntakeRejected) as refused:
        services.people.save(child_id, child)
    assert [(p.field, p.key) for p in refused.value.problems] == [
        ("members.0.birth_date", "intake.child_older_than_head")]
    head = services.people.form(head_id)
    head.birth_date = "2015"  # the head made younger than the child
    with pytest.raises(IntakeRejected):
        services.people.save(head_id, head)
    head.birth_date = "1984"
    services.people.save(head_id, head)
