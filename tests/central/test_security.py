"""Tokens, organisations kept apart through every endpoint, and requests that must change
nothing: oversized, gzip bombs, malformed, replayed, too old a protocol."""

from __future__ import annotations

import gzip
import json
import uuid

import pytest

from central import admin
from tests.central.server import create, delete, update

PUSH, PULL, ENROL = "/api/v1/sync/push", "/api/v1/sync/pull", "/api/v1/enrol"


def push_body(changes=()):
    batch_id = str(uuid.uuid4())
    return {"batch_id": batch_id, "changes": list(changes)}, {"Idempotency-Key": batch_id}


@pytest.mark.parametrize("token", [None, "not-a-token", ""])
def test_without_a_known_token_nothing_is_read_or_written(central, token):
    device, _ = central.organisation()
    device.push(create("household", {"reference": "H"}))
    cursor = device.pull()["cursor"]
    with central.client(token) as stranger:
        body, headers = push_body([create("household", {"reference": "X"})])
        for answer in (stranger.post(PUSH, json=body, headers=headers), stranger.get(PULL)):
            assert (answer.status_code, answer.json()["error"]) == (401, "unauthorised")
    assert device.pull()["cursor"] == cursor


def test_a_revoked_device_is_refused_with_its_own_code(central):
    device, _ = central.organisation()
    admin.revoke_device(central.engine, device.id)
    body, headers = push_body([create("household", {"reference": "X"})])
    for answer in (device.http.post(PUSH, json=body, headers=headers), device.http.get(PULL)):
        assert (answer.status_code, answer.json()["error"]) == (401, "device_revoked")
    assert device.id in {d.id for d in admin.list_devices(central.engine) if d.revoked}


def test_an_organisation_never_reads_or_writes_anothers_records(central):
    mine, mine_refnis = central.organisation()
    theirs, _ = central.organisation()
    person = create("person", {"surname_lat": "Bondarenko", "phone": "1"})
    batch_id = str(uuid.uuid4())
    assert theirs.push_raw([person], batch_id).status_code == 200
    theirs_before = theirs.records()
    pid = person["entity_id"]
    # Pull: nothing of theirs, whatever the cursor.
    assert mine.pull()["records"] == []
    # Push: updates and deletes of their record find nothing here (deferred, never applied).
    results = mine.push(update("person", pid, 1, phone=("1", "2")), delete("person", pid, 1))
    assert [r["result"] for r in results] == ["deferred", "deferred"]
    # Their change id and their batch id mean nothing here either.
    [own] = mine.push({**person, "values": {"surname_lat": "Mine"}})
    assert own["result"] == "applied"
    replay = mine.push_raw([person], batch_id)
    assert [r["result"] for r in replay.json()["results"]] == ["rejected"]  # id exists here
    # Merges in one organisation redirect nothing in the other.
    keep = create("person", {"phone": "k"})
    mine.push(keep, create("person_merge", {"keep_id": keep["entity_id"], "other_id": pid,
                                            "repoint": [["identity_document", "person_id"]]}))
    doc = create("identity_document", {"person_id": pid})
    assert theirs.push(doc)[0]["result"] == "applied"
    assert theirs.records() == {**theirs_before, doc["entity_id"]: theirs.records()[
        doc["entity_id"]]}
    assert theirs.records()[doc["entity_id"]]["values"]["person_id"] == pid
    assert theirs.records()[pid] == theirs_before[pid]
    # Enrolment: a code of one organisation registers no other.
    with central.client() as c:
        answer = c.post(ENROL, json={"code": central.code(mine_refnis), "mode": "enrol",
                                     "device_name": "x", "organisation": {
                                         "id": str(uuid.uuid4()),
                                         "refnis": theirs.enrolment["organisation"]["refnis"],
                                         "name": "x"}})
    assert answer.status_code == 409


def assert_nothing_changed(device, cursor):
    assert device.pull(cursor)["records"] == []


def test_oversized_requests_are_refused_and_change_nothing(central):
    device, _ = central.organisation()
    cursor = device.pull()["cursor"]
    body, headers = push_body([create("note", {"body": "x" * 60_000}) for _ in range(80)])
    raw = json.dumps(body).encode()
    assert len(raw) > 4 * 1024 * 1024
    answer = device.http.post(PUSH, content=raw,
                              headers={**headers, "Content-Type": "application/json"})
    assert (answer.status_code, answer.json()["error"]) == (413, "too_large")
    body, headers = push_body([create("household", {}) for _ in range(501)])
    answer = device.http.post(PUSH, json=body, headers=headers)
    assert (answer.status_code, answer.json()["error"]) == (413, "too_large")
    assert_nothing_changed(device, cursor)


