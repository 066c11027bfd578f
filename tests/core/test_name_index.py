"""The name index stays right when a person is created and renamed in one unit of work (as
a pull does), and the in-memory near-spelling index sees a rename whatever row numbers
SQLite hands out."""

from sqlalchemy import select
from sqlmodel import Session

from desktop.core.models import Person, PersonNameKey
from desktop.core.name_index import NameIndex
from desktop.core.names import latin_letters, skeleton
from desktop.core.uow import UnitOfWork


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


def test_a_bulk_created_person_renamed_in_the_same_unit_of_work_is_indexed_once(session):
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.bulk_insert(Person, [{"organisation_id": session.organisation.id,
                                  "surname_lat": "Shevchenko", "given_name_lat": "Yuliia"}])
        uow.checkpoint()
        person = uow.session.scalars(select(Person)).one()
        uow.update(person, given_name_lat="Olena")
        uow.update(person, surname_lat="Bondar")
    assert _forms(session, person.id) == {"bondar", "olena"}


def test_a_rename_reaches_the_near_spelling_index_although_sqlite_reuses_row_numbers(
        session, services):
    with UnitOfWork(session.engine, session.actor) as uow:
        person = uow.add(Person(organisation_id=session.organisation.id,
                                surname_lat="Shevchenko", given_name_lat="Yuliia"))
    index = NameIndex()
    with Session(session.engine) as db:
        index.refresh(db)
    # The last person indexed is renamed: their rows go, the new ones are written after the
    # highest row left, which is where the old ones were.
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.update(uow.session.get(Person, person.id), surname_lat="Tkachenko",
                   given_name_lat="Oksana")
    with Session(session.engine) as db:
        index.refresh(db)
    assert skeleton("Tkachenko") in index.near_keys("Tkachenkko")  # one letter too many
    assert latin_letters("Oksana") in index.forms_starting_with("oksa").values()
