"""Hearing about local edits: once per committed unit of work that changed a synced record,
never for a read, and not after listening stopped."""

from __future__ import annotations

import threading

from desktop.core.intake_input import HouseholdInput
from desktop.sync.edits import listen_for_edits
from tests.core.test_intake import child, mother


def test_one_call_per_commit_that_changed_a_synced_record(services, session):
    heard: list[str] = []
    stop = listen_for_edits(session.engine, lambda: heard.append("edit"))
    services.cases.ids("file_number", False, "", None)  # a read
    assert heard == []
    case_id = services.intake.register(HouseholdInput(members=[mother(), child()]))
    assert heard == ["edit"]  # many records, one transaction, one call
    services.case_files.add_note(case_id, "Premier contact", None)
    assert heard == ["edit", "edit"]
    stop()
    services.case_files.add_note(case_id, "Deuxième contact", None)
    assert heard == ["edit", "edit"]


def test_a_commit_on_another_thread_is_heard_in_that_thread(services, session):
    threads: list[str] = []
    listen_for_edits(session.engine, lambda: threads.append(threading.current_thread().name))
    worker = threading.Thread(target=lambda: services.intake.register(
        HouseholdInput(members=[mother()])), name="saver")
    worker.start()
    worker.join()
    assert threads == ["saver"]
