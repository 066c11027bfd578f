"""The central's figures: counted by SQL from the synced records (SQLite and PostgreSQL),
equal to counts made directly from the same records, suppressed, and never carrying a
name, a national number, a phone or a date of birth."""

from __future__ import annotations

import json

from central.coordination.service import FiguresService
from central.coordination.source import CentralSource
from figures.compute import compute
from tests.figures.expected import expected, from_counts
from tests.figures.records import MONTH, generate, municipalities, push_all, real_org


def enrolled(central, region: str, name: str):
    refnis = real_org(central, region, name)
    return central.enrol(refnis), refnis


def organisation_id(central, refnis: str) -> int:
    from central import admin

    with central.engine.connect() as connection:
        return admin.organisation_id(connection, refnis)


def test_the_counts_equal_those_made_directly_from_the_records(central):
    device, refnis = enrolled(central, "03000", "CPAS A")
    data = generate(7, 60, municipalities("03000")[:3])
    push_all(device, data)
    org = organisation_id(central, refnis)
    with central.engine.connect() as connection:
        counts = compute(connection, CentralSource([org]), MONTH, [org])
    got, want = from_counts(counts[org]), expected(data)
    for key in want:
        assert got[key] == want[key], key


def test_no_output_holds_a_name_a_national_number_a_phone_or_a_birth_date(central):
    device, refnis = enrolled(central, "03000", "CPAS B")
    data = generate(8, 40, municipalities("03000")[:2])
    push_all(device, data)
    text = json.dumps(FiguresService(central.engine).figures(MONTH, "region:WAL"),
                      ensure_ascii=False)
    assert refnis in text and "CPAS B" in text
    found = sorted(secret for secret in data.secrets if secret in text)
    assert found == []
