"""Desktops of one organisation and a central server, each in its own process, driven
through the CLI as the README's walk-through says: the first desktop enrols, the others
join, people log in everywhere with their own password, work offline and sync."""

from __future__ import annotations

import itertools

import pytest

from tests.sync.desktops import desktops

ADMIN_PASSWORD = "correct horse battery staple"
ALICE_TEMPORARY = "a temporary passphrase 1"
ALICE_OWN = "she chose this passphrase herself"
# Real municipalities (the desktop checks the REFNIS); one organisation per test.
REFNIS = itertools.cycle(["62063", "21004", "44021", "11002", "92094", "52011"])


def organisation(server) -> str:
    for refnis in REFNIS:
        if refnis not in server.refnis_used:
            server.refnis_used.add(refnis)
            from central import admin

            admin.add_organisation(server.engine, refnis, "CPAS de test")
            return refnis
    raise AssertionError("unreachable")


@pytest.fixture
def sqlite_central(servers):
    return servers["sqlite"]


def test_enrol_join_and_log_in_with_ones_own_password_on_the_joined_desktop(
        sqlite_central, tmp_path):
    server = sqlite_central
    refnis = organisation(server)
    a, b = desktops(tmp_path, "a", "b")
    a.run("init", "--org-refnis", refnis, "--admin", "admin", password=ADMIN_PASSWORD)
    a.run("users", "add", "alice", "--role", "social_worker", "--user", "admin",
          password=ADMIN_PASSWORD, new_password=ALICE_TEMPORARY)
    a.run("demo", "--persons", "5", "--user", "admin", password=ADMIN_PASSWORD)

    enrolled = a.run("sync", "enrol", "--server", server.url, "--code", server.code(refnis),
                     "--user", "admin", password=ADMIN_PASSWORD)
    assert "enrolled" in enrolled.stdout
    status = a.json("sync", "status", user="admin", password=ADMIN_PASSWORD)
    assert status["pending"] == {} and status["series"] == "" and status["problems"] == []
    assert status["last_success"] is not None

    joined = b.run("join", "--server", server.url, "--code", server.code(refnis))
    assert "joined" in joined.stdout
    # The administrator, whose password was typed only on desktop A, logs in on B.
    status_b = b.json("sync", "status", user="admin", password=ADMIN_PASSWORD)
    assert status_b["series"] == "B" and status_b["pending"] == {}
    assert b.run("search", "--user", "admin", "a", password="not the password",
                 check=False).returncode == 1
    # Alice never logged in on A: her temporary key pair came with her account.
    b.run("users", "set-password", "--user", "alice", password=ALICE_TEMPORARY,
          new_password=ALICE_OWN)
    b.run("sync", "now", "--user", "alice", password=ALICE_OWN)
    a.run("sync", "now", "--user", "admin", password=ADMIN_PASSWORD)
    # Her own password now opens desktop A too, and the temporary one no longer does.
    a.run("sync", "status", "--user", "alice", password=ALICE_OWN)
    assert a.run("sync", "status", "--user", "alice", password=ALICE_TEMPORARY,
                 check=False).returncode == 1
