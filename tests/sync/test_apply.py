"""Pulled records applied as they are: author, time and version kept, the name index
updated, the audit marked remote, nothing queued for the central; local changes not pushed
yet keep their fields; a page and its cursor are one transaction; merges replay."""

import uuid

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from desktop.core.intake_input import HouseholdInput
from desktop.core.models import (
    AuditEvent,
    IdentityDocument,
    Person,
    PersonMerge,
    SyncOutbox,
    SyncState,
    UserAccount,
)
from desktop.core.uow import UnitOfWork
from desktop.services import Services
from desktop.sync.apply import apply_page, retry_parked
from desktop.sync.conflicts import status
from tests.core.near_index import assert_in_step
from tests.core.test_intake import child, mother
from tests.sync.replica import pulled, second_desktop


@pytest.fixture
def desktop_b(tmp_path, clock):
    _vault, session = second_desktop(tmp_path, clock)
    yield session
    session.close()


def _outbox(engine) -> list[SyncOutbox]:
    with Session(engine) as db:
        return list(db.scalars(select(SyncOutbox).order_by(SyncOutbox.seq)))


def _person(engine, given_name_lat="Yuliia") -> Person:
    with Session(engine) as db:
        return db.scalars(select(Person).where(Person.given_name_lat == given_name_lat)).one()


def _cursor(engine) -> int:
    with Session(engine) as db:
        return db.scalars(select(SyncState.cursor)).one()


def test_pulled_records_keep_their_author_time_and_version_and_queue_nothing(
        services, session, desktop_b):
    services.intake.register(HouseholdInput(members=[mother(), child()]))
    report = apply_page(desktop_b.engine, pulled(session.engine), cursor=42)

    assert report.created > 5 and not report.skipped
    theirs, ours = _person(session.engine), None
    with Session(desktop_b.engine) as db:
        ours = db.get(Person, theirs.id)
        events = db.scalars(select(AuditEvent).where(AuditEvent.entity_id == theirs.id)).all()
    assert (ours.version, ours.updated_by, ours.updated_at) == (
        theirs.version, session.user.id, theirs.updated_at)
    assert ours.created_by == session.user.id  # not desktop B's administrator
    assert [(e.origin, e.actor_id, e.at) for e in events] == [
        ("remote", session.user.id, theirs.updated_at)]
    assert _outbox(desktop_b.engine) == []
    assert _cursor(desktop_b.engine) == 42


def test_pulled_persons_are_found_by_any_spelling(services, session, desktop_b):
    services.intake.register(HouseholdInput(members=[mother(), child()]))
    apply_page(desktop_b.engine, pulled(session.engine), cursor=1)
    search = Services.for_session(desktop_b).search
    assert search.search("Шевченко Юлія")
    assert search.search("Chevtchenko")
    assert search.search("Shevchenkko")  # one letter too many


def test_a_pulled_rename_reaches_the_name_index_and_the_audit(services, session, desktop_b):
    services.intake.register(HouseholdInput(members=[mother()]))
    apply_page(desktop_b.engine, pulled(session.engine), cursor=1)
    b_search = Services.for_session(desktop_b).search
    assert b_search.search("Shevchenko")
    person = _person(session.engine)
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.update(uow.session.get(Person, person.id), surname_lat="Tkachenko",
                   surname_cyr="Ткаченко", phone="+32 470 99 99 99")

    report = apply_page(desktop_b.engine, pulled(session.engine, ids={person.id}), cursor=2)

    assert report.updated == 1
    assert [hit.person_id for hit in b_search.search("Tkachenkko")] == [person.id]
    assert not b_search.search("Shevchenko")
    assert_in_step(desktop_b.engine)  # the near-spelling tables followed the pulled page
    with Session(desktop_b.engine) as db:
        stored = db.get(Person, person.id)
        last = db.scalars(select(AuditEvent).where(AuditEvent.entity_id == person.id)
                          .order_by(AuditEvent.at.desc())).first()
    assert stored.version == 2 and stored.phone == "+32 470 99 99 99"
    assert last.fields == ["phone", "surname_cyr", "surname_lat"] and last.origin == "remote"
    assert _outbox(desktop_b.engine) == []


