"""The pull cursor never skips a row that commits late: writers of one organisation draw
their sequence numbers under the organisation's row lock, held until commit."""

from __future__ import annotations

import threading
import time
import uuid

import pytest
from sqlalchemy import text

from central.auth import authenticate
from central.changes import canonical
from central.db import write_connection
from central.push import push
from tests.central.server import create


def test_two_concurrent_pushers_and_a_puller_miss_nothing(central):
    first, refnis = central.organisation()
    second = central.enrol(refnis, "join")
    reader = central.enrol(refnis, "join")
    pushed: list[str] = []
    done = threading.Event()
    failures: list[str] = []

    def pusher(device) -> None:
        for _ in range(15):
            changes = [create("household", {"reference": ""}) for _ in range(10)]
            answer = device.push_raw(changes)
            if answer.status_code != 200:
                failures.append(answer.text)
            pushed.extend(c["entity_id"] for c in changes)

    seen: list[dict] = []

    def puller() -> None:
        cursor = 0
        while True:
            finished = done.is_set()  # read before the pull: the last pull follows the end
            page = reader.pull(cursor, limit=7)
            seen.extend(page["records"])
            cursor = page["cursor"]
            if finished and not page["more"]:
                return

    threads = [threading.Thread(target=pusher, args=(d,)) for d in (first, second)]
    reading = threading.Thread(target=puller)
    for thread in (*threads, reading):
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reading.join()
    assert failures == []
    assert len(pushed) == 300
    assert {r["id"] for r in seen} == set(pushed)
    seqs = [r["seq"] for r in seen]
    assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)


def _waiting_for_a_lock(engine, pid: int) -> bool:
    with engine.connect() as connection:
        return connection.execute(text(
            "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = :pid"),
            {"pid": pid}).scalar() is True


def test_on_postgresql_a_second_writer_waits_for_the_first_to_commit(servers):
    if "postgresql" not in servers:
        pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432")
    central = servers["postgresql"]
    device, _refnis = central.organisation()
    engine = central.engine
    late, early = create("household", {"reference": "late"}), create("household", {})

    def batch(connection, change) -> None:
        body = {"batch_id": str(uuid.uuid4()), "changes": [change]}
        pusher = authenticate(connection, f"Bearer {device.token}")
        push(connection, pusher, body["batch_id"], canonical(body).hex()[:64], [change])

    first = write_connection(engine)
    batch(first, late)  # holds the organisation's row, its record not committed
    second = write_connection(engine)
    second_pid = second.exec_driver_sql("SELECT pg_backend_pid()").scalar()
    second.rollback()
    second_thread = threading.Thread(target=lambda: (batch(second, early), second.commit()))
    second_thread.start()
    deadline = time.monotonic() + 30
    while not _waiting_for_a_lock(engine, second_pid):
        assert time.monotonic() < deadline and second_thread.is_alive()
        time.sleep(0.02)
    # Neither row is visible yet, so a pull cannot move its cursor past the late one.
    assert device.pull()["records"] == []
    first.commit()
    second_thread.join(timeout=30)
    first.close()
    second.close()
    records = device.pull()["records"]
    assert [r["id"] for r in records] == [late["entity_id"], early["entity_id"]]
    assert records[0]["seq"] < records[1]["seq"]
