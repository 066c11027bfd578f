"""A real relais-central process per backend (SQLite, and the machine's PostgreSQL), shared
by the session, driven over HTTP. Organisations and devices are made through
central.admin on the same database, as the CLI does. A pytest plugin (tests/conftest.py
loads it), so tests/central and tests/sync share one set of servers."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import Engine

from central import admin
from central.db import make_engine, upgrade
from tests.central.wire import Client, Response

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ)  # before any test points HOME elsewhere (uv keeps its cache there)
PG_USER = os.environ.get("RELAIS_TEST_PG_USER", "postgres")
PG_ADMIN = f"host=127.0.0.1 port=5432 dbname=test user={PG_USER} connect_timeout=3"
PROTOCOL_HEADERS = {"X-Relais-Protocol": "1"}
START_TIMEOUT = 120  # a loaded CI machine imports FastAPI slowly


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def command(*args: str) -> list[str]:
    uv = shutil.which("uv")
    if uv:
        return [uv, "run", "--no-sync", "relais-central", *args]
    return [sys.executable, "-m", "central.cli", *args]


@dataclass
class Server:
    url: str
    database_url: str
    data_dir: Path
    log_path: Path
    process: subprocess.Popen
    engine: Engine
    refnis_used: set[str] = field(default_factory=set)

    def client(self, token: str | None = None, **headers: str) -> Client:
        all_headers = {**PROTOCOL_HEADERS, **headers}
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        return Client(self.url, all_headers)

    def new_org(self, name: str = "CPAS de test") -> str:
        while True:
            refnis = f"{secrets.randbelow(90000) + 10000}"
            if refnis not in self.refnis_used:
                self.refnis_used.add(refnis)
                break
        admin.add_organisation(self.engine, refnis, name)
        return refnis

    def code(self, refnis: str, volunteer: bool = False, hours: float = 24) -> str:
        return admin.issue_code(self.engine, refnis, volunteer=volunteer, hours=hours)

    def enrol(self, refnis: str, mode: str = "enrol", volunteer: bool = False,
              record_id: str | None = None) -> Device:
        body: dict[str, Any] = {"code": self.code(refnis, volunteer), "mode": mode,
                                "device_name": f"pc-{mode}"}
        if mode == "enrol":
            body["organisation"] = {"id": record_id or str(uuid.uuid4()), "refnis": refnis,
                                    "name": "CPAS"}
        with self.client() as c:
            answer = c.post("/api/v1/enrol", json=body)
        assert answer.status_code == 200, answer.text
        return Device(self, answer.json())

    def organisation(self) -> tuple[Device, str]:
        """A registered organisation and its first device."""
        refnis = self.new_org()
        return self.enrol(refnis), refnis

    def log(self) -> str:
        return self.log_path.read_text("utf-8")


class Device:
    """One enrolled desktop, as the protocol sees it."""

    def __init__(self, server: Server, enrolment: dict[str, Any]) -> None:
        self.server, self.enrolment = server, enrolment
        self.token: str = enrolment["token"]
        self.id: str = enrolment["device_id"]
        self.http = server.client(self.token)

    def push_raw(self, changes: list[Any], batch_id: str | None = None) -> Response:
        batch_id = batch_id or str(uuid.uuid4())
        return self.http.post("/api/v1/sync/push", json={"batch_id": batch_id,
                                                         "changes": changes},
                              headers={"Idempotency-Key": batch_id})

    def push(self, *changes: dict[str, Any]) -> list[dict[str, Any]]:
        answer = self.push_raw(list(changes))
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def pull(self, cursor: int = 0, limit: int = 1000, count: bool = False) -> dict[str, Any]:
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if count:
            params["count"] = "true"
        answer = self.http.get("/api/v1/sync/pull", params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def records(self) -> dict[str, dict[str, Any]]:
        """Every record of the organisation now, by id (all pages)."""
        out, cursor = {}, 0
        while True:
            page = self.pull(cursor)
            out.update({r["id"]: r for r in page["records"]})
            cursor = page["cursor"]
            if not page["more"]:
                return out


def create(entity: str, values: dict[str, Any], entity_id: str | None = None,
           author: str | None = None) -> dict[str, Any]:
    return {"change_id": str(uuid.uuid4()), "seq": 1, "entity": entity,
            "entity_id": entity_id or str(uuid.uuid4()), "op": "create", "base_version": None,
            "values": values, "author": author, "at": "2026-11-29T10:00:00+00:00"}


def update(entity: str, entity_id: str, base: int, author: str | None = None,
           at: str = "2026-11-29T11:00:00+00:00", **fields: tuple[Any, Any]) -> dict[str, Any]:
    return {"change_id": str(uuid.uuid4()), "seq": 2, "entity": entity, "entity_id": entity_id,
            "op": "update", "base_version": base,
            "fields": {k: list(v) for k, v in fields.items()}, "author": author, "at": at}


def delete(entity: str, entity_id: str, base: int) -> dict[str, Any]:
    return {"change_id": str(uuid.uuid4()), "seq": 3, "entity": entity, "entity_id": entity_id,
            "op": "delete", "base_version": base, "author": None,
            "at": "2026-11-29T12:00:00+00:00"}


def _launch(tmp: Path, database_url: str | None) -> Server:
    """Start the process; _wait_until_healthy waits for it (both backends start at once)."""
    port = free_port()
    log_path = tmp / "server.log"
    args = ["--data-dir", str(tmp)] + (["--db", database_url] if database_url else [])
    url = database_url or f"sqlite:///{tmp / 'central.sqlite3'}"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(command(*args, "serve", "--port", str(port)), cwd=ROOT,
                                   env=ENV, stdout=log, stderr=subprocess.STDOUT)
    return Server(url=f"http://127.0.0.1:{port}", database_url=url, data_dir=tmp,
                  log_path=log_path, process=process, engine=make_engine(url))


def wait_for_health(url: str, process: subprocess.Popen, log: Callable[[], str]) -> None:
    """Until a started relais-central answers /health; fails with its log if it exits or
    stays silent past START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if process.poll() is not None:
            pytest.fail(f"relais-central exited: {log()}")
        try:
            if Client(url, timeout=1).get("/health").status_code == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"relais-central did not answer: {log()}")
        time.sleep(0.1)


