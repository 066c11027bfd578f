"""Figures stored per organisation and month (central/coordination/stored.py): after pushes
they equal figures counted afresh from the records, a push makes them stale and they are
never read stale, and the push's organisation is counted again in the background by the
real central process. SQLite and PostgreSQL."""

from __future__ import annotations

import time

from sqlalchemy import select

from central import models as m
from central.coordination.service import FiguresService
from central.coordination.source import CentralSource
from central.coordination.stored import (
    Refresher,
    previous_months,
    suppressed_overview,
    this_month,
)
from figures.compute import compute
from figures.document import Organisation, organisation_block
from tests.figures.records import MONTH, generate, municipalities, push_all, real_org

WAIT_SECONDS = 60


def enrolled(central, name: str):
    refnis = real_org(central, "03000", name)
    device = central.enrol(refnis)
    with central.engine.connect() as connection:
        org_id = connection.execute(select(m.organisation.c.id).where(
            m.organisation.c.refnis == refnis)).scalar_one()
    return device, refnis, org_id


def fresh_block(central, org_id: int, refnis: str, name: str, month: str) -> dict:
    with central.engine.connect() as connection:
        counts = compute(connection, CentralSource([org_id]), month, [org_id])
    return organisation_block(Organisation(refnis, name), counts[org_id], "sync")


def fresh_overview(central, org_id: int, month: str) -> dict:
    with central.engine.connect() as connection:
        counts = compute(connection, CentralSource([org_id]), month, [org_id])
    rows, body = counts[org_id].tables["overview"]
    return suppressed_overview({row: values[0] for row, values in zip(rows, body, strict=True)})


def org_seq(central, org_id: int) -> int:
    with central.engine.connect() as connection:
        return connection.execute(select(m.organisation.c.seq).where(
            m.organisation.c.id == org_id)).scalar_one()


def stored_row(central, org_id: int, month: str):
    with central.engine.connect() as connection:
        return connection.execute(select(m.figures_stored).where(
            m.figures_stored.c.organisation_id == org_id,
            m.figures_stored.c.month == month)).first()


def wait_fresh(central, org_id: int, month: str, block: bool):
    """The row the central's background refresh stores, once at the current seq."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        row = stored_row(central, org_id, month)
        if row is not None and row.seq == org_seq(central, org_id) and (
                row.block is not None or not block):
            return row
        time.sleep(0.2)
    raise AssertionError(f"no fresh stored figures for {month} after {WAIT_SECONDS} s")


def block_of(doc: dict, refnis: str) -> dict:
    [block] = [o for o in doc["organisations"] if o["refnis"] == refnis]
    return block


def test_a_push_is_followed_by_stored_figures_equal_to_fresh_ones(central):
    device, refnis, org_id = enrolled(central, "CPAS stocké")
    push_all(device, generate(21, 30, municipalities("03000")[:3]))
    now = wait_fresh(central, org_id, this_month(), block=True)
    assert now.block == fresh_block(central, org_id, refnis, "CPAS stocké", this_month())
    for month in previous_months(this_month()):
        row = wait_fresh(central, org_id, month, block=False)
        assert row.overview == fresh_overview(central, org_id, month), month


def test_a_month_never_counted_is_counted_once_then_read_from_the_table(central):
    device, refnis, org_id = enrolled(central, "CPAS à la demande")
    push_all(device, generate(22, 25, municipalities("03000")[:3]))
    service = FiguresService(central.engine)
    first = block_of(service.figures(MONTH, "region:WAL"), refnis)
    assert first == fresh_block(central, org_id, refnis, "CPAS à la demande", MONTH)
    row = stored_row(central, org_id, MONTH)
    assert row.seq == org_seq(central, org_id) and row.block == first
    again = block_of(service.figures(MONTH, "region:WAL"), refnis)
    assert again == first
    assert stored_row(central, org_id, MONTH).computed_at == row.computed_at  # not recounted


def test_a_push_makes_the_stored_figures_stale_and_they_are_never_read_stale(central):
    device, refnis, org_id = enrolled(central, "CPAS périmé")
    places = municipalities("03000")[:3]
    push_all(device, generate(23, 20, places))
    service = FiguresService(central.engine)
    before = block_of(service.figures(MONTH, "region:WAL"), refnis)
    seq_before = org_seq(central, org_id)
    push_all(device, generate(24, 15, places))
    assert org_seq(central, org_id) > seq_before
    after = block_of(service.figures(MONTH, "region:WAL"), refnis)
    assert after != before
    assert after == fresh_block(central, org_id, refnis, "CPAS périmé", MONTH)
    assert stored_row(central, org_id, MONTH).seq == org_seq(central, org_id)


def test_the_refresh_counts_only_its_organisation_and_its_stale_months(central):
    device_a, refnis_a, org_a = enrolled(central, "CPAS A rafraîchi")
    device_b, _, org_b = enrolled(central, "CPAS B rafraîchi")
    places = municipalities("03000")[:3]
    push_all(device_a, generate(25, 10, places))
    push_all(device_b, generate(26, 10, places))
    service = FiguresService(central.engine)
    service.figures(MONTH, "region:WAL")  # both stored for MONTH
    b_row = stored_row(central, org_b, MONTH)
    push_all(device_a, generate(27, 5, places))
    with central.engine.connect() as connection:
        org = connection.execute(select(
            m.organisation.c.id, m.organisation.c.refnis, m.organisation.c.name,
            m.organisation.c.seq, m.organisation.c.record_id).where(
            m.organisation.c.id == org_a)).one()
    Refresher(central.engine).refresh(org.id, this_month())
    a_row = stored_row(central, org_a, MONTH)  # stale, had a block: counted again in full
    assert a_row.seq == org_seq(central, org_a)
    assert a_row.block == fresh_block(central, org_a, refnis_a, "CPAS A rafraîchi", MONTH)
    assert stored_row(central, org_b, MONTH).computed_at == b_row.computed_at
