"""The overview of a scope month by month (the coordinator page's chart): per organisation,
the overview rows suppressed as the figures document suppresses them (a count of 1 to 4
hidden; the overview publishes no totals, so no secondary cell), an imported file's overview
where one was sent. Cached until the scope's records change (cache.py); the months not in
the cache are counted together (figures/series.py: two queries)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from central import models as m
from central.coordination.cache import TimedCache, scope_version
from central.coordination.source import CentralSource
from figures import schema as s
from figures.places import in_scope
from figures.series import overviews
from figures.suppression import shown, suppress, with_totals

# refnis -> overview row -> value (None: hidden)
MonthOverview = dict[str, dict[str, int | None]]


def previous_months(month: str, count: int) -> list[str]:
    """``count`` months ending with ``month``, oldest first."""
    year, number = int(month[:4]), int(month[5:])
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{number:02d}")
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
    return out[::-1]


def suppressed_overview(values: dict[str, int]) -> dict[str, int | None]:
    body = [[values.get(row, 0)] for row in s.OVERVIEW_ROWS]
    grid = with_totals(body, 1, column_totals=False, row_totals=False)
    visible = shown(grid, suppress(grid))
    return {row: visible[i][0] for i, row in enumerate(s.OVERVIEW_ROWS)}


class OverviewSeries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._cache: TimedCache[MonthOverview] = TimedCache()

    def months(self, months: list[str], scope: str) -> dict[str, MonthOverview]:
        """Each month from the cache, the missing ones computed together."""
        version = scope_version(self.engine, scope)
        out: dict[str, MonthOverview] = {}
        missing = []
        for month in months:
            found = self._cache.peek((month, scope, version))
            if found is None:
                missing.append(month)
            else:
                out[month] = found
        if missing:
            for month, result in self._compute(missing, scope).items():
                out[month] = self._cache.get((month, scope, version), lambda r=result: r)
        return {month: out[month] for month in months}

    def _compute(self, months: list[str], scope: str) -> dict[str, MonthOverview]:
        with self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SET LOCAL enable_nestloop = off"))  # see service.py
            orgs = [row for row in connection.execute(select(
                m.organisation.c.id, m.organisation.c.refnis, m.organisation.c.record_id))
                if in_scope(scope, row.refnis)]
            files = {(row.organisation_id, row.month): row.block for row in connection.execute(
                select(m.figures_file.c.organisation_id, m.figures_file.c.month,
                       m.figures_file.c.block).where(
                    m.figures_file.c.month.in_(months),
                    m.figures_file.c.organisation_id.in_([o.id for o in orgs])))}
            synced = [o for o in orgs if o.record_id is not None]
            counts = overviews(connection, CentralSource([o.id for o in synced]), months) \
                if synced else {month: {} for month in months}
        out: dict[str, MonthOverview] = {}
        for month in months:
            found: MonthOverview = {}
            for org in orgs:
                if (org.id, month) in files:
                    found[org.refnis] = _file_overview(files[(org.id, month)])
                elif org.record_id is not None:
                    found[org.refnis] = suppressed_overview(counts[month].get(org.id, {}))
            out[month] = found
        return out


def _file_overview(block: dict[str, Any]) -> dict[str, int | None]:
    for table in block.get("tables", []):
        if table.get("key") == "overview":
            return {row["row"]: row["values"][0] for row in table.get("rows", [])
                    if row.get("row") in s.OVERVIEW_ROWS}
    return {}
