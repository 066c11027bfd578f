"""The outbox: each change to a synced record, with its values in the protocol's format,
in the transaction of the change, only on an enrolled database."""

import pytest
from sqlalchemy import select
from sqlmodel import Session

from desktop.core.enums import OutboxStatus
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import Household, Person, SyncOutbox, SyncState
from desktop.core.uow import UnitOfWork
from desktop.sync.outbox import enrol, is_enrolled
from tests.conftest import ADMIN_PASSWORD
from tests.core.test_intake import child, mother


def outbox(engine) -> list[SyncOutbox]:
    with Session(engine) as db:
        return list(db.scalars(select(SyncOutbox).order_by(SyncOutbox.seq)))


def enrolled(session, upload=False) -> int:
    return enrol(session.engine, SyncState(server_url="https://central.example",
                                           device_id="device-1"), upload_everything=upload)


def _person(session, **values):
    with UnitOfWork(session.engine, session.actor) as uow:
        return uow.add(Person(organisation_id=session.organisation.id, **values))


def test_an_island_desktop_keeps_no_outbox(services, session):
    services.intake.register(HouseholdInput(members=[mother(), child()]))
    _person(session, surname_lat="Bondar")
    assert not is_enrolled(session.engine)
    assert outbox(session.engine) == []


def test_creation_update_and_deletion_are_queued_with_their_values(session):
    enrolled(session)
    person = _person(session, surname_lat="Bondar", languages=["uk"])
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.update(uow.session.get(Person, person.id), phone="+32 470 00 00 00",
                   surname_lat="Bondarenko")
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.delete(uow.session.get(Person, person.id))
    created, updated, deleted = outbox(session.engine)
    assert [row.op for row in (created, updated, deleted)] == ["create", "update", "delete"]
    assert created.seq < updated.seq < deleted.seq
    assert created.base_version is None and updated.base_version == 1
    assert deleted.base_version == 2
    values = created.payload["values"]
    assert values["surname_lat"] == "Bondar" and values["languages"] == ["uk"]
    assert values["sex"] == "U" and values["nationality"] == "UKR"  # defaults travel too
    assert values["organisation_id"] == str(session.organisation.id)
    assert "id" not in values and "version" not in values
    assert updated.payload == {"fields": {"phone": ["", "+32 470 00 00 00"],
                                          "surname_lat": ["Bondar", "Bondarenko"]}}
    assert deleted.payload == {}
    assert {row.author for row in (created, updated, deleted)} == {session.user.id}
    assert {row.status for row in (created, updated, deleted)} == {OutboxStatus.PENDING}
    assert len({row.change_id for row in (created, updated, deleted)}) == 3


def test_a_rolled_back_change_leaves_nothing_in_the_outbox(session):
    enrolled(session)
    with pytest.raises(RuntimeError), UnitOfWork(session.engine, session.actor) as uow:
        uow.add(Person(organisation_id=session.organisation.id, surname_lat="Bondar"))
        raise RuntimeError("the disk said no")
    assert outbox(session.engine) == []


def test_a_case_created_by_an_intake_travels_with_every_column(services, session):
    enrolled(session)
    services.intake.register(HouseholdInput(members=[mother(), child()]))
    by_entity = {}
    for row in outbox(session.engine):
        by_entity.setdefault(row.entity, []).append(row)
    case = by_entity["case_file"][0].payload["values"]
    assert case["status"] == "open"
    assert case["to_be_completed"] is False
    assert case["closure_reason"] is None and case["needs"] == []
    household = by_entity["household"][0].payload["values"]
    assert household["members_in_ukraine"] == 0 and household["reference"] == ""
    for row in by_entity["person"]:
        assert row.payload["values"]["interpreter_needed"] is False
        assert row.payload["values"]["nationality"] == "UKR"


def test_a_login_or_a_view_is_not_a_change_to_sync(vault, session):
    enrolled(session)
    session.close()
    again = vault.login("admin", ADMIN_PASSWORD)  # audits the login
    assert outbox(again.engine) == []
    again.close()


def test_an_enrolled_database_keeps_recording_after_it_is_opened_again(vault, session):
    enrolled(session)
    session.close()
    again = vault.login("admin", ADMIN_PASSWORD)
    _person(again, surname_lat="Melnyk")
    assert [row.entity for row in outbox(again.engine)] == ["person"]
    again.close()


def test_enrolment_can_queue_every_record_for_the_first_upload(services, session):
    services.intake.register(HouseholdInput(members=[mother(), child()]))
    gone = _person(session, surname_lat="Tkachenko")
    with UnitOfWork(session.engine, session.actor) as uow:
        stored = uow.session.get(Person, gone.id)
        uow.update(stored, phone="1")
        uow.delete(stored)
    queued = enrolled(session, upload=True)
    rows = outbox(session.engine)
    assert queued == len(rows)
    creations = {(row.entity, row.entity_id) for row in rows if row.op == "create"}
    with Session(session.engine) as db:
        for model in (Person, Household):
            for record in db.scalars(select(model)):
                assert (model.__tablename__, record.id) in creations
        assert db.get(Person, gone.id).version == 2  # created then deleted on the central
        assert {p.version for p in db.scalars(select(Person)) if p.deleted_at is None} == {1}
    deletion = [row for row in rows if row.op == "delete"]
    assert [(row.entity_id, row.base_version) for row in deletion] == [(gone.id, 1)]
    # Parents are queued before their children (the central may check references).
    order = [row.entity for row in rows]
    assert order.index("organisation") < order.index("household") < order.index("case_file")
