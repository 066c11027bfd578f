"""Full-jitter backoff: waits drawn below a doubling ceiling, capped; retries only what a
later try can mend, and a retried push keeps its Idempotency-Key."""

from __future__ import annotations

import uuid

import pytest

from desktop.sync.backoff import Backoff, retrying
from desktop.sync.client import SyncClient
from desktop.sync.errors import SyncError
from tests.sync.http_faults import FaultServer


def test_the_ceiling_doubles_from_the_base_up_to_the_cap():
    backoff = Backoff(base=2, cap=60)
    assert [backoff.ceiling(n) for n in range(7)] == [2, 4, 8, 16, 32, 60, 60]


def test_each_wait_is_drawn_between_nothing_and_the_ceiling():
    assert Backoff(base=2, cap=60, random=lambda: 0.0).delay(3) == 0.0
    assert Backoff(base=2, cap=60, random=lambda: 0.5).delay(3) == 8.0
    assert Backoff(base=2, cap=60, random=lambda: 0.999).delay(10) == pytest.approx(59.94)


def test_a_very_long_outage_never_overflows():
    assert Backoff(base=1, cap=300, random=lambda: 1.0).delay(10_000) == 300


def test_failures_in_a_row_lengthen_the_wait_and_a_success_starts_again():
    backoff = Backoff(base=1, cap=100, random=lambda: 1.0)
    assert [backoff.failed() for _ in range(4)] == [1, 2, 4, 8]
    backoff.succeeded()
    assert backoff.failed() == 1


def test_a_base_above_the_cap_is_a_mistake():
    with pytest.raises(ValueError):
        Backoff(base=10, cap=5)


def test_retries_wait_then_succeed():
    waits: list[float] = []
    outcomes = iter([SyncError("timeout"), SyncError("dropped"), "done"])

    def call():
        outcome = next(outcomes)
        if isinstance(outcome, SyncError):
            raise outcome
        return outcome

    result = retrying(call, Backoff(base=1, cap=10, random=lambda: 1.0), sleep=waits.append)
    assert (result, waits) == ("done", [1, 2])


def test_a_failure_that_waiting_cannot_mend_is_raised_at_once():
    waits: list[float] = []

    def revoked():
        raise SyncError("device_revoked")

    with pytest.raises(SyncError) as raised:
        retrying(revoked, Backoff(), sleep=waits.append)
    assert (raised.value.code, waits) == ("device_revoked", [])


def test_the_last_failure_is_raised_when_the_attempts_run_out():
    waits: list[float] = []

    def down():
        raise SyncError("server", status=503)

    with pytest.raises(SyncError) as raised:
        retrying(down, Backoff(random=lambda: 0.0), attempts=3, sleep=waits.append)
    assert (raised.value.code, len(waits)) == ("server", 2)


def test_a_push_retried_after_dropped_connections_keeps_its_batch_key():
    server = FaultServer().start()
    try:
        drops = iter([True, True, False])

        def flaky(handler):
            if next(drops):
                handler.drop()
                return
            sent = server.received[-1].json()["changes"]
            handler.send_json(200, {"protocol": 1, "results": [
                {"change_id": c["change_id"], "result": "applied", "version": 1,
                 "reason": None, "conflicts": []} for c in sent]})

        server.on("POST", "/api/v1/sync/push", flaky)
        client = SyncClient(server.url, "token")
        batch = str(uuid.uuid4())
        change = {"change_id": str(uuid.uuid4()), "seq": 1, "entity": "person",
                  "entity_id": str(uuid.uuid4()), "op": "delete", "base_version": 2,
                  "author": None, "at": "2026-11-29T10:00:00+00:00"}

        results = retrying(lambda: client.push(batch, [change]), Backoff(random=lambda: 0.0),
                           sleep=lambda _: None)

        assert [r.result for r in results] == ["applied"]
        assert [r.headers["idempotency-key"] for r in server.received] == [batch] * 3
        assert len({r.body for r in server.received}) == 1  # the very same body each time
    finally:
        server.stop()
