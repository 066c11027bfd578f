"""Lengths and dates every entry point refuses, and a name index and a search whose work
stays bounded whatever got into the database (a 40,000-letter surname once made every
search take gigabytes). Work is counted, never timed."""

from datetime import date

import pytest
from sqlalchemy import event
from sqlmodel import Session

from desktop.core.enums import DatePrecision, Relationship, Sex
from desktop.core.errors import ValidationError
from desktop.core.intake import IntakeRejected
from desktop.core.intake_input import HouseholdInput, ReferralInput
from desktop.core.limits import FIELD_MAX, NAME_MAX, NOTE_MAX, QUERY_WORDS_MAX
from desktop.core.models import Household, HouseholdMember, Person
from desktop.core.name_index import (
    MAX_FUZZY_LENGTH,
    MAX_NEAR_FORMS,
    MAX_TOKENS,
    NameIndex,
    deletion_entries,
)
from desktop.core.uow import UnitOfWork
from tests.core.test_intake import fields_of, mother

# Letters that never repeat a pattern, so that every deletion is a distinct string.
LONG_SURNAME = "".join("abcdefghijklmnopqrstuvwxyz"[(i * 7 + i // 26) % 26]
                       for i in range(40_000))


def test_a_40000_letter_surname_is_refused_on_its_field(services):
    household = HouseholdInput(members=[mother(surname_lat=LONG_SURNAME)])
    problems = services.intake.check(household)
    assert fields_of(problems)["members.0.surname_lat"] == "text.too_long"
    assert next(p for p in problems if p.key == "text.too_long").params == {
        "max": NAME_MAX, "length": 40_000}
    with pytest.raises(IntakeRejected):
        services.intake.register(household)


def test_a_name_at_the_limit_and_a_long_enough_street_are_accepted(services):
    household = HouseholdInput(members=[mother(surname_lat="S" * NAME_MAX)],
                               street="x" * FIELD_MAX)
    assert "text.too_long" not in fields_of(services.intake.check(household)).values()


@pytest.mark.parametrize("household, field", [
    (HouseholdInput(members=[mother()], street="x" * (FIELD_MAX + 1)), "street"),
    (HouseholdInput(members=[mother(other_spellings=["ok", "y" * (NAME_MAX + 1)])]),
     "members.0.other_spellings"),
    (HouseholdInput(members=[mother()],
                    referrals=[ReferralInput("Croix-Rouge", "z" * (FIELD_MAX + 1))]),
     "referrals.0.purpose"),
])
def test_every_text_field_has_a_limit(services, household, field):
    assert fields_of(services.intake.check(household)).get(field) == "text.too_long"


@pytest.mark.parametrize("typed, key", [
    ("01/01/1800", "date.too_early"), ("1899", "date.too_early"), ("01/01/1900", None)])
def test_a_birth_date_before_1900_is_refused(services, typed, key):
    problems = fields_of(services.intake.check(HouseholdInput(members=[
        mother(birth_date=typed, left_ukraine_on="", arrived_on="")])))
    assert problems.get("members.0.birth_date") == key


def test_editing_a_person_obeys_the_same_limits(services):
    case_id = services.intake.register(HouseholdInput(members=[mother()]))
    person_id = services.case_files.open(case_id).members[0].person.id
    form = services.people.form(person_id)
    form.given_name_lat = "Y" * 40_000
    with pytest.raises(IntakeRejected) as rejected:
        services.people.save(person_id, form)
    assert {p.key for p in rejected.value.problems} == {"text.too_long"}


def store_bypassing_the_rules(services, surname: str) -> None:
    """As an old database or a bug could have it: written without the intake's rules."""
    session = services.session
    with UnitOfWork(session.engine, session.actor) as uow:
        household = uow.add(Household(organisation_id=session.organisation.id))
        person = uow.add(Person(organisation_id=session.organisation.id, surname_lat=surname,
                                given_name_lat="Olena", sex=Sex.FEMALE,
                                birth_date=date(1980, 1, 1), birth_precision=DatePrecision.DAY))
        uow.add(HouseholdMember(household_id=household.id, person_id=person.id,
                                relationship=Relationship.HEAD))


def test_the_index_keeps_a_bounded_number_of_deletions_per_token(services):
    store_bypassing_the_rules(services, LONG_SURNAME)
    index = NameIndex()
    with Session(services.session.engine) as db:
        # Latin and normal forms of the long surname and of "Olena": at most one deletion
        # per letter of each form's first MAX_FUZZY_LENGTH letters (40,000 per form before).
        assert deletion_entries(db) <= 4 * MAX_FUZZY_LENGTH
        assert index.near_keys(db, LONG_SURNAME[:39] + "q" + LONG_SURNAME[40:])  # found


def one_edit_from(word: str) -> list[str]:
    """Every made-up name one letter away from ``word`` (replaced or added), of consonants
    that give each its own key."""
    letters = "bcdfhklmnprstvz"
    near = {word[:i] + letter + word[i + 1:] for i in range(len(word)) for letter in letters}
    near |= {word[:i] + letter + word[i:] for i in range(len(word) + 1) for letter in letters}
    return sorted(near - {word})


def test_near_spellings_of_a_word_are_capped_keeping_the_common_names(services):
    """Hundreds of made-up names one typo away from a real one: a word looks up at most
    MAX_NEAR_FORMS of them, the most common first, so the real name is still found."""
    junk = [form for form in one_edit_from("kozuk") if form != "kozak"]
    assert len(junk) > 3 * MAX_NEAR_FORMS
    session = services.session
    with UnitOfWork(session.engine, session.actor) as uow:
        for start in range(0, len(junk), 40):
            household = uow.add(Household(organisation_id=session.organisation.id))
            person = uow.add(Person(
                organisation_id=session.organisation.id, surname_lat="Zzz", given_name_lat="Q",
                other_spellings=junk[start:start + 40], sex=Sex.FEMALE,
                birth_date=date(1980, 1, 1), birth_precision=DatePrecision.DAY))
            uow.add(HouseholdMember(household_id=household.id, person_id=person.id,
                                    relationship=Relationship.HEAD))
    for given in ("Olena", "Taras"):
        services.intake.register(HouseholdInput(members=[mother(surname_lat="Kozak",
                                                                given_name_lat=given)]))
    index = NameIndex()
    with Session(session.engine) as db:
        near = index.near_keys(db, "Kozuk")
        assert len(near) <= MAX_NEAR_FORMS
        assert near == index.near_keys(db, "Kozuk")  # the same choice every time
    hits = services.search.search("Kozuk Olena")
    assert hits[0].display_name.startswith("KOZAK Olena")


def count_parameters(engine) -> list[int]:
    """The number of bound parameters of each statement the search sends."""
    sent: list[int] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(len(parameters) if parameters else 0)

    event.listen(engine, "before_cursor_execute", record)
    return sent


def test_a_1000_character_query_returns_with_bounded_work(services):
    store_bypassing_the_rules(services, LONG_SURNAME)
    services.intake.register(HouseholdInput(members=[mother()]))
    sent = count_parameters(services.session.engine)
    hits = services.search.search("Shevchenko " * 91)  # 1,001 characters, 91 words
    assert [hit.display_name for hit in hits] == ["SHEVCHENKO Yuliia (ШЕВЧЕНКО Юлія)"]
    # Ten words at most are looked up, each with the keys near it.
    assert len(sent) < 20 and max(sent) <= 40 * QUERY_WORDS_MAX
    # The long name is still found by its beginning.
    found = services.search.search(LONG_SURNAME[:60])
    assert [hit.names[0][:10] for hit in found] == [LONG_SURNAME[:10]]


def test_a_query_of_hyphenated_letters_is_at_most_ten_words(services):
    services.intake.register(HouseholdInput(members=[mother()]))
    sent = count_parameters(services.session.engine)
    services.search.search("-".join("abcdefghij" * 10))
    assert max(sent) <= 40 * QUERY_WORDS_MAX


def test_a_case_note_task_and_referral_have_their_limits(services):
    case_id = services.intake.register(HouseholdInput(members=[mother()]))
    services.case_files.add_note(case_id, "n" * NOTE_MAX)
    for add, field in (
            (lambda: services.case_files.add_note(case_id, "n" * (NOTE_MAX + 1)), "body"),
            (lambda: services.case_files.add_task(case_id, "t" * (FIELD_MAX + 1), None, None),
             "title"),
            (lambda: services.case_files.add_referral(case_id, "Croix-Rouge",
                                                      "p" * (FIELD_MAX + 1)), "purpose")):
        with pytest.raises(ValidationError) as refused:
            add()
        assert (refused.value.key, refused.value.field) == ("text.too_long", field)


def test_the_case_list_filter_reads_ten_words_of_a_long_filter(services):
    services.intake.register(HouseholdInput(members=[mother()]))
    # A thousand words were a thousand nested subqueries: SQLite refuses past 1,000.
    assert len(services.cases.ids(filter_text="Shevchenko " * 1000)) == 1


def test_a_spelling_of_a_hundred_words_gives_a_bounded_number_of_rows(services):
    letters = "bcdfghjklmnpqrstvwxz"
    words = " ".join(f"{letters[i % 20]}a{letters[i // 20]}ko" for i in range(100))
    store_bypassing_the_rules(services, words)
    with services.session.engine.connect() as db:
        rows = db.exec_driver_sql("SELECT count(*) FROM person_name_key").scalar_one()
    assert rows <= MAX_TOKENS + 1  # eight words of the surname, and "Olena"
