"""Faults with real processes: the central killed in the middle of a push and started
again on the same database. Nothing is lost, nothing is applied twice."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlmodel import Session, select

from desktop.core.enums import OutboxStatus
from desktop.core.models import SyncOutbox
from desktop.sync.errors import SyncError
from tests.central.server import ENV, ROOT, free_port
from tests.central.wire import Client
from tests.sync.organisation import first_desktop, joined_desktop, organisation

START_TIMEOUT = 120


class OwnCentral:
    """A central of its own (SQLite), to kill and start again on the same port."""

    def __init__(self, tmp_path, servers) -> None:
        shared = servers["sqlite"]
        self.data_dir = tmp_path / "central"
        self.data_dir.mkdir()
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / "central.log"
        self.process: subprocess.Popen | None = None
        # The organisation and codes are made on its database by central.admin, as the
        # shared fixture does: borrow its helpers with this database.
        from central.db import make_engine, upgrade

        self.engine = make_engine(f"sqlite:///{self.data_dir / 'central.sqlite3'}")
        upgrade(self.engine)
        self.refnis_used = set(shared.refnis_used)

    def start(self) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 (the process keeps it)
        # The server's own process (not uv's): a signal must reach the server itself.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "--data-dir", str(self.data_dir), "serve",
             "--port", str(self.port)],
            cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                if Client(self.url, timeout=1).get("/health").status_code == 200:
                    return
            except OSError:
                pass
            assert self.process.poll() is None and time.monotonic() < deadline, self.log()
            time.sleep(0.1)

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(timeout=20)

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def pushes(self) -> int:
        return self.log().count('"path": "/api/v1/sync/push", "status": 200')

    def code(self, refnis: str) -> str:
        from central import admin

        return admin.issue_code(self.engine, refnis, volunteer=False, hours=1)


@pytest.fixture
def own_central(tmp_path, servers):
    central = OwnCentral(tmp_path, servers)
    central.start()
    yield central
    if central.process and central.process.poll() is None:
        central.process.terminate()
        central.process.wait(timeout=20)
    central.engine.dispose()


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
