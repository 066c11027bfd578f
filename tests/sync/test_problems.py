"""Changes the central refused, against a real central process: listed with their reason and
record, edited and sent again, or dropped (audited); the other changes go on meanwhile."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from desktop.core.enums import AuditAction, OutboxStatus
from desktop.core.errors import AccessDenied, ValidationError
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import AuditEvent, Person, SyncOutbox
from desktop.core.uow import UnitOfWork
from desktop.paths import DataPaths
from desktop.store.vault import Vault
from desktop.sync import setup
from desktop.sync.client import SyncClient
from desktop.sync.device_token import DeviceToken
from desktop.sync.problems import MASK, discard, problems, reason_message, resend
from tests.conftest import FAST_KDF
from tests.core.test_intake import child, mother
from tests.sync.organisation import (
    ADMIN_PASSWORD,
    Place,
    first_desktop,
    organisation,
)

# Longer than one change may be (64 KiB): typed before the limits existed, or imported.
HUGE = "Харків, вулиця Сумська " * 4000


def person(place, given="Yuliia") -> Person:
    with Session(place.session.engine) as db:
        return db.exec(select(Person).where(Person.given_name_lat == given)).one()


def edit(place, person_id, **values) -> None:
    """Through the unit of work, as a service would, without the services' limits."""
    with UnitOfWork(place.session.engine, place.session.actor) as uow:
        uow.update(uow.session.get(Person, person_id), **values)


def test_a_refused_change_is_edited_and_sent_again_while_the_others_went_on(pair):
    a, b = pair
    edit(a, person(a).id, last_place_in_ukraine=HUGE)
    edit(a, person(a, "Andrii").id, phone="+32 470 99 99 99")
    report = a.sync()
    assert report.pushed == {"rejected": 1, "applied": 1}
    b.sync()
    assert person(b, "Andrii").phone == "+32 470 99 99 99"  # not held back
    (problem,) = problems(a.session.engine, a.session.actor)
    assert problem.reason == "too_large" and problem.op == "update"
    assert problem.place.person == "SHEVCHENKO Yuliia (ШЕВЧЕНКО Юлія)"
    assert problem.place.file_number and problem.by == "admin"
    assert problem.editable_field == "last_place_in_ukraine"
    assert reason_message(problem.reason) == ("sync.problem.too_large", {})
    with pytest.raises(ValidationError) as too_long:  # checked like a normal edit
        resend(a.session.engine, a.session.actor, str(problem.change_id),
               "last_place_in_ukraine", "x" * 2_001)
    assert too_long.value.key == "text.too_long"
    resend(a.session.engine, a.session.actor, str(problem.change_id),
           "last_place_in_ukraine", "  Харків ")
    assert problems(a.session.engine, a.session.actor) == []
    assert a.sync().pushed == {"applied": 1}
    b.sync()
    assert person(b).last_place_in_ukraine == "Харків"
    assert a.records() == b.records()


def test_a_change_sent_again_unedited_gets_a_new_id(pair):
    a, _ = pair
    edit(a, person(a).id, last_place_in_ukraine=HUGE)
    a.sync()
    (problem,) = problems(a.session.engine, a.session.actor)
    resend(a.session.engine, a.session.actor, str(problem.change_id))
    with Session(a.session.engine) as db:
        row = db.exec(select(SyncOutbox).where(SyncOutbox.status == OutboxStatus.PENDING)).one()
    assert row.change_id != problem.change_id
    assert a.sync().pushed == {"rejected": 1}  # still too large: parked again, not lost
    assert len(problems(a.session.engine, a.session.actor)) == 1


def volunteer_device(server, tmp_path, refnis) -> Place:
    """A reception point's laptop: enrolled with a volunteer's code, so the central sends
    it no restricted field and refuses its writes of one, whoever is signed in."""
    vault = Vault(DataPaths.portable(tmp_path / "v"), kdf=FAST_KDF)
    setup.join(vault, SyncClient(server.url), DeviceToken(vault.paths),
               server.code(refnis, volunteer=True))
    return Place(vault, vault.login("admin", ADMIN_PASSWORD))


