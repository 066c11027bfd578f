import pytest
from sqlmodel import Session, select

from desktop.core.enums import AuditAction
from desktop.core.ids import uuid7
from desktop.core.models import AuditEvent, Household, Person
from desktop.core.uow import UnitOfWork


def _person(session, **values):
    with UnitOfWork(session.engine, session.actor) as uow:
        return uow.add(Person(organisation_id=session.organisation.id, **values))


def test_ids_are_time_ordered():
    ids = [uuid7() for _ in range(2000)]
    assert ids == sorted(ids)
    assert all(i.version == 7 for i in ids)


def test_a_new_record_is_stamped_and_audited_without_values(session):
    person = _person(session, surname_cyr="Шевченко", given_name_lat="Yuliia")
    assert person.version == 1
    assert person.created_by == session.user.id
    with Session(session.engine) as db:
        event = db.exec(select(AuditEvent).where(AuditEvent.entity_id == person.id)).one()
    assert event.action == AuditAction.CREATE
    assert event.actor_id == session.user.id
    assert "Шевченко" not in str(event.model_dump())


def test_an_update_bumps_the_version_once_and_records_changed_fields(session):
    person = _person(session, surname_lat="Shevchenko")
    with UnitOfWork(session.engine, session.actor) as uow:
        stored = uow.session.get(Person, person.id)
        changed = uow.update(stored, surname_lat="Chevtchenko", phone="+32 470 00 00 00",
                             given_name_lat="")
    assert changed == ["phone", "surname_lat"]
    with Session(session.engine) as db:
        stored = db.get(Person, person.id)
        events = db.exec(select(AuditEvent).where(AuditEvent.entity_id == person.id)).all()
    assert stored.version == 2
    assert [e.action for e in events] == [AuditAction.CREATE, AuditAction.UPDATE]
    assert events[1].fields == ["phone", "surname_lat"]


def test_an_update_that_changes_nothing_leaves_no_trace(session):
    person = _person(session, surname_lat="Shevchenko")
    with UnitOfWork(session.engine, session.actor) as uow:
        assert uow.update(uow.session.get(Person, person.id), surname_lat="Shevchenko") == []
    with Session(session.engine) as db:
        assert db.get(Person, person.id).version == 1


def test_delete_is_soft_and_versioned(session):
    person = _person(session, surname_lat="Shevchenko")
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.delete(uow.session.get(Person, person.id))
    with Session(session.engine) as db:
        stored = db.get(Person, person.id)
    assert stored.deleted_at is not None
    assert stored.version == 2


def test_a_failure_rolls_back_records_and_audit_together(session):
    with pytest.raises(RuntimeError), UnitOfWork(session.engine, session.actor) as uow:
        uow.add(Household(organisation_id=session.organisation.id, reference="H1"))
        raise RuntimeError("power cut")
    with Session(session.engine) as db:
        assert db.exec(select(Household)).all() == []
        assert db.exec(select(AuditEvent).where(AuditEvent.entity == "household")).all() == []


def test_bookkeeping_columns_cannot_be_set_through_update(session):
    person = _person(session, surname_lat="Shevchenko")
    with pytest.raises(ValueError), UnitOfWork(session.engine, session.actor) as uow:
        uow.update(uow.session.get(Person, person.id), version=99)


def test_a_full_disk_is_reported_clearly_and_loses_nothing(session):
    from sqlalchemy import event, text

    from desktop.core.errors import RelaisError

    kept = _person(session, surname_lat="Shevchenko")

    def cap_file_size(dbapi_connection, _record):
        # Like a full disk: SQLite may not grow the file by a single page.
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    session.engine.dispose()
    event.listen(session.engine, "connect", cap_file_size)
    try:
        with pytest.raises(RelaisError) as failure, UnitOfWork(session.engine,
                                                               session.actor) as uow:
            for number in range(500):
                uow.add(Household(organisation_id=session.organisation.id,
                                  reference=f"H{number}" * 40))
        assert failure.value.key == "store.disk_full"
    finally:
        event.remove(session.engine, "connect", cap_file_size)
        session.engine.dispose()
    with Session(session.engine) as db:
        assert db.get(Person, kept.id) is not None
        assert db.exec(select(Household)).all() == []
        assert db.exec(text("PRAGMA integrity_check")).one()[0] == "ok"
