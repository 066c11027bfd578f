"""Desktops of one organisation and a central server, each in its own process, driven
through the CLI as the README's walk-through says: the first desktop enrols, the others
join, people log in everywhere with their own password, work offline and sync."""

from __future__ import annotations

import os
import signal

import pytest

from tests.sync.answer_drop import AnswerDropRelay
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
    shown = b.run("sync", "status", "--user", "admin", password=ADMIN_PASSWORD).stdout
    assert "Open conflicts: 0" in shown and "Problems: 0" in shown  # said, even when none
    assert b.run("sync", "now", "--user", "admin", password="not the password",
                 check=False).returncode == 1
    report = b.json("sync", "now", user="admin", password=ADMIN_PASSWORD)
    assert report["pushed"] == {} and report["pulled"]["created"] == 0


def test_a_desktop_killed_while_waiting_for_the_push_answer_sends_again_and_nothing_doubles(
        sqlite_central, tmp_path):
    server = sqlite_central
    refnis = organisation(server)
    relay = AnswerDropRelay(server.url)
    try:
        a, b = desktops(tmp_path, "a", "b")
        a.run("init", "--org-refnis", refnis, "--admin", "admin", password=ADMIN_PASSWORD)
        a.run("sync", "enrol", "--server", relay.url, "--code", server.code(refnis),
              "--user", "admin", password=ADMIN_PASSWORD)
        a.run("demo", "--persons", "3", "--user", "admin", password=ADMIN_PASSWORD)
        pending = sum(a.json("sync", "status", user="admin",
                             password=ADMIN_PASSWORD)["pending"].values())
        assert pending > 0

        relay.hold_next_push_answer()
        killed = a.start("sync", "now", "--user", "admin", password=ADMIN_PASSWORD)
        assert relay.holding.wait(120)  # the central committed the batch; no answer yet
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait(30)
        relay.released.set()

        waiting = a.json("sync", "status", user="admin", password=ADMIN_PASSWORD)
        assert sum(waiting["pending"].values()) == pending  # the answer never came here
        report = a.json("sync", "now", user="admin", password=ADMIN_PASSWORD)
        assert report["pushed"] == {"duplicate": pending}  # known there: none applied twice
        assert a.json("sync", "status", user="admin",
                      password=ADMIN_PASSWORD)["pending"] == {}

        b.run("join", "--server", server.url, "--code", server.code(refnis))
        lists = []
        for place in (a, b):
            out = tmp_path / f"{place.root.name}-persons.csv"
            place.run("export", "persons", "--format", "csv", "-o", str(out), "--user",
                      "admin", password=ADMIN_PASSWORD)
            lists.append(sorted(out.read_text("utf-8-sig").splitlines()[1:]))
        assert lists[0] == lists[1] and len(lists[0]) >= 3  # each person once on both
    finally:
        relay.close()
