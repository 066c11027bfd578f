"""``relais sync problems | resend | discard`` in their own process, on a data folder whose
changes a real central refused."""

from __future__ import annotations

from sqlmodel import Session, select

from desktop.core.enums import AuditAction
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import AuditEvent, Person
from desktop.core.uow import UnitOfWork
from tests.core.test_intake import child, mother
from tests.sync.desktops import Desktop
from tests.sync.organisation import ADMIN_PASSWORD, first_desktop, organisation
from tests.sync.test_problems import HUGE


def test_problems_are_listed_sent_again_and_dropped_from_the_command_line(servers, tmp_path):
    server = servers["sqlite"]
    a = first_desktop(server, tmp_path, organisation(server))
    a.services.intake.register(HouseholdInput(members=[mother(), child()]))
    with UnitOfWork(a.session.engine, a.session.actor) as uow:
        for person in uow.session.exec(select(Person)):
            uow.update(person, last_place_in_ukraine=HUGE)
    assert a.sync().pushed["rejected"] == 2
    a.close()
    desktop = Desktop(tmp_path / "a", tmp_path / "a-keyring.json")

    listed = desktop.json("sync", "problems", user="admin", password=ADMIN_PASSWORD)
    assert [p["reason"] for p in listed] == ["too_large", "too_large"]
    assert all(p["message"] != p["reason"] and p["record"] for p in listed)
    first, second = (p["id"] for p in listed)
    refused = desktop.run("sync", "resend", first, "--field", "last_place_in_ukraine",
                          "--value", "x" * 3000, "--user", "admin", password=ADMIN_PASSWORD,
                          check=False)
    assert refused.returncode != 0 and "x" * 100 not in refused.stderr
    desktop.run("sync", "resend", first, "--field", "last_place_in_ukraine", "--value",
                "Kharkiv", "--user", "admin", password=ADMIN_PASSWORD)
    desktop.run("sync", "discard", second, "--user", "admin", password=ADMIN_PASSWORD)
    assert desktop.json("sync", "problems", user="admin", password=ADMIN_PASSWORD) == []
    status = desktop.json("sync", "status", user="admin", password=ADMIN_PASSWORD)
    assert status["pending"] == {"person": 1}

    session = a.vault.login("admin", ADMIN_PASSWORD)
    try:
        with Session(session.engine) as db:
            places = sorted(p.last_place_in_ukraine for p in db.exec(select(Person)))
            assert places == ["", "Kharkiv"]
            assert len(db.exec(select(AuditEvent).where(
                AuditEvent.action == AuditAction.DISCARD)).all()) == 1
    finally:
        session.close()
