"""A volunteer device neither receives nor writes what a volunteer may not read
(central.protocol.RESTRICTED_FIELDS, from the desktop's roles)."""

from __future__ import annotations

from central.protocol import RESTRICTED_FIELDS
from tests.central.server import create, update

NRN = "85073003328"


def office_and_volunteer(central):
    office, refnis = central.organisation()
    return office, central.enrol(refnis, "join", volunteer=True)


def test_the_restricted_fields_are_those_of_the_desktops_roles():
    assert RESTRICTED_FIELDS["person"].keys() == {"national_number", "national_number_kind"}
    assert RESTRICTED_FIELDS["specific_need"] == {"details": None}
    assert RESTRICTED_FIELDS["note"]["body"] == ("audience", "social_workers")


def test_a_volunteer_pull_leaves_out_restricted_fields(central):
    office, volunteer = office_and_volunteer(central)
    person = create("person", {"surname_lat": "Melnyk", "national_number": NRN,
                               "national_number_kind": "nrn"})
    need = create("specific_need", {"person_id": person["entity_id"], "need_type": "trauma",
                                    "details": "nightmares", "urgent": True})
    private = create("note", {"audience": "social_workers", "body": "debts",
                              "merged_values": {"phone": "1"}})
    public = create("note", {"audience": "everyone", "body": "speaks Polish"})
    aid = create("aid_decision", {"category": "equivalent_income", "piis": True,
                                  "decided_on": "2026-11-01"})
    office.push(person, need, private, public, aid)
    office.push(update("person", person["entity_id"], 1,
                       national_number=(NRN, "85073003329")))
    stale = update("person", person["entity_id"], 1, national_number=(NRN, "85073003330"))
    [nrn_clash] = office.push(stale)
    assert nrn_clash["result"] == "conflict"
    seen = volunteer.records()
    assert seen[person["entity_id"]]["values"] == {"surname_lat": "Melnyk"}
    assert seen[need["entity_id"]]["values"] == {"person_id": person["entity_id"],
                                                 "need_type": "trauma", "urgent": True}
    assert seen[private["entity_id"]]["values"] == {"audience": "social_workers"}
    assert seen[public["entity_id"]]["values"]["body"] == "speaks Polish"
    assert aid["entity_id"] not in seen  # aid decisions are for social workers only
    conflict = seen[nrn_clash["conflicts"][0]]["values"]
    assert conflict["field"] == "national_number"
    assert not {"base", "theirs", "mine"} & conflict.keys()
    assert NRN not in str(seen)
    # The office's device gets everything.
    assert office.records()[person["entity_id"]]["values"]["national_number"] == "85073003329"


def test_a_volunteer_creates_records_with_empty_restricted_fields(central):
    _office, volunteer = office_and_volunteer(central)
    results = volunteer.push(
        create("person", {"surname_lat": "Tkachenko", "national_number": None,
                          "national_number_kind": None}),
        create("specific_need", {"need_type": "pregnancy", "details": ""}),
        create("note", {"audience": "everyone", "body": "arrived by bus"}))
    assert [r["result"] for r in results] == ["applied"] * 3


def test_a_volunteer_push_writing_a_restricted_field_is_rejected(central):
    office, volunteer = office_and_volunteer(central)
    private = create("note", {"audience": "social_workers", "body": "debts"})
    person = create("person", {"surname_lat": "Hrytsenko", "national_number": None})
    office.push(private, person)
    results = volunteer.push(
        create("person", {"surname_lat": "X", "national_number": NRN}),
        create("specific_need", {"need_type": "trauma", "details": "x"}),
        create("note", {"audience": "social_workers", "body": "x"}),
        update("person", person["entity_id"], 1, national_number=(None, NRN)),
        update("note", private["entity_id"], 1, body=("debts", "")),
        update("note", private["entity_id"], 1, audience=("social_workers", "everyone")))
    assert [(r["result"], r["reason"]) for r in results] == \
        [("rejected", "restricted_field")] * 6
    assert office.records()[private["entity_id"]]["values"] == private["values"]
    assert office.records()[person["entity_id"]]["values"]["national_number"] is None


def test_a_volunteer_device_neither_receives_nor_writes_aid_decisions(central):
    office, volunteer = office_and_volunteer(central)
    aid = create("aid_decision", {"category": "equivalent_income", "piis": False,
                                  "decided_on": "2026-11-01"})
    office.push(aid)
    assert aid["entity_id"] not in volunteer.records()
    [result] = volunteer.push(create("aid_decision", {"category": "equivalent_income"}))
    assert (result["result"], result["reason"]) == ("rejected", "restricted_field")
