"""The central endpoint alone, over loopback: push N person creations in batches of 500
(gzip, as a desktop sends them), then pull them all back in pages of 1,000; bytes on the
wire per change; and the same gzipped bodies posted to the same server where nothing is
applied (GET-only /health answers 405 after reading the body) as the transport baseline.

    uv run python bench/central_push.py [--changes 10000] [--db postgresql+psycopg://…]
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

from central import admin
from central.db import make_engine, upgrade

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {"X-Relais-Protocol": "1", "Content-Type": "application/json"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        connection.request(method, path, body=body, headers={**HEADERS, **(headers or {})})
        answer = connection.getresponse()
        data = answer.read()
        if answer.getheader("Content-Encoding") == "gzip":
            data = gzip.decompress(data)
        return answer.status, data
    finally:
        connection.close()


def person(i: int) -> dict:
    return {"change_id": str(uuid.uuid4()), "seq": i, "entity": "person",
            "entity_id": str(uuid.uuid4()), "op": "create", "base_version": None,
            "values": {"surname_lat": f"Shevchenko{i}", "given_name_lat": "Olena",
                       "surname_cyr": "Шевченко", "given_name_cyr": "Олена",
                       "birth_date": "1984-03-09", "sex": "female", "phone": "+32 470 00 00 00",
                       "nationality": "UKR", "languages": ["uk", "ru"], "national_number": None},
            "author": str(uuid.uuid4()), "at": "2026-11-29T10:00:00+00:00"}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--db", help="PostgreSQL URL (default: SQLite in a temporary folder)")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    url = args.db or f"sqlite:///{tmp / 'central.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    refnis = f"{int.from_bytes(os.urandom(2), 'big') % 90000 + 10000}"
    admin.add_organisation(engine, refnis, "Bench")
    port = free_port()
    server = subprocess.Popen(["uv", "run", "--no-sync", "relais-central", "--data-dir", str(tmp),
                               *(["--db", args.db] if args.db else []), "serve", "--port",
                               str(port)], cwd=ROOT, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                if request(port, "GET", "/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        code = admin.issue_code(engine, refnis)
        status, data = request(port, "POST", "/api/v1/enrol", json.dumps({
            "code": code, "mode": "enrol", "device_name": "bench",
            "organisation": {"id": str(uuid.uuid4()), "refnis": refnis}}).encode())
        token = json.loads(data)["token"]
        auth = {"Authorization": f"Bearer {token}", "Content-Encoding": "gzip"}
        bodies = []
        for start in range(0, args.changes, 500):
            batch_id = str(uuid.uuid4())
            changes = [person(i) for i in range(start, min(start + 500, args.changes))]
            bodies.append((batch_id, gzip.compress(json.dumps(
                {"batch_id": batch_id, "changes": changes}).encode(), 6)))
        sent = sum(len(b) for _, b in bodies)
        started = time.perf_counter()
        for batch_id, body in bodies:
            status, _ = request(port, "POST", "/api/v1/sync/push", body,
                                {**auth, "Idempotency-Key": batch_id})
            assert status == 200
        pushed = time.perf_counter() - started
        started = time.perf_counter()
        for _batch_id, body in bodies:
            request(port, "POST", "/health", body, auth)
        baseline = time.perf_counter() - started
        started, cursor, received, pulled_bytes = time.perf_counter(), 0, 0, 0
        while True:
            status, data = request(port, "GET", f"/api/v1/sync/pull?cursor={cursor}",
                                   headers={"Authorization": f"Bearer {token}",
                                            "Accept-Encoding": "gzip"})
            page = json.loads(data)
            received += len(page["records"])
            pulled_bytes += len(data)
            cursor = page["cursor"]
            if not page["more"]:
                break
        pulled = time.perf_counter() - started
        backend = "postgresql" if args.db else "sqlite"
        print(f"{backend}: push {args.changes} changes in {pushed:.2f} s = "
              f"{args.changes / pushed:,.0f} changes/s; {sent / args.changes:.0f} B/change "
              f"gzipped; transport baseline {baseline:.2f} s (protocol x{pushed / baseline:.1f})")
        print(f"{backend}: pull {received} records in {pulled:.2f} s = "
              f"{received / pulled:,.0f} records/s ({pulled_bytes / received:.0f} B/record "
              f"inflated)")
    finally:
        server.terminate()
        server.wait()
        engine.dispose()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
