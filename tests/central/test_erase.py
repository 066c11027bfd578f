"""An anonymisation's update ("erase": true, no old values): written over later edits, no
conflict keeps a name, open conflicts on its fields lose theirs, a tombstone stays one."""

from __future__ import annotations

import json

from tests.central.server import create, delete, update
from tests.central.test_push import make_person, two_desktops


def erase(entity, entity_id, base, **new):
    change = update(entity, entity_id, base, **{name: (None, value) for name, value in
                                                new.items()})
    change["erase"] = True
    return change


def test_an_erase_overrides_a_later_edit_without_a_conflict(central):
    a, b = two_desktops(central)
    pid = make_person(a)
    b.push(update("person", pid, 1, surname_lat=("Shevchenko", "Chevtchenko")))
    [erased] = a.push(erase("person", pid, 1, surname_lat="", phone=""))
    assert (erased["result"], erased["conflicts"]) == ("merged", [])
    values = a.records()[pid]["values"]
    assert (values["surname_lat"], values["phone"]) == ("", "")
    assert "Chevtchenko" not in json.dumps(a.records())


def test_an_erase_empties_the_open_conflicts_on_its_fields(central):
    a, b = two_desktops(central)
    pid = make_person(a)
    a.push(update("person", pid, 1, phone=("+32 470 00 00 00", "0470 A")))
    [clash] = b.push(update("person", pid, 1, phone=("+32 470 00 00 00", "0470 B")))
    assert clash["result"] == "conflict"
    a.push(erase("person", pid, 2, phone=""))
    conflict = a.records()[clash["conflicts"][0]]["values"]
    assert (conflict["base"], conflict["theirs"], conflict["mine"]) == ("", "", "")


def test_a_tombstone_stays_deleted_without_its_values(central):
    device, _ = central.organisation()
    pid = make_person(device)
    device.push(delete("person", pid, 1))
    [erased] = device.push(erase("person", pid, 2, surname_lat=""))
    assert erased["result"] == "applied"
    record = device.records()[pid]
    assert record["deleted"] is True and record["values"]["surname_lat"] == ""


def test_erase_is_only_for_updates(central):
    device, _ = central.organisation()
    change = create("person", {"surname_lat": "X"})
    change["erase"] = True
    assert device.push(change)[0]["reason"] == "malformed"
