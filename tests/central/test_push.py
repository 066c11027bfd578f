"""Push results: applied, merged, conflict, duplicate, rejected, deferred; batch replay."""

from __future__ import annotations

import uuid

from tests.central.server import create, delete, update

PERSON = {"surname_lat": "Shevchenko", "given_name_lat": "Olena", "phone": "+32 470 00 00 00",
          "email": "", "national_number": None}


def two_desktops(central):
    first, refnis = central.organisation()
    return first, central.enrol(refnis, "join")


def make_person(device, **values):
    change = create("person", {**PERSON, **values})
    [result] = device.push(change)
    assert result["result"] == "applied" and result["version"] == 1
    return change["entity_id"]


def test_a_creation_and_edits_on_the_current_version_are_applied(central):
    device, _ = central.organisation()
    pid = make_person(device)
    [edited] = device.push(update("person", pid, 1, phone=("+32 470 00 00 00", "+32 2 000")))
    assert (edited["result"], edited["version"]) == ("applied", 2)
    [deleted] = device.push(delete("person", pid, 2))
    assert (deleted["result"], deleted["version"]) == ("applied", 3)
    record = device.records()[pid]
    assert record["deleted"] is True and record["values"]["phone"] == "+32 2 000"


def test_offline_edits_of_different_fields_merge(central):
    a, b = two_desktops(central)
    pid = make_person(a)
    assert a.push(update("person", pid, 1, phone=("+32 470 00 00 00", "0470 1")))[0]["result"] \
        == "applied"
    [merged] = b.push(update("person", pid, 1, email=("", "o@example.org")))
    assert (merged["result"], merged["version"]) == ("merged", 3)
    values = b.records()[pid]["values"]
    assert (values["phone"], values["email"]) == ("0470 1", "o@example.org")


def test_an_edit_to_the_value_already_there_merges_without_a_conflict(central):
    a, b = two_desktops(central)
    pid = make_person(a)
    a.push(update("person", pid, 1, phone=("+32 470 00 00 00", "0470 1")))
    [same] = b.push(update("person", pid, 1, phone=("+32 470 00 00 00", "0470 1")))
    assert (same["result"], same["conflicts"]) == ("merged", [])


def test_the_same_field_changed_twice_is_parked_as_a_conflict_with_both_values(central):
    a, b = two_desktops(central)
    author_a, author_b = str(uuid.uuid4()), str(uuid.uuid4())
    pid = make_person(a)
    a.push(update("person", pid, 1, author=author_a, phone=("+32 470 00 00 00", "0470 A")))
    [clash] = b.push(update("person", pid, 1, author=author_b,
                            phone=("+32 470 00 00 00", "0470 B"), email=("", "b@example.org")))
    assert clash["result"] == "conflict" and len(clash["conflicts"]) == 1
    records = b.records()
    values = records[pid]["values"]
    assert (values["phone"], values["email"]) == ("0470 A", "b@example.org")  # rest applied
    conflict = records[clash["conflicts"][0]]
    assert conflict["entity"] == "sync_conflict"
    assert conflict["values"] == {
        "entity": "person", "entity_id": pid, "field": "phone", "base": "+32 470 00 00 00",
        "theirs": "0470 A", "theirs_by": author_a, "theirs_at": "2026-11-29T11:00:00+00:00",
        "mine": "0470 B", "mine_by": author_b, "mine_at": "2026-11-29T11:00:00+00:00",
        "status": "open", "resolution": None}
    # Resolving it on any desktop is an ordinary update of the conflict.
    [resolved] = a.push(update("sync_conflict", conflict["id"], 1,
                               status=("open", "resolved"), resolution=(None, "theirs")))
    assert resolved["result"] == "applied"
    assert a.records()[conflict["id"]]["values"]["status"] == "resolved"


