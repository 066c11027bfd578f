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


def published_grid(table):
    """A published table back as the grid of figures.suppression (None where hidden)."""
    two_way = bool(table["rows"]) and "total" in table["rows"][0]
    grid = [row["values"] + ([row["total"]] if two_way else []) for row in table["rows"]]
    totals = table["totals"]
    grid.append(totals["values"] + ([totals["total"]] if two_way else []))
    return grid, two_way


def test_differencing_recovers_no_hidden_cell_from_the_published_figures(central):
    from tests.figures.attack import by_differencing

    # A small organisation: most cells are small, so much is hidden.
    device, refnis = enrolled(central, "03000", "CPAS petit")
    data = generate(9, 12, municipalities("03000")[:4])
    push_all(device, data)
    doc = FiguresService(central.engine).figures(MONTH, "region:WAL")
    [org] = [o for o in doc["organisations"] if o["refnis"] == refnis]
    overview = {row["row"]: row["values"][0] for row in org["tables"][0]["rows"]}
    hidden = 0
    for table in org["tables"]:
        if table["totals"] is None:
            continue
        grid, two_way = published_grid(table)
        rows, columns = len(table["rows"]), len(table["columns"])
        # The month's total is known from the overview even where the table hides it.
        grand = {"persons_by_age_sex": "persons", "persons_by_protection_stage": "persons",
                 "files_by_piis": "files_active"}.get(table["key"])
        if grand and grid[-1][-1] is None and overview[grand] is not None:
            grid[-1][-1] = overview[grand]
        hidden += sum(v is None for row in grid for v in row)
        assert by_differencing(grid, rows, columns, True, two_way) == {}, table["key"]
        for row in grid:
            assert all(v is None or v == 0 or v >= 5 for v in row), table["key"]
    assert hidden > 5
