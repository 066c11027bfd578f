"""The overview of several months counted at once (figures/series.py, the coordinator page's
chart) equals each month's overview table counted by compute(), on SQLite and PostgreSQL."""

from __future__ import annotations

from central.coordination.series import previous_months
from central.coordination.source import CentralSource
from figures.compute import compute
from figures.series import overviews
from tests.figures.records import MONTH, generate, municipalities, push_all, real_org


def test_twelve_months_at_once_equal_each_months_overview(central):
    from central import admin

    refnis = real_org(central, "03000", "CPAS Séries")
    push_all(central.enrol(refnis), generate(61, 40, municipalities("03000")[:2]))
    with central.engine.connect() as connection:
        org = admin.organisation_id(connection, refnis)
        months = [*previous_months(MONTH, 12), "2026-05"]
        together = overviews(connection, CentralSource([org]), months)
        for month in months:
            table = compute(connection, CentralSource([org]), month, [org])[org] \
                .tables["overview"]
            expected = {row: values[0] for row, values in zip(*table, strict=True)}
            got = {row: together[month].get(org, {}).get(row, 0) for row in expected}
            assert got == expected, month
        assert overviews(connection, CentralSource([org]), []) == {}
    assert any(together[m].get(org, {}).get("persons") for m in months)