def test_a_field_changed_here_and_not_pushed_keeps_its_local_value(services, session,
                                                                   desktop_b):
    services.intake.register(HouseholdInput(members=[mother()]))
    apply_page(desktop_b.engine, pulled(session.engine), cursor=1)
    person = _person(session.engine)
    b = Services.for_session(desktop_b)
    with UnitOfWork(desktop_b.engine, b.session.actor) as uow:  # B, offline
        uow.update(uow.session.get(Person, person.id), phone="+32 470 22 22 22")
    with UnitOfWork(session.engine, session.actor) as uow:  # A, meanwhile
        uow.update(uow.session.get(Person, person.id), phone="+32 470 11 11 11",
                   email="yuliia@example.org")

    apply_page(desktop_b.engine, pulled(session.engine, ids={person.id}), cursor=2)

    with Session(desktop_b.engine) as db:
        stored = db.get(Person, person.id)
    assert stored.phone == "+32 470 22 22 22"  # B's edit waits for the central's merge
    assert stored.email == "yuliia@example.org"  # A's other field arrives
    assert [row.payload for row in _outbox(desktop_b.engine)] == [
        {"fields": {"phone": ["+32 470 12 34 56", "+32 470 22 22 22"]}}]


def test_a_pulled_deletion_leaves_a_tombstone_unless_a_local_deletion_waits(
        services, session, desktop_b):
    services.intake.register(HouseholdInput(members=[mother(), child()]))
    apply_page(desktop_b.engine, pulled(session.engine), cursor=1)
    mum, son = _person(session.engine), None
    with Session(session.engine) as db:
        son = db.scalars(select(Person).where(Person.given_name_lat == "Andrii")).one()
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.delete(uow.session.get(Person, mum.id))
    report = apply_page(desktop_b.engine, pulled(session.engine, ids={mum.id}), cursor=2)
    assert report.deleted == 1
    with Session(desktop_b.engine) as db:
        assert db.get(Person, mum.id).deleted_at is not None
        assert db.get(Person, son.id).deleted_at is None


def test_applying_the_same_page_twice_changes_nothing_the_second_time(services, session,
                                                                      desktop_b):
    services.intake.register(HouseholdInput(members=[mother(), child()]))
    page = pulled(session.engine)
    apply_page(desktop_b.engine, page, cursor=1)
    with Session(desktop_b.engine) as db:
        audited = db.scalar(select(func.count()).select_from(AuditEvent))
    again = apply_page(desktop_b.engine, page, cursor=1)
    assert again.created == again.updated == again.deleted == 0
    assert again.unchanged == len(page)
    with Session(desktop_b.engine) as db:
        assert db.scalar(select(func.count()).select_from(AuditEvent)) == audited


def test_a_record_this_database_refuses_is_parked_and_the_rest_of_its_page_goes_in(
        services, session, desktop_b):
    services.intake.register(HouseholdInput(members=[mother()]))
    page = pulled(session.engine)
    # A user named like B's own administrator: the unique user name refuses it, mid-page.
    clash = next(record for record in page if record["entity"] == "user_account")
    clash["values"]["username"] = "admin-b"
    report = apply_page(desktop_b.engine, page, cursor=7)
    assert [(entity, raw_id) for entity, raw_id, *_ in report.skipped] == [
        ("user_account", clash["id"])]
    with Session(desktop_b.engine) as db:
        assert db.get(Person, _person(session.engine).id) is not None
        assert [user.username for user in db.scalars(select(UserAccount))] == ["admin-b"]
    (parked,) = status(desktop_b.engine).parked
    assert parked["entity_id"] == clash["id"] and "username" in parked["reason"]
    assert "admin-b" not in parked["reason"]  # the constraint, not the values
    assert _cursor(desktop_b.engine) == 7
    with desktop_b.engine.connect() as connection:  # references are checked again
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_records_this_version_cannot_read_are_skipped_and_said(services, session, desktop_b):
    services.intake.register(HouseholdInput(members=[mother()]))
    page = pulled(session.engine)
    page.append({"entity": "bicycle", "id": "01234567-89ab-7def-8123-456789abcdef",
                 "version": 1, "deleted": False, "values": {}, "updated_by": None,
                 "updated_at": "2026-11-29T10:00:00+00:00"})
    broken = next(record for record in page if record["entity"] == "person")
    broken["values"]["birth_date"] = "30/07/1985"
    report = apply_page(desktop_b.engine, page, cursor=3)
    assert {entity for entity, *_ in report.skipped} == {"bicycle", "person"}
    assert _cursor(desktop_b.engine) == 3
    parked = {row["entity"]: row for row in status(desktop_b.engine).parked}
    assert set(parked) == {"bicycle", "person"}
    assert "birth_date" in parked["person"]["reason"]


