"""The name index stays right when a person is created and renamed in one unit of work (as
a pull does); the near-spelling tables kept by the database follow every change of names,
and find what comparing the word with every known form finds."""

from sqlalchemy import select
from sqlmodel import Session

from desktop.core.intake_input import HouseholdInput
from desktop.core.models import NameDeletion, NameForm, Person, PersonNameKey
from desktop.core.name_index import (
    MAX_NEAR_FORMS,
    MIN_FUZZY_LENGTH,
    NameIndex,
    _deletions,
    rebuild_name_index,
)
from desktop.core.names import latin_letters, normal, skeleton
from desktop.core.uow import UnitOfWork
from tests.core.near_index import assert_in_step
from tests.core.test_intake import child, mother
from tests.core.test_merge import person_of


def _forms(session, person_id) -> set[str]:
    with Session(session.engine) as db:
        return set(db.scalars(select(PersonNameKey.form)
                              .where(PersonNameKey.person_id == person_id)))


def test_a_person_created_and_renamed_in_one_unit_of_work_is_indexed_by_the_new_name(session):
    with UnitOfWork(session.engine, session.actor) as uow:
        person = uow.add(Person(organisation_id=session.organisation.id,
                                surname_lat="Shevchenko", given_name_lat="Yuliia"))
        uow.update(person, surname_lat="Kovalenko")
    assert _forms(session, person.id) == {"kovalenko", "yuliia"}
    assert_in_step(session.engine)


def test_a_bulk_created_person_renamed_in_the_same_unit_of_work_is_indexed_once(session):
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.bulk_insert(Person, [{"organisation_id": session.organisation.id,
                                  "surname_lat": "Shevchenko", "given_name_lat": "Yuliia"}])
        uow.checkpoint()
        person = uow.session.scalars(select(Person)).one()
        uow.update(person, given_name_lat="Olena")
        uow.update(person, surname_lat="Bondar")
    assert _forms(session, person.id) == {"bondar", "olena"}
    assert_in_step(session.engine)


def test_a_rename_reaches_the_near_spellings_and_the_old_name_leaves_them(session):
    with UnitOfWork(session.engine, session.actor) as uow:
        person = uow.add(Person(organisation_id=session.organisation.id,
                                surname_lat="Shevchenko", given_name_lat="Yuliia"))
    index = NameIndex()
    with Session(session.engine) as db:
        assert skeleton("Shevchenko") in index.near_keys(db, "Shevchenkko")
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.update(uow.session.get(Person, person.id), surname_lat="Tkachenko",
                   given_name_lat="Oksana")
    with Session(session.engine) as db:
        assert skeleton("Tkachenko") in index.near_keys(db, "Tkachenkko")  # a letter too many
        assert latin_letters("Oksana") in index.forms_starting_with(db, "oksa").values()
        assert index.near_keys(db, "Shevchenkko") == {}
        assert index.forms_starting_with(db, "shev") == {}


def test_the_near_spelling_tables_follow_every_change_of_names(session, services):
    """Registered, renamed, merged, erased, rebuilt: the distinct forms, their counts and
    their deletions are always those of the index rows, and a name nobody holds any more
    leaves no trace in them."""
    first = services.intake.register(HouseholdInput(members=[mother(), child()]))
    second = services.intake.register(HouseholdInput(members=[mother(
        surname_cyr="", surname_lat="Chevtchenko", given_name_cyr="", given_name_lat="Ioulia",
        documents=[])]), quick=True)
    assert_in_step(session.engine)
    keep, other = person_of(services, first), person_of(services, second)
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.update(uow.session.get(Person, other), given_name_lat="Ioulya")
    assert_in_step(session.engine)
    services.merge.merge(keep, other)
    assert_in_step(session.engine)
    services.retention.anonymise_person(keep)
    assert_in_step(session.engine)
    with Session(session.engine) as db:
        assert not db.scalars(select(NameForm).where(NameForm.form == "ioulya")).all()
        assert not db.scalars(select(NameDeletion).where(
            NameDeletion.variant == "ioulya")).all()
        held = db.scalars(select(NameForm.form)).all()
    with session.engine.begin() as connection:
        assert rebuild_name_index(connection)
    assert_in_step(session.engine)
    with Session(session.engine) as db:
        assert sorted(db.scalars(select(NameForm.form)).all()) == sorted(held)


def test_near_spellings_are_the_known_forms_one_deletion_away(session, services):
    """The lookup in the tables finds what comparing the word with every known form finds:
    the forms one letter shorter or longer than the word, or sharing a one-letter deletion
    with it, in Latin letters or in normal form."""
    for surname in ("Kovalenko", "Kovalchuk", "Koval", "Kravets", "Kravchenko", "Bondar",
                    "Bondarenko", "Tkachuk", "Melnyk", "Melnik", "Shevchenko"):
        services.intake.register(HouseholdInput(members=[mother(
            surname_cyr="", surname_lat=surname, documents=[])]), quick=True)
    index = NameIndex()
    with Session(session.engine) as db:
        forms = db.scalars(select(NameForm)).all()
        key_of = {form.normal: form.key for form in forms}
        key_of |= {form.form: form.key for form in forms}  # a Latin form's own key first
        for word in ("Kovalenco", "Kovalcuk", "Kowal", "Kravetz", "Bondr", "Melnykk",
                     "Tkachuck", "Shevchneko", "Yuliya", "Zzzz"):
            targets = {t for t in (latin_letters(word), normal(word))
                       if len(t) >= MIN_FUZZY_LENGTH}
            near = {v for v in key_of for t in targets if v not in targets and (
                t in _deletions(v) or v in _deletions(t) or _deletions(v) & _deletions(t))}
            assert len(near) <= MAX_NEAR_FORMS
            assert set(index.near_keys(db, word)) == {key_of[v] for v in near}, word
