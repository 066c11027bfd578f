"""Faults with real processes: the central killed in the middle of a push and started
again on the same database. Nothing is lost, nothing is applied twice."""

from __future__ import annotations

import signal
import threading
import time

import pytest
from sqlmodel import Session, select

from desktop.core.enums import OutboxStatus
from desktop.core.models import SyncOutbox
from desktop.sync.device_token import DeviceToken
from desktop.sync.errors import SyncError
from tests.central.wire import Client
from tests.sync.organisation import first_desktop, joined_desktop, organisation


def test_the_central_killed_during_a_push_and_restarted_loses_nothing_and_applies_nothing_twice(
        own_central, tmp_path):
    refnis = organisation(own_central)
    a = first_desktop(own_central, tmp_path, refnis)
    a.services.demo.generate(250, 7, lambda done, total: None)  # some thousand changes
    with Session(a.session.engine) as db:
        queued = len(db.exec(select(SyncOutbox).where(
            SyncOutbox.status == OutboxStatus.PENDING)).all())
    assert queued > 1000  # more than two batches
    before = own_central.pushes()
    failure: list[BaseException] = []

    def sync() -> None:
        try:
            a.sync()
        except SyncError as error:
            failure.append(error)

    size = own_central.log_path.stat().st_size
    worker = threading.Thread(target=sync)
    worker.start()
    deadline = time.monotonic() + 60
    while own_central.log_path.stat().st_size == size and time.monotonic() < deadline:
        time.sleep(0.001)
    # The first batch answered: stop the central where it is (reading or writing the
    # next one), let the request arrive, then kill it.
    own_central.process.send_signal(signal.SIGSTOP)
    time.sleep(0.3)
    own_central.kill()
    worker.join(timeout=120)
    assert own_central.pushes() == before + 1
    assert failure and failure[0].code in ("refused", "dropped", "unreachable", "timeout")

    own_central.start()
    a.sync()
    with Session(a.session.engine) as db:
        statuses = {row.status for row in db.exec(select(SyncOutbox))}
    assert statuses == {OutboxStatus.SENT}
    b = joined_desktop(own_central, tmp_path, refnis, "b")
    assert a.records() == b.records()  # every record once, at the version it has here
    a.close()
    b.close()


def test_a_central_failing_on_its_database_answers_500_in_the_protocol_and_loses_nothing(
        own_central, tmp_path):
    refnis = organisation(own_central)
    a = first_desktop(own_central, tmp_path, refnis)
    a.services.demo.generate(2, 3, lambda done, total: None)
    waiting = pending(a)
    assert waiting
    with own_central.engine.begin() as connection:  # the central's database breaks under it
        connection.exec_driver_sql("ALTER TABLE batch RENAME TO batch_lost")
    token = DeviceToken(a.vault.paths).require()
    with Client(own_central.url, {"Authorization": f"Bearer {token}",
                                  "X-Relais-Protocol": "1"}) as client:
        answer = client.post("/api/v1/sync/push", json={
            "batch_id": "0193a1b2-0000-7000-8000-0000000000aa", "changes": []},
            headers={"Idempotency-Key": "0193a1b2-0000-7000-8000-0000000000aa"})
    assert answer.status_code == 500
    assert answer.json()["error"] == "server_error"
    assert "batch" not in answer.text  # the database's own words stay on the server
    with pytest.raises(SyncError) as failed:
        a.sync()
    assert failed.value.code == "server" and failed.value.retryable
    assert pending(a) == waiting  # every change still waits, none marked sent
    assert "unexpected error: OperationalError" in own_central.log()

    with own_central.engine.begin() as connection:
        connection.exec_driver_sql("ALTER TABLE batch_lost RENAME TO batch")
    a.sync()
    assert pending(a) == set()
    a.close()


def pending(place) -> set:
    with Session(place.session.engine) as db:
        return {row.change_id for row in db.exec(select(SyncOutbox).where(
            SyncOutbox.status == OutboxStatus.PENDING))}
