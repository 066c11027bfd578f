"""A new desktop's first pull, end to end over loopback: a real central process, a first
desktop with N demo persons (households, cases, documents, notes…) that enrols and pushes
them all, then a second data folder that joins and downloads everything.

    uv run python bench/first_pull.py [--persons 100000] [--db postgresql+psycopg://…/postgres]

With --db the script creates a fresh database beside the one named (and drops it after),
so the figures never depend on what an earlier run left. Prints the first push (records/s),
the join (records/s, wall time) and the peak memory of both the central and the joining
desktop during the join, sampled from /proc every 50 ms.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
# The device token goes to a keyring; a bench machine has none a script can share.
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "tests.sync.file_keyring.FileKeyring")

from central_push import free_port, request  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from central import admin  # noqa: E402
from central.db import make_engine, upgrade  # noqa: E402
from desktop.paths import DataPaths  # noqa: E402
from desktop.services import Services  # noqa: E402
from desktop.store.vault import NewOrganisation, Vault  # noqa: E402
from desktop.sync import setup  # noqa: E402
from desktop.sync.client import SyncClient  # noqa: E402
from desktop.sync.device_token import DeviceToken  # noqa: E402
from desktop.sync.engine import SyncEngine  # noqa: E402

PASSWORD = "correct horse battery staple"
REFNIS = "62063"  # Liège: the desktop checks the code against the municipalities


class PeakMemory:
    """The highest resident size of some processes while it runs (MB)."""

    def __init__(self, *pids: int) -> None:
        self.pids = pids
        self.peak = dict.fromkeys(pids, 0.0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], rss_of(pid))

    def __enter__(self) -> PeakMemory:
        for pid in self.pids:
            self.peak[pid] = rss_of(pid)
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()


def rss_of(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def fresh_postgres(url: str) -> tuple[str, str]:
    """A new, empty database on the server of ``url``: (its URL, its name)."""
    name = f"relais_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return make_url(url).set(database=name).render_as_string(hide_password=False), name


def drop_postgres(url: str, name: str) -> None:
    with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--db", help="a PostgreSQL URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="relais-first-pull-"))
    os.environ.setdefault("RELAIS_TEST_KEYRING", str(tmp / "keyring.json"))
    db_url, db_name = fresh_postgres(args.db) if args.db else (
        f"sqlite:///{tmp / 'central.sqlite3'}", "")
    engine = make_engine(db_url)
    upgrade(engine)
    admin.add_organisation(engine, REFNIS, "CPAS de Liège")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "central.cli", "--data-dir", str(tmp / "central"), "--db",
         db_url, "serve", "--port", str(port)], cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(port)
        url = f"http://127.0.0.1:{port}"
        first = Vault(DataPaths.portable(tmp / "first"))
        session, _ = first.create(NewOrganisation("CPAS de Liège", REFNIS, "fr"), "admin",
                                  PASSWORD, language="fr")
        started = time.perf_counter()
        Services.for_session(session).demo.generate(args.persons, seed=1)
        print(f"demo of {args.persons:,} persons: {time.perf_counter() - started:.0f} s")
        setup.enrol(session, SyncClient(url), DeviceToken(first.paths),
                    admin.issue_code(engine, REFNIS), PASSWORD)
        started = time.perf_counter()
        client = SyncClient(url, DeviceToken(first.paths).require())
        report = SyncEngine(session.engine, client).run()
        pushed = sum(report.pushed.values())
        took = time.perf_counter() - started
        print(f"first push: {pushed:,} changes in {took:.0f} s = {pushed / took:,.0f} changes/s")
        session.close()

        second = Vault(DataPaths.portable(tmp / "second"))
        code = admin.issue_code(engine, REFNIS)
        with PeakMemory(os.getpid(), server.pid) as memory:
            before = memory.peak[os.getpid()]
            started = time.perf_counter()
            joined = setup.join(second, SyncClient(url), DeviceToken(second.paths), code)
            took = time.perf_counter() - started
        records = joined.report.pulled_created + joined.report.pulled_updated
        backend = "postgresql" if args.db else "sqlite"
        print(f"{backend}: join (first pull) of {records:,} records for {args.persons:,} "
              f"persons in {took:.1f} s = {records / took:,.0f} records/s")
        print(f"{backend}: peak memory during the join: desktop {memory.peak[os.getpid()]:.0f} MB "
              f"(+{memory.peak[os.getpid()] - before:.0f} MB over its start), central "
              f"{memory.peak[server.pid]:.0f} MB")
    finally:
        server.terminate()
        server.wait()
        engine.dispose()
        if db_name:
            drop_postgres(args.db, db_name)
        shutil.rmtree(tmp, ignore_errors=True)


def wait_healthy(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/health")[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the central did not start")


if __name__ == "__main__":
    main()
