"""Migration 0007 on a database of the previous version: a paper reference typed in twice
stays with the household that had it first, and the name index is rebuilt with its new
row ids (search still finds everyone)."""

import uuid

from alembic import command
from sqlalchemy import select, text
from sqlmodel import Session

from desktop.core.models import Household, PersonNameKey
from desktop.core.uow import UnitOfWork
from desktop.store import migrate
from tests.conftest import ADMIN_PASSWORD


def _downgrade_to_0006(engine) -> None:
    config = migrate._config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")


def test_an_older_database_keeps_each_paper_reference_once_and_its_search(vault, session,
                                                                          services):
    from desktop.core.intake_input import HouseholdInput
    from tests.core.test_intake import mother

    services.intake.register(HouseholdInput(members=[mother()], paper_reference="P-AAAA-BBBB"))
    _downgrade_to_0006(session.engine)
    with session.engine.begin() as connection:  # what an older version let through
        raw_id, first_version = connection.execute(
            text("SELECT id, version FROM household")).one()
        connection.execute(text(
            "INSERT INTO household (id, created_at, updated_at, version, organisation_id, "
            "reference, members_in_ukraine) SELECT randomblob(16), datetime('now', '+1 day'),"
            " updated_at, 1, organisation_id, reference, 0 FROM household"))
    session.close()

    upgraded = vault.login("admin", ADMIN_PASSWORD)
    with Session(upgraded.engine) as db:
        households = {h.id: h for h in db.scalars(select(Household))}
        first = households[uuid.UUID(bytes=raw_id)]
        assert first.reference == "P-AAAA-BBBB" and first.version == first_version
        (second,) = [h for h in households.values() if h.id != first.id]
        assert second.reference == "" and second.version == 2
        assert db.scalars(select(PersonNameKey.form)).all()  # index rebuilt at login
    from desktop.services import Services

    assert Services.for_session(upgraded).search.search("Shevchenko")
    upgraded.close()


def test_the_database_refuses_a_second_household_with_the_same_paper_reference(session):
    import pytest
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), UnitOfWork(session.engine, session.actor) as uow:
        for _ in range(2):
            uow.add(Household(organisation_id=session.organisation.id, reference="P-AAAA-BBBB"))
    with UnitOfWork(session.engine, session.actor) as uow:  # empty means no paper
        for _ in range(2):
            uow.add(Household(organisation_id=session.organisation.id, reference=""))