def _wait_until_healthy(server: Server) -> None:
    wait_for_health(server.url, server.process, server.log)
    upgrade(server.engine)  # done by serve already: a no-op that proves the revision known


def _stop(server: Server) -> None:
    server.engine.dispose()
    server.process.terminate()
    try:
        server.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.process.kill()


def postgres_database() -> Iterator[str | None]:
    """A fresh database for the session, dropped after; None when PostgreSQL is not there."""
    try:
        admin_conn = psycopg.connect(PG_ADMIN, autocommit=True)
    except psycopg.OperationalError as error:
        global PG_UNREACHABLE
        PG_UNREACHABLE = str(error).strip()
        yield None
        return
    name = f"relais_central_test_{secrets.token_hex(6)}"
    with admin_conn:
        admin_conn.execute(f"CREATE DATABASE {name}")
        try:
            yield f"postgresql+psycopg://{PG_USER}@127.0.0.1:5432/{name}"
        finally:
            admin_conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


PG_UNREACHABLE = ""


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Server]]:
    databases = postgres_database()
    pg_url = next(databases)
    started = {"sqlite": _launch(tmp_path_factory.mktemp("central-sqlite"), None)}
    if pg_url is not None:
        started["postgresql"] = _launch(tmp_path_factory.mktemp("central-pg"), pg_url)
    try:
        for server in started.values():
            _wait_until_healthy(server)
        yield started
    finally:
        for server in started.values():
            _stop(server)
        databases.close()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def central(request: pytest.FixtureRequest, servers: dict[str, Server]) -> Server:
    if request.param not in servers:
        pytest.skip(f"PostgreSQL is not reachable at 127.0.0.1:5432 ({PG_UNREACHABLE})")
    return servers[request.param]
