"""The overview of a scope month by month (the coordinator page's chart): per organisation,
the overview rows suppressed as the figures document suppresses them (a count of 1 to 4
hidden; the overview publishes no totals, so no secondary cell), an imported file's overview
where one was sent. Synced organisations' overviews are stored per month (stored.py: read
when still at the organisation's seq, counted together when missing or stale); the result
is cached until the scope's records change (cache.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from central import models as m
from central.coordination.cache import TimedCache, scope_version
from central.coordination.stored import (  # noqa: F401 (previous_months: used from here)
    StoredFigures,
    previous_months,
    suppressed_overview,
)
from figures import schema as s
from figures.places import in_scope

# refnis -> overview row -> value (None: hidden)
MonthOverview = dict[str, dict[str, int | None]]


class OverviewSeries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.stored = StoredFigures(engine)
        self._cache: TimedCache[MonthOverview] = TimedCache()

    def months(self, months: list[str], scope: str) -> dict[str, MonthOverview]:
        """Each month from the cache, the missing ones read or counted together."""
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
            orgs = [row for row in connection.execute(select(
                m.organisation.c.id, m.organisation.c.refnis, m.organisation.c.seq,
                m.organisation.c.record_id)) if in_scope(scope, row.refnis)]
            files = {(row.organisation_id, row.month): row.block for row in connection.execute(
                select(m.figures_file.c.organisation_id, m.figures_file.c.month,
                       m.figures_file.c.block).where(
                    m.figures_file.c.month.in_(months),
                    m.figures_file.c.organisation_id.in_([o.id for o in orgs])))}
        synced = [o for o in orgs if o.record_id is not None]
        counted = self.stored.overviews(synced, months)
        out: dict[str, MonthOverview] = {}
        for month in months:
            found: MonthOverview = {}
            for org in orgs:
                if (org.id, month) in files:
                    found[org.refnis] = _file_overview(files[(org.id, month)])
                elif org.record_id is not None:
                    found[org.refnis] = counted[(org.id, month)]
            out[month] = found
        return out


def _file_overview(block: dict[str, Any]) -> dict[str, int | None]:
    for table in block.get("tables", []):
        if table.get("key") == "overview":
            return {row["row"]: row["values"][0] for row in table.get("rows", [])
                    if row.get("row") in s.OVERVIEW_ROWS}
    return {}
