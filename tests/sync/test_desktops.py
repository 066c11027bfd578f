"""Desktops of one organisation and a central server, each in its own process, driven
through the CLI as the README's walk-through says: the first desktop enrols, the others
join, people log in everywhere with their own password, work offline and sync."""

from __future__ import annotations

import pytest

from tests.sync.desktops import desktops
from tests.sync.organisation import organisation

ADMIN_PASSWORD = "correct horse battery staple"


@pytest.fixture
def sqlite_central(servers):
    return servers["sqlite"]


def test_enrol_join_and_log_in_with_ones_own_password_on_the_joined_desktop(
        sqlite_central, tmp_path):
    server = sqlite_central
    refnis = organisation(server)
    a, b = desktops(tmp_path, "a", "b")
    a.run("init", "--org-refnis", refnis, "--admin", "admin", password=ADMIN_PASSWORD)
    enrolled = a.run("sync", "enrol", "--server", server.url, "--code", server.code(refnis),
                     "--user", "admin", password=ADMIN_PASSWORD)
    assert "enrolled" in enrolled.stdout and "Sent: " in enrolled.stdout

    joined = b.run("join", "--server", server.url, "--code", server.code(refnis))
    assert "joined" in joined.stdout
    # The administrator, whose password was typed only on desktop A, logs in on B.
    status_b = b.json("sync", "status", user="admin", password=ADMIN_PASSWORD)
    assert status_b["series"] == "B" and status_b["pending"] == {}
    assert status_b["last_success"] is None and status_b["problems"] == []
    assert b.run("sync", "now", "--user", "admin", password="not the password",
                 check=False).returncode == 1
    report = b.json("sync", "now", user="admin", password=ADMIN_PASSWORD)
    assert report["pushed"] == {} and report["pulled"]["created"] == 0
