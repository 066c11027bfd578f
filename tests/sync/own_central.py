"""A central process of the test's own (SQLite), to stop, kill and start again on the same
port and database, with its own serve options."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.central.server import ENV, ROOT, free_port, wait_for_health

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

    def start(self, *options: str) -> None:
        log = open(self.log_path, "ab")  # noqa: SIM115 (the process keeps it)
        # The server's own process (not uv's): a signal must reach the server itself.
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "--data-dir", str(self.data_dir), "serve",
             "--port", str(self.port), *options],
            cwd=ROOT, env=ENV, stdout=log, stderr=subprocess.STDOUT)
        wait_for_health(self.url, self.process, self.log)

    def stop(self) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=20)

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
