"""Search on hand-made persons: every spelling, typos, scripts, identifiers."""

from datetime import date

import pytest
from sqlalchemy import text

from desktop.core.enums import DatePrecision, DocumentType, Relationship, Sex
from desktop.core.models import CaseFile, Household, HouseholdMember, IdentityDocument, Person
from desktop.core.uow import UnitOfWork


@pytest.fixture
def people(services):
    """Four households, with namesakes and near-namesakes around the persons searched."""
    session = services.session
    org = session.organisation.id
    made = {}
    specs = [
        ("yuliia", "Шевченко", "Юлія", "Shevchenko", "Yuliia", Sex.FEMALE, date(1985, 7, 30),
         ["Chevtchenko Ioulia"], "+32 470 12 34 56", "FA123456"),
        ("namesake", "Шевченко", "Юлія", "Shevchenko", "Yuliia", Sex.FEMALE, date(1990, 1, 2),
         [], "", ""),
        ("olha", "Шевченко", "Ольга", "Shevchenko", "Olha", Sex.FEMALE, date(1960, 3, 3),
         [], "", ""),
        ("kravchuk", "Кравчук", "Оксана", "Kravchuk", "Oksana", Sex.FEMALE, date(1979, 5, 5),
         [], "", ""),
        ("kravchenko", "Кравченко", "Оксана", "Kravchenko", "Oksana", Sex.FEMALE,
         date(1981, 6, 6), [], "", ""),
        ("oleksandr", "Гончаренко", "Олександр", "Honcharenko", "Oleksandr", Sex.MALE,
         date(1975, 1, 1), [], "", ""),
        ("tetiana", "Бондар", "Тетяна", "Bondar", "Tetiana", Sex.FEMALE, date(1970, 2, 2),
         [], "", ""),
        ("andrii", "Ковальчук", "Андрій", "Kovalchuk", "Andrii", Sex.MALE, date(2010, 4, 4),
         [], "", ""),
        ("serhii", "Мельник", "Сергій", "Melnyk", "Serhii", Sex.MALE, date(1966, 8, 8),
         [], "", ""),
    ]
    with UnitOfWork(session.engine, session.actor) as uow:
        for number, (tag, s_cyr, g_cyr, s_lat, g_lat, sex, born, other, phone, passport) in \
                enumerate(specs, 1):
            household = uow.add(Household(organisation_id=org, reference=tag))
            person = uow.add(Person(
                organisation_id=org, surname_cyr=s_cyr, given_name_cyr=g_cyr,
                surname_lat=s_lat, given_name_lat=g_lat, sex=sex, birth_date=born,
                birth_precision=DatePrecision.DAY, other_spellings=other, phone=phone))
            uow.add(HouseholdMember(household_id=household.id, person_id=person.id,
                                    relationship=Relationship.HEAD))
            uow.add(CaseFile(organisation_id=org, household_id=household.id,
                             file_number=f"2024/{number:06d}", opened_on=date(2024, 1, 1)))
            if passport:
                uow.add(IdentityDocument(person_id=person.id,
                                         document_type=DocumentType.PASSPORT, number=passport))
            made[tag] = person.id
    return made


def top(services, query, n=3):
    return [hit.person_id for hit in services.search.search(query, limit=n)]


@pytest.mark.parametrize("query", [
    "Шевченко Юлія", "Shevchenko Yuliia", "Chevtchenko Ioulia", "Sjevtsjenko Joelija",
    "Schewtschenko Julija", "Shevchenko Yulia", "Шевченко Юлия", "Шевченко Юля",
    "Shevhcenko Yuliia", "Shevchenk Yuliia", "Шевчнко Юлія", "shevchenko", "SHEVCH",
])
def test_every_spelling_script_and_typo_finds_the_person(services, people, query):
    found = top(services, query, n=5)
    assert people["yuliia"] in found
    assert people["kravchuk"] not in found


def test_namesakes_both_come_first_and_are_told_apart_by_birth_date(services, people):
    hits = services.search.search("Шевченко Юлія", limit=5)
    first_two = {hits[0].person_id, hits[1].person_id}
    assert first_two == {people["yuliia"], people["namesake"]}
    assert {hits[0].birth_date, hits[1].birth_date} == {"1985-07-30", "1990-01-02"}
    assert all(hit.file_number for hit in hits[:2])
    assert "name" in hits[0].reasons


def test_names_sharing_a_key_rank_by_spelling(services, people):
    assert top(services, "Kravchenko Oksana", 1) == [people["kravchenko"]]
    assert top(services, "Kravchuk Oksana", 1) == [people["kravchuk"]]
    assert top(services, "Kravcheeko Oksana", 1) == [people["kravchenko"]]  # a typo


@pytest.mark.parametrize(("query", "tag"), [
    ("Гончаренко Саша", "oleksandr"), ("Goncharenko Aleksandr", "oleksandr"),
    ("Гончаренко Александр", "oleksandr"), ("Бондар Таня", "tetiana"),
    ("Бондар Татьяна", "tetiana"), ("Kovalchuk Andriy", "andrii"),
    ("Мельник Сергей", "serhii"), ("Melnik Sergey", "serhii"),
])
def test_russian_forms_diminutives_and_old_spellings(services, people, query, tag):
    assert top(services, query, 1) == [people[tag]]