def test_a_body_sent_in_chunks_without_a_length_is_counted_as_it_comes(central):
    device, _ = central.organisation()
    cursor = device.pull()["cursor"]
    body, headers = push_body([create("household", {"reference": "x" * 11_000})
                               for _ in range(400)])  # under 500 changes, over 4 MiB
    raw = json.dumps(body).encode()
    assert len(raw) > 4 * 1024 * 1024
    chunks = (raw[i:i + 65536] for i in range(0, len(raw), 65536))
    try:
        answer = device.http.post(PUSH, content=chunks, headers={
            **headers, "Content-Type": "application/json"})
    except ConnectionError:  # the central answered and closed before the last chunk
        pass
    else:
        assert (answer.status_code, answer.json()["error"]) == (413, "too_large")
    assert_nothing_changed(device, cursor)


def test_a_gzip_bomb_is_refused_before_it_is_inflated(central):
    device, _ = central.organisation()
    cursor = device.pull()["cursor"]
    _, headers = push_body()
    bomb = gzip.compress(b'{"batch_id": "' + b" " * (64 * 1024 * 1024) + b'"}', 9)
    assert len(bomb) < 4 * 1024 * 1024
    answer = device.http.post(PUSH, content=bomb, headers={
        **headers, "Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert (answer.status_code, answer.json()["error"]) == (413, "too_large")
    assert_nothing_changed(device, cursor)


def test_a_gzipped_push_is_accepted_and_large_answers_come_gzipped(central):
    device, _ = central.organisation()
    body, headers = push_body([create("household", {"reference": f"H{i}"})
                               for i in range(20)])
    answer = device.http.post(PUSH, content=gzip.compress(json.dumps(body).encode()), headers={
        **headers, "Content-Type": "application/json", "Content-Encoding": "gzip"})
    assert answer.status_code == 200
    assert {r["result"] for r in answer.json()["results"]} == {"applied"}
    zipped = device.http.get(PULL, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers.get("content-encoding") == "gzip"
    assert len(zipped.json()["records"]) == 20
    small = device.http.get("/health", headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers  # under 1 KiB: sent as is


@pytest.mark.parametrize("content, extra", [
    (b"{not json", {}),
    (b'{"changes": []}', {}),
    (b'{"batch_id": "nope", "changes": []}', {}),
    (b'[1, 2]', {}),
    (b"\x1f\x8b\x08\x00garbage", {"Content-Encoding": "gzip"}),
    (b'{"batch_id": "x"}', {"Content-Encoding": "br"}),
])
def test_malformed_pushes_get_a_clear_4xx_and_change_nothing(central, content, extra):
    device, _ = central.organisation()
    cursor = device.pull()["cursor"]
    answer = device.http.post(PUSH, content=content, headers={
        "Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4()), **extra})
    assert 400 <= answer.status_code < 500
    assert answer.json()["error"] == "malformed"
    assert_nothing_changed(device, cursor)


def test_a_push_needs_its_idempotency_key_equal_to_the_batch_id(central):
    device, _ = central.organisation()
    cursor = device.pull()["cursor"]
    body, _ = push_body([create("household", {})])
    for headers in ({}, {"Idempotency-Key": str(uuid.uuid4())}):
        answer = device.http.post(PUSH, json=body, headers=headers)
        assert (answer.status_code, answer.json()["error"]) == (400, "malformed")
    assert_nothing_changed(device, cursor)


@pytest.mark.parametrize("version", [None, "0", "x"])
def test_a_desktop_too_old_is_refused_with_the_minimum(central, version):
    device, refnis = central.organisation()
    headers = {"Authorization": f"Bearer {device.token}"}
    if version is not None:
        headers["X-Relais-Protocol"] = version
    with central.client() as c:
        c.headers = headers
        for answer in (c.get(PULL), c.post(PUSH, json={}),
                       c.post(ENROL, json={"code": central.code(refnis), "mode": "join",
                                           "device_name": "x"})):
            assert answer.status_code == 426
            assert answer.json() == {"protocol": 1, "error": "protocol_too_old",
                                     "detail": answer.json()["detail"], "min_protocol": 1}


def test_unknown_paths_answer_in_the_protocols_error_format(central):
    with central.client() as c:
        answer = c.get("/api/v1/nothing")
    assert (answer.status_code, answer.json()["error"]) == (404, "not_found")