def test_a_parked_record_waits_until_a_readable_version_comes_and_is_replaced_by_it(
        services, session, desktop_b):
    services.intake.register(HouseholdInput(members=[mother()]))
    page = pulled(session.engine)
    person = next(record for record in page if record["entity"] == "person")
    readable = dict(person, values=dict(person["values"]))
    person["values"] = {**person["values"], "birth_date": "30/07/1985"}
    apply_page(desktop_b.engine, page, cursor=1)
    assert [row["entity"] for row in status(desktop_b.engine).parked] == ["person"]

    again = retry_parked(desktop_b.engine)  # still unreadable: kept, tried once more
    assert again.created == 0 and len(status(desktop_b.engine).parked) == 1

    # A later page brings the person's next version, readable: it goes in, and the older
    # parked one is dropped instead of being applied over it.
    apply_page(desktop_b.engine, [dict(readable, version=readable["version"] + 1)], cursor=2)
    assert status(desktop_b.engine).parked == []
    with Session(desktop_b.engine) as db:
        assert db.get(Person, uuid.UUID(readable["id"])).version == readable["version"] + 1


def test_a_merge_made_elsewhere_moves_records_added_here_while_offline(services, session,
                                                                      desktop_b):
    services.intake.register(HouseholdInput(members=[mother()]))
    services.intake.register(HouseholdInput(members=[mother(
        surname_lat="Shevchenko", given_name_lat="Yulia", phone="+32 470 65 43 21",
        documents=[])]))
    apply_page(desktop_b.engine, pulled(session.engine), cursor=1)
    with Session(session.engine) as db:
        keep, other = db.scalars(select(Person).order_by(Person.id)).all()
    b = Services.for_session(desktop_b)
    with UnitOfWork(desktop_b.engine, b.session.actor) as uow:  # B, offline
        added = uow.add(IdentityDocument(person_id=other.id, document_type="passport",
                                         number="FB 654321"))

    services.merge.merge(keep.id, other.id)  # A
    report = apply_page(desktop_b.engine, pulled(session.engine), cursor=2)

    assert report.merges_replayed == 1
    with Session(desktop_b.engine) as db:
        assert db.get(IdentityDocument, added.id).person_id == keep.id
        assert db.get(Person, other.id).deleted_at is not None
        merge = db.scalars(select(PersonMerge)).one()
    assert (merge.keep_id, merge.other_id) == (keep.id, other.id)
    moved = [row for row in _outbox(desktop_b.engine) if row.entity_id == added.id]
    assert [row.op for row in moved] == ["create", "update"]
    assert moved[1].payload == {"fields": {"person_id": [str(other.id), str(keep.id)]}}


def test_a_record_without_the_fields_a_volunteer_may_not_read_gets_their_defaults(
        services, session, desktop_b):
    services.intake.register(HouseholdInput(members=[mother()]))
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.update(uow.session.get(Person, _person(session.engine).id),
                   national_number="85073012345")
    page = pulled(session.engine)
    for record in page:  # what the central sends a volunteer's desktop
        if record["entity"] == "person":
            del record["values"]["national_number"], record["values"]["national_number_kind"]
    apply_page(desktop_b.engine, page, cursor=1)
    with Session(desktop_b.engine) as db:
        stored = db.get(Person, _person(session.engine).id)
    assert stored.national_number is None and stored.surname_lat == "Shevchenko"