def test_a_russian_form_does_not_turn_one_name_into_another(services, people):
    # Оля is Ольга: it must not bring up Юлія, whose consonants are the same.
    found = top(services, "Шевченко Оля", 5)
    assert found[0] == people["olha"]


def test_identifiers_find_the_person(services, people):
    assert top(services, "2024/000001", 1) == [people["yuliia"]]
    assert top(services, "30/07/1985", 1) == [people["yuliia"]]
    assert top(services, "0470 12 34 56", 1) == [people["yuliia"]]
    assert top(services, "+32470123456", 1) == [people["yuliia"]]
    assert top(services, "fa123456", 1) == [people["yuliia"]]
    assert services.search.search("zzzz qqqq") == []


def test_phone_search_uses_its_index(services, people):
    from desktop.core.models.people import PHONE_TAIL_SQL

    with services.session.engine.connect() as connection:
        plan = " ".join(str(row) for row in connection.execute(text(
            f"EXPLAIN QUERY PLAN SELECT id FROM person WHERE {PHONE_TAIL_SQL} = '470123456'")))
    assert "ix_person_phone_tail" in plan


def test_renaming_a_person_updates_the_index(services, people):
    with UnitOfWork(services.session.engine, services.session.actor) as uow:
        person = uow.session.get(Person, people["andrii"])
        uow.update(person, surname_cyr="Петренко", surname_lat="Petrenko")
    assert top(services, "Petrenko Andrii", 1) == [people["andrii"]]
    assert people["andrii"] not in top(services, "Kovalchuk Andrii", 5)


def test_the_index_can_be_rebuilt_from_the_persons(services, people):
    from desktop.core.name_index import rebuild_name_index

    with services.session.engine.begin() as connection:
        connection.execute(text("DELETE FROM person_name_key"))
        assert rebuild_name_index(connection) > 0
    assert top(services, "Chevtchenko Ioulia", 2)[0] in {people["yuliia"], people["namesake"]}


def matched(services, query, tag, people):
    from desktop.core.i18n import Translator
    from desktop.core.matches import describe_all

    hit = next(h for h in services.search.search(query, limit=10)
               if h.person_id == people[tag])
    return [(m.kind, m.typed, m.found) for m in hit.matched], describe_all(Translator("en"),
                                                                           hit.matched)


def test_a_result_says_which_spelling_each_typed_word_met(services, people):
    # Transliterated (Dutch): the person's own Cyrillic spelling is shown.
    found, said = matched(services, "Sjevtsjenko Joelija", "yuliia", people)
    assert ("name", "Sjevtsjenko", "ШЕВЧЕНКО") in found
    assert "Sjevtsjenko ≈ ШЕВЧЕНКО" in said
    # One of the person's recorded other spellings, typed as recorded: just that one.
    assert matched(services, "Chevtchenko Ioulia", "yuliia", people)[1] == \
        "Chevtchenko; Ioulia"
    # Typed as stored: just that spelling.
    assert matched(services, "шевченко", "yuliia", people)[1] == "ШЕВЧЕНКО"
    # A typo, a diminutive, a name still being typed: each says so.
    found, said = matched(services, "Kravcheeko Oksana", "kravchenko", people)
    assert ("name_typo", "Kravcheeko", "КРАВЧЕНКО") in found
    assert "Kravcheeko ≈ КРАВЧЕНКО (one letter differs)" in said
    found, said = matched(services, "Гончаренко Саша", "oleksandr", people)
    assert ("name_alias", "Саша", "Олександр") in found
    assert "Саша ≈ Олександр (another form of the name)" in said
    found, _ = matched(services, "Bondar Tet", "tetiana", people)
    assert ("name_prefix", "Tet", "Тетяна") in found


def test_a_result_found_by_an_identifier_names_it(services, people):
    assert matched(services, "2024/000001", "yuliia", people)[1] == "file number 2024/000001"
    assert matched(services, "0470 12 34 56", "yuliia", people)[1] == "phone …3456"
    assert matched(services, "fa123456", "yuliia", people)[1] == "document FA123456"
    assert matched(services, "30/07/1985", "yuliia", people)[1] == "birth date 30/07/1985"


def test_a_possible_duplicate_says_which_spelling_and_identifier_met(services, people):
    from desktop.core.intake_input import PersonInput

    typed = PersonInput(surname_lat="Sjevtsjenko", given_name_lat="Joelija",
                        birth_date="30/07/1985", phone="0470 12 34 56")
    [duplicate, *_] = services.duplicates.find(typed)
    assert duplicate.person_id == people["yuliia"]
    met = [(m.kind, m.typed, m.found) for m in duplicate.matched]
    assert ("name", "Sjevtsjenko", "ШЕВЧЕНКО") in met
    assert ("phone", "0470123456", "3456") in met