def test_a_field_written_again_while_its_conflict_is_open_updates_the_conflict(central):
    """Otherwise a person deciding later chooses between two outdated values and silently
    undoes the newer edit (seen in a walk through the window)."""
    a, b = two_desktops(central)
    author_a, author_b = str(uuid.uuid4()), str(uuid.uuid4())
    pid = make_person(a)
    b.push(update("person", pid, 1, author=author_b, phone=("+32 470 00 00 00", "1B")))
    [clash] = a.push(update("person", pid, 1, author=author_a,
                            phone=("+32 470 00 00 00", "2A")))
    (conflict_id,) = clash["conflicts"]
    before = b.records()[conflict_id]["version"]
    [later] = b.push(update("person", pid, 2, author=author_b, at="2026-11-29T12:00:00+00:00",
                            phone=("1B", "2B")))
    assert later["result"] == "applied"
    conflict = b.records()[conflict_id]
    assert conflict["version"] == before + 1  # desktops pull the conflict again
    assert {k: conflict["values"][k] for k in ("theirs", "theirs_by", "theirs_at", "mine",
                                                "status")} == {
        "theirs": "2B", "theirs_by": author_b, "theirs_at": "2026-11-29T12:00:00+00:00",
        "mine": "2A", "status": "open"}
    # Once resolved, a later write of the field leaves the conflict as it was decided.
    a.push(update("sync_conflict", conflict_id, conflict["version"],
                  status=("open", "resolved"), resolution=(None, "theirs")))
    b.push(update("person", pid, 3, author=author_b, phone=("2B", "3B")))
    assert b.records()[conflict_id]["values"]["theirs"] == "2B"


def test_an_edit_of_a_deleted_record_parks_a_deletion_conflict(central):
    a, b = two_desktops(central)
    pid = make_person(a)
    a.push(delete("person", pid, 1))
    [edit] = b.push(update("person", pid, 1, phone=("+32 470 00 00 00", "0470 B")))
    assert edit["result"] == "conflict"
    conflict = b.records()[edit["conflicts"][0]]["values"]
    assert (conflict["field"], conflict["base"], conflict["theirs"], conflict["mine"]) == \
        ("__deleted__", False, True, {"phone": "0470 B"})
    assert b.records()[pid]["deleted"] is True


def test_a_deletion_of_a_record_edited_since_parks_a_conflict_and_keeps_the_record(central):
    a, b = two_desktops(central)
    pid = make_person(a)
    a.push(update("person", pid, 1, phone=("+32 470 00 00 00", "0470 A")))
    [gone] = b.push(delete("person", pid, 1))
    assert gone["result"] == "conflict"
    records = b.records()
    assert records[pid]["deleted"] is False
    conflict = records[gone["conflicts"][0]]["values"]
    assert (conflict["field"], conflict["mine"], conflict["theirs"]["phone"]) == \
        ("__deleted__", True, "0470 A")


def test_a_resent_change_is_a_duplicate_repeating_the_first_result(central):
    device, _ = central.organisation()
    change = create("person", PERSON)
    [first] = device.push(change)
    [again] = device.push(change)
    assert again == {**first, "result": "duplicate"}
    assert len(device.records()) == 1


def test_a_change_id_reused_with_other_content_is_rejected(central):
    device, _ = central.organisation()
    change = create("person", PERSON)
    device.push(change)
    [reused] = device.push({**change, "values": {**PERSON, "phone": "other"}})
    assert (reused["result"], reused["reason"]) == ("rejected", "change_id_reused")
    assert next(iter(device.records().values()))["values"]["phone"] == PERSON["phone"]


def test_bad_changes_are_rejected_alone_with_their_reason(central):
    device, _ = central.organisation()
    existing = make_person(device)
    good = create("person", PERSON)
    huge = create("note", {"body": "x" * 70_000, "audience": "everyone"})
    results = device.push(
        create("audit_event", {"x": 1}),                             # unknown entity
        {**create("person", PERSON), "entity_id": "not-a-uuid"},     # malformed
        {"change_id": str(uuid.uuid4()), "op": "explode"},           # malformed
        42,                                                          # not a change at all
        create("person", PERSON, entity_id=existing),                # the id exists
        huge,                                                        # over 64 KiB
        {**update("person", existing, 1, phone=("a", "b")), "fields": {"phone": "b"}},
        good)
    assert [(r["result"], r["reason"]) for r in results] == [
        ("rejected", "unknown_entity"), ("rejected", "malformed"), ("rejected", "malformed"),
        ("rejected", "malformed"), ("rejected", "exists"), ("rejected", "too_large"),
        ("rejected", "malformed"), ("applied", None)]
    assert results[3]["change_id"] is None
    assert set(device.records()) == {existing, good["entity_id"]}


