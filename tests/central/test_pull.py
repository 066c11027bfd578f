"""Pull: pages in sequence order, the cursor, tombstones, the 410 after a purge."""

from __future__ import annotations

from central import admin
from tests.central.server import create, delete, update


def test_pages_follow_the_sequence_and_an_edited_record_comes_again_at_the_end(central):
    device, _ = central.organisation()
    changes = [create("household", {"reference": f"H{i}"}) for i in range(25)]
    device.push(*changes)
    first = changes[0]["entity_id"]
    device.push(update("household", first, 1, reference=("H0", "H0-bis")))
    seen, cursor, pages = [], 0, []
    while True:
        page = device.pull(cursor, limit=10)
        assert page["protocol"] == 1
        pages.append((len(page["records"]), page["more"]))
        seen += page["records"]
        assert page["cursor"] == (page["records"][-1]["seq"] if page["records"] else cursor)
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert pages == [(10, True), (10, True), (5, False)]
    assert [r["seq"] for r in seen] == sorted(r["seq"] for r in seen)
    assert seen[-1]["id"] == first and seen[-1]["version"] == 2
    assert seen[-1]["values"]["reference"] == "H0-bis"
    assert {r["id"] for r in seen} == {c["entity_id"] for c in changes}
    assert device.pull(cursor) == {"protocol": 1, "records": [], "cursor": cursor,
                                   "more": False}


def test_each_page_says_how_many_records_the_next_pages_hold(central):
    device, _ = central.organisation()
    device.push(*[create("household", {"reference": f"H{i}"}) for i in range(25)])
    remaining, cursor = [], 0
    while True:
        page = device.pull(cursor, limit=10, count=True)
        remaining.append(page["remaining"])
        assert "remaining" not in device.pull(cursor, limit=10)  # only when asked
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert remaining == [15, 5, 0]


def test_a_volunteer_device_is_not_counted_the_records_it_never_receives(central):
    device, refnis = central.organisation()
    device.push(*[create("household", {"reference": f"H{i}"}) for i in range(3)],
                *[create("aid_decision", {"category": "isolated"}) for _ in range(4)])
    volunteer = central.enrol(refnis, "join", volunteer=True)
    page = volunteer.pull(0, limit=1, count=True)
    assert page["more"] is True and page["remaining"] == 2


def test_a_record_carries_its_author_time_and_version(central):
    device, _ = central.organisation()
    change = create("task", {"title": "Appeler", "due_on": "2026-12-01"},
                    author="0190f000-0000-7000-8000-0000000000aa")
    device.push(change)
    [record] = device.pull()["records"]
    assert record == {"entity": "task", "id": change["entity_id"], "version": 1,
                      "deleted": False, "values": change["values"], "seq": record["seq"],
                      "updated_by": "0190f000-0000-7000-8000-0000000000aa",
                      "updated_at": "2026-11-29T10:00:00+00:00"}


def test_a_page_never_exceeds_a_thousand_records(central):
    device, _ = central.organisation()
    for _ in range(3):
        device.push(*[create("household", {"reference": ""}) for _ in range(450)])
    page = device.pull(0, limit=5000)
    assert len(page["records"]) == 1000 and page["more"] is True


def test_bad_cursors_and_limits_are_malformed(central):
    device, _ = central.organisation()
    for params in ({"cursor": -1}, {"cursor": "x"}, {"limit": 0}):
        answer = device.http.get("/api/v1/sync/pull", params=params)
        assert (answer.status_code, answer.json()["error"]) == (400, "malformed")


def test_after_a_purge_an_old_cursor_gets_410_and_cursor_0_downloads_again(central):
    device, _ = central.organisation()
    kept = create("household", {"reference": "kept"})
    gone = create("household", {"reference": "gone"})
    device.push(kept, gone)
    early_cursor = device.pull()["cursor"] - 1
    device.push(delete("household", gone["entity_id"], 1))
    assert admin.purge_tombstones(central.engine, older_than_days=0) >= 1
    expired = device.http.get("/api/v1/sync/pull", params={"cursor": early_cursor})
    assert (expired.status_code, expired.json()["error"]) == (410, "cursor_expired")
    assert set(device.records()) == {kept["entity_id"]}
    # A cursor at or above the horizon still pulls.
    assert device.pull(device.pull()["cursor"])["records"] == []


def test_a_download_begun_after_a_purge_pages_through_below_the_horizon(central):
    device, _ = central.organisation()
    kept = [create("household", {"reference": f"K{i}"}) for i in range(5)]
    gone = create("household", {"reference": "gone"})
    device.push(*kept, gone)
    device.push(delete("household", gone["entity_id"], 1))
    admin.purge_tombstones(central.engine, older_than_days=0)
    cursor, seen = 0, set()
    while True:
        page = device.pull(cursor, limit=2)  # every cursor here is below the horizon
        seen |= {r["id"] for r in page["records"]}
        cursor = page["cursor"]
        if not page["more"]:
            break
    assert seen == {c["entity_id"] for c in kept}
    assert device.pull(cursor)["records"] == []
    # Another device of the organisation that has not downloaded again is still refused.
    other = central.enrol(device.enrolment["organisation"]["refnis"], "join")
    assert other.http.get("/api/v1/sync/pull", params={"cursor": 1}).status_code == 410