def test_a_discarded_change_puts_the_record_back_and_is_audited(central, tmp_path):
    refnis = organisation(central)
    a = first_desktop(central, tmp_path, refnis)
    a.services.intake.register(HouseholdInput(members=[mother(), child()]))
    a.sync()
    v = volunteer_device(central, tmp_path, refnis)
    try:
        yuliia = person(v)
        version = yuliia.version
        edit(v, yuliia.id, national_number="85073003328", phone="+32 470 00 00 07",
             surname_lat="Kovalenko")
        assert [hit.person_id for hit in v.services.search.search("Kovalenko")] == [yuliia.id]
        assert v.sync().pushed == {"rejected": 1}
        (problem,) = problems(v.session.engine, v.session.actor)
        assert problem.reason == "restricted_field"
        assert problem.editable_field is None  # two fields: the person's edit screen
        discard(v.session.engine, v.session.actor, str(problem.change_id))
        back = person(v)
        assert (back.national_number, back.phone, back.surname_lat, back.version) == (
            None, "+32 470 12 34 56", "Shevchenko", version)
        assert v.services.search.search("Kovalenko") == []  # the search follows
        assert yuliia.id in [hit.person_id for hit in v.services.search.search("Shevchenko")]
        with Session(v.session.engine) as db:
            event = db.exec(select(AuditEvent).where(
                AuditEvent.action == AuditAction.DISCARD)).one()
            assert db.exec(select(SyncOutbox).where(
                SyncOutbox.status == OutboxStatus.PROBLEM)).all() == []
        assert (event.entity_id, event.actor_id) == (yuliia.id, v.session.actor.user_id)
        assert event.fields == ["national_number", "phone", "surname_lat"]
        # The record goes on syncing from the central's version.
        edit(v, yuliia.id, phone="+32 470 00 00 08")
        assert v.sync().pushed == {"applied": 1}
        a.sync()
        assert person(a).phone == "+32 470 00 00 08"
    finally:
        v.close()
        a.close()


def test_a_volunteer_sees_a_refused_change_without_restricted_values(central, tmp_path):
    refnis = organisation(central)
    a = first_desktop(central, tmp_path, refnis)
    try:
        a.services.intake.register(HouseholdInput(members=[mother(), child()]))
        edit(a, person(a).id, national_number="85073003328", last_place_in_ukraine=HUGE)
        a.sync()
        from desktop.core.enums import Role
        from tests.conftest import login_as

        volunteer = login_as(a.vault, a.services, "vera", Role.VOLUNTEER)
        (problem,) = problems(volunteer.session.engine, volunteer.session.actor)
        assert problem.fields["national_number"] == (MASK, MASK)
        assert not problem.may_act
        with pytest.raises(AccessDenied):
            discard(volunteer.session.engine, volunteer.session.actor,
                    str(problem.change_id))
        volunteer.session.close()
    finally:
        a.close()


def test_a_later_edit_of_the_record_goes_through_once_the_refused_one_is_dropped(central,
                                                                                 tmp_path):
    refnis = organisation(central)
    a = first_desktop(central, tmp_path, refnis)
    a.services.intake.register(HouseholdInput(members=[mother(), child()]))
    a.sync()
    v = volunteer_device(central, tmp_path, refnis)
    try:
        yuliia = person(v).id
        edit(v, yuliia, national_number="85073003328", phone="+32 470 00 00 07")
        edit(v, yuliia, phone="+32 470 00 00 08")  # based on the refused one
        assert v.sync().pushed == {"rejected": 1, "deferred": 1}  # waits, is not misapplied
        (problem,) = problems(v.session.engine, v.session.actor)
        discard(v.session.engine, v.session.actor, str(problem.change_id))
        assert person(v).phone == "+32 470 00 00 08"  # the later edit stays
        assert v.sync().pushed == {"applied": 1}  # not a conflict with itself
        a.sync()
        assert person(a).phone == "+32 470 00 00 08"
        assert person(a).version == person(v).version
        assert problems(v.session.engine, v.session.actor) == []
    finally:
        v.close()
        a.close()
