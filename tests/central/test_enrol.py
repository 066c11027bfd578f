"""Enrolment: one-time codes, the enrol/join rules, series, scope, every error code."""

from __future__ import annotations

import uuid

import pytest

from central.enrol import series_name


def post_enrol(central, code: str, mode: str = "join", organisation=None):
    body = {"code": code, "mode": mode, "device_name": "pc"}
    if organisation is not None:
        body["organisation"] = organisation
    with central.client() as c:
        return c.post("/api/v1/enrol", json=body)


def org_body(refnis: str, record_id: str | None = None) -> dict:
    return {"id": record_id or str(uuid.uuid4()), "refnis": refnis, "name": "CPAS"}


def test_the_first_desktop_registers_and_the_next_ones_join_with_their_own_series(central):
    refnis = central.new_org()
    record_id = str(uuid.uuid4())
    first = post_enrol(central, central.code(refnis), "enrol", org_body(refnis, record_id))
    assert first.status_code == 200
    answer = first.json()
    assert answer["protocol"] == 1
    assert answer["series"] == "" and answer["scope"] == "full"
    assert answer["organisation"] == {"refnis": refnis, "name": "CPAS de test",
                                      "record_id": record_id}
    joined = [post_enrol(central, central.code(refnis)).json() for _ in range(2)]
    assert [j["series"] for j in joined] == ["B", "C"]
    assert {j["organisation"]["record_id"] for j in joined} == {record_id}
    assert len({answer["token"], *(j["token"] for j in joined)}) == 3


def test_series_run_b_to_z_then_ba_and_never_repeat():
    assert [series_name(n) for n in (0, 1, 2, 25, 26, 27, 51, 52)] == \
        ["", "B", "C", "Z", "BA", "BB", "BZ", "CA"]
    assert len({series_name(n) for n in range(1, 2000)}) == 1999


def test_a_volunteer_code_enrols_a_volunteer_device(central):
    _device, refnis = central.organisation()
    answer = post_enrol(central, central.code(refnis, volunteer=True))
    assert answer.status_code == 200
    assert answer.json()["scope"] == "volunteer"


def test_a_volunteer_code_cannot_register_the_organisation(central):
    refnis = central.new_org()
    code = central.code(refnis, volunteer=True)
    answer = post_enrol(central, code, "enrol", org_body(refnis))
    assert (answer.status_code, answer.json()["error"]) == (409, "volunteer_code")


def test_a_code_works_once(central):
    _device, refnis = central.organisation()
    code = central.code(refnis)
    assert post_enrol(central, code).status_code == 200
    again = post_enrol(central, code)
    assert (again.status_code, again.json()["error"]) == (403, "code_invalid")


def test_unknown_and_expired_codes_get_the_same_answer_as_a_used_one(central):
    _device, refnis = central.organisation()
    unknown = post_enrol(central, "ABCD-EFGH-JKMN")
    expired = post_enrol(central, central.code(refnis, hours=1e-9))
    for answer in (unknown, expired):
        assert answer.status_code == 403
        assert answer.json()["error"] == "code_invalid"
    assert unknown.json()["detail"] == expired.json()["detail"]


def test_a_code_is_read_in_any_case_without_hyphens(central):
    _device, refnis = central.organisation()
    code = central.code(refnis).replace("-", "").lower()
    assert post_enrol(central, code).status_code == 200


def test_enrol_refuses_another_organisations_code_and_keeps_the_code(central):
    refnis = central.new_org()
    code = central.code(refnis)
    other = central.new_org()
    wrong = post_enrol(central, code, "enrol", org_body(other))
    assert (wrong.status_code, wrong.json()["error"]) == (409, "wrong_organisation")
    assert post_enrol(central, code, "enrol", org_body(refnis)).status_code == 200


def test_a_second_registration_is_told_to_join(central):
    _device, refnis = central.organisation()
    code = central.code(refnis)
    again = post_enrol(central, code, "enrol", org_body(refnis))
    assert (again.status_code, again.json()["error"]) == (409,
                                                          "organisation_already_registered")
    assert post_enrol(central, code).status_code == 200  # the code is still good for join


def test_join_needs_a_registered_organisation(central):
    refnis = central.new_org()
    answer = post_enrol(central, central.code(refnis))
    assert (answer.status_code, answer.json()["error"]) == (409, "organisation_not_registered")


@pytest.mark.parametrize("body", [
    {"mode": "join", "device_name": "pc"},
    {"code": "X", "mode": "adopt", "device_name": "pc"},
    {"code": "X", "mode": "join"},
])
def test_malformed_enrolments_are_refused(central, body):
    with central.client() as c:
        answer = c.post("/api/v1/enrol", json=body)
    assert (answer.status_code, answer.json()["error"]) == (400, "malformed")


def test_enrol_without_the_organisation_is_malformed_and_keeps_the_code(central):
    refnis = central.new_org()
    code = central.code(refnis)
    answer = post_enrol(central, code, "enrol")
    assert (answer.status_code, answer.json()["error"]) == (400, "malformed")
    assert post_enrol(central, code, "enrol", org_body(refnis)).status_code == 200