def test_changes_the_central_cannot_place_yet_are_deferred_then_applied(central):
    device, _ = central.organisation()
    pid = str(uuid.uuid4())
    early = update("person", pid, 1, phone=("+32 470 00 00 00", "0470 1"))
    ahead = update("person", pid, 5, email=("", "x@example.org"))
    gone = delete("person", pid, 1)
    results = device.push(early, ahead, gone)
    assert [(r["result"], r["reason"]) for r in results] == [
        ("deferred", "not_found"), ("deferred", "not_found"), ("deferred", "not_found")]
    assert device.records() == {}
    device.push(create("person", PERSON, pid))
    [later_ahead] = device.push(ahead)
    assert (later_ahead["result"], later_ahead["reason"]) == ("deferred", "base_version_ahead")
    [applied] = device.push(early)  # a deferred change is not remembered: it applies now
    assert applied["result"] == "applied"


def test_a_batch_resent_with_its_key_gets_the_stored_answer_and_changes_nothing(central):
    device, _ = central.organisation()
    batch_id = str(uuid.uuid4())
    changes = [create("person", PERSON), create("person", {**PERSON, "phone": "2"})]
    first = device.push_raw(changes, batch_id)
    cursor = device.pull()["cursor"]
    again = device.push_raw(changes, batch_id)
    assert again.status_code == 200 and again.json() == first.json()
    assert [r["result"] for r in again.json()["results"]] == ["applied", "applied"]
    assert device.pull()["cursor"] == cursor
    other = device.push_raw([create("person", PERSON)], batch_id)
    assert (other.status_code, other.json()["error"]) == (422, "idempotency_key_reused")
    assert device.pull()["cursor"] == cursor and len(device.records()) == 2


def test_a_merge_redirects_later_changes_to_the_kept_person(central):
    a, b = two_desktops(central)
    keep = make_person(a, surname_lat="Kovalenko", phone="0470 K")
    other = make_person(a, surname_lat="Kovalenko", phone="0470 O")
    # b, offline, edits the other person and adds a document to them...
    doc = create("identity_document", {"person_id": other, "number": "FX123"})
    edit = update("person", other, 1, email=("", "k@example.org"))
    # ...while a merges them (the merge record and its ordinary changes in one batch).
    merge = create("person_merge", {"keep_id": keep, "other_id": other,
                                    "repoint": [["identity_document", "person_id"]]})
    results = a.push(merge, update("person", keep, 1, email=("", "")), delete("person", other, 1))
    assert [r["result"] for r in results] == ["applied", "applied", "applied"]
    doc_result, edit_result = b.push(doc, edit)
    assert doc_result["result"] == "merged"
    assert edit_result["result"] == "merged"
    records = b.records()
    assert records[doc["entity_id"]]["values"]["person_id"] == keep
    assert records[keep]["values"]["email"] == "k@example.org"
    assert records[other]["deleted"] is True
    # The same field edited differently on both: a conflict on the kept person.
    [clash] = b.push(update("person", other, 1, phone=("0470 O", "0470 B")))
    assert clash["result"] == "conflict"
    assert b.records()[clash["conflicts"][0]]["values"]["entity_id"] == keep


def test_a_merge_naming_the_same_person_twice_is_rejected(central):
    device, _ = central.organisation()
    pid = make_person(device)
    [result] = device.push(create("person_merge", {"keep_id": pid, "other_id": pid,
                                                   "repoint": []}))
    assert (result["result"], result["reason"]) == ("rejected", "malformed")


def test_a_value_the_database_refuses_is_rejected_alone(central):
    device, _ = central.organisation()
    before, after = create("person", PERSON), create("person", PERSON)
    odd = create("person", {**PERSON, "surname_lat": "nul\u0000byte"})
    merge_target = make_person(device)
    merge = create("person_merge", {"keep_id": merge_target, "other_id": str(uuid.uuid4()),
                                    "repoint": []})
    edit = update("person", merge_target, 1, phone=("+32 470 00 00 00", "0470 9"))
    results = device.push(before, merge, odd, edit, after)
    postgresql = central.database_url.startswith("postgresql")
    # PostgreSQL's JSONB stores no NUL character; SQLite's JSON does.
    expected = ("rejected", "malformed") if postgresql else ("applied", None)
    assert [(r["result"], r["reason"]) for r in results] == [
        ("applied", None), ("applied", None), expected, ("applied", None), ("applied", None)]
    records = device.records()
    assert (odd["entity_id"] in records) is not postgresql
    assert {before["entity_id"], after["entity_id"], merge["entity_id"]} <= records.keys()
    assert records[merge_target]["values"]["phone"] == "0470 9"
