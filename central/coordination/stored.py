"""Figures stored per synced organisation and month, so that the coordinator page reads rows
instead of counting 100,000 persons (bench/figures_central.py).

A row holds what the page shows of one organisation for one month (its suppressed block, or
only its suppressed overview for the chart) and the organisation's ``seq`` read BEFORE
counting. A push draws seq numbers and commits them with its records, so a row whose seq
equals the organisation's current one was counted from every record there is; any other row
is stale and counted again when asked for (staleness cannot be missed: it is checked at
every read). A row may be counted from records newer than its seq (a push committed while
counting): it is then merely counted again, never shown wrong.

Rows are made in two ways: on demand (a month never asked for, or stale), and by
``Refresher`` in the background after a push, for that organisation only."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine

from central import models as m
from central.coordination.source import CentralSource
from central.db import utcnow, write_connection
from figures import schema as s
from figures.compute import Counts, compute
from figures.document import Organisation, organisation_block
from figures.series import overviews
from figures.suppression import shown, suppress, with_totals

log = logging.getLogger(__name__)

# The months a push makes ready in the background: the page's default month and the
# chart's months before it (see web/routes.py and web/data.py).
CHART_MONTHS = 12
# At most this many other stale months of one organisation are counted again after a push
# (older ones wait until someone asks for them).
REFRESH_MONTHS = 24
STORE_CHUNK = 200


def suppressed_overview(values: dict[str, int]) -> dict[str, int | None]:
    """The overview rows as the chart shows them: 1 to 4 hidden, no totals published."""
    body = [[values.get(row, 0)] for row in s.OVERVIEW_ROWS]
    grid = with_totals(body, 1, column_totals=False, row_totals=False)
    visible = shown(grid, suppress(grid))
    return {row: visible[i][0] for i, row in enumerate(s.OVERVIEW_ROWS)}


def _overview_of(counts: Counts) -> dict[str, int]:
    rows, body = counts.tables["overview"]
    return {row: values[0] for row, values in zip(rows, body, strict=True)}


def _pg_tuning(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        # The joins are on values inside JSON, whose row counts PostgreSQL cannot estimate:
        # it chose nested loops over 100,000 persons (61 s for a month of 100 organisations)
        # where hash joins take 0.6 s. For this read-only transaction only.
        connection.execute(text("SET LOCAL enable_nestloop = off"))


class StoredFigures:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def blocks(self, orgs: Sequence[Any], month: str) -> dict[int, dict[str, Any]]:
        """organisation id -> its suppressed block for ``month``, for synced ``orgs`` (rows
        with id, refnis, name, seq); the missing or stale ones counted together and stored."""
        found = self._fresh(orgs, [month], need_block=True)
        out = {org_id: row["block"] for (org_id, _), row in found.items()}
        missing = [o for o in orgs if o.id not in out]
        if missing:
            out.update(self.count_blocks(missing, month))
        return out

    def overviews(self, orgs: Sequence[Any], months: list[str]) -> dict[tuple[int, str],
                                                                        dict[str, int | None]]:
        """(organisation id, month) -> suppressed overview; missing ones counted and stored."""
        found = {key: row["overview"] for key, row in
                 self._fresh(orgs, months, need_block=False).items()}
        missing_orgs = [o for o in orgs if any((o.id, month) not in found for month in months)]
        if missing_orgs:
            missing_months = sorted({month for o in missing_orgs for month in months
                                     if (o.id, month) not in found})
            counted = self.count_overviews(missing_orgs, missing_months,
                                           keep={key for key in found})
            found.update(counted)
        return found

    def count_blocks(self, orgs: Sequence[Any], month: str) -> dict[int, dict[str, Any]]:
        seqs = self._seqs([o.id for o in orgs])  # read BEFORE counting: see the docstring
        with self.engine.connect() as connection:
            _pg_tuning(connection)
            counts = compute(connection, CentralSource([o.id for o in orgs]), month,
                             [o.id for o in orgs])
        blocks = {o.id: organisation_block(Organisation(o.refnis, o.name), counts[o.id], "sync")
                  for o in orgs}
        self._store([{"organisation_id": o.id, "month": month, "seq": seqs[o.id],
                      "block": blocks[o.id],
                      "overview": suppressed_overview(_overview_of(counts[o.id]))}
                     for o in orgs])
        return blocks

    def count_overviews(self, orgs: Sequence[Any], months: list[str],
                        keep: Iterable[tuple[int, str]] = ()) -> dict[tuple[int, str],
                                                                      dict[str, int | None]]:
        """Overviews of ``orgs`` × ``months`` (two queries), stored where no fresh row is
        (``keep``: the fresh ones, left as they are: they may hold a block)."""
        seqs = self._seqs([o.id for o in orgs])
        with self.engine.connect() as connection:
            _pg_tuning(connection)
            counts = overviews(connection, CentralSource([o.id for o in orgs]), months)
        kept = set(keep)
        out = {(o.id, month): suppressed_overview(dict(counts[month].get(o.id, {})))
               for o in orgs for month in months}
        self._store([{"organisation_id": org_id, "month": month, "seq": seqs[org_id],
                      "block": None, "overview": overview}
                     for (org_id, month), overview in out.items()
                     if (org_id, month) not in kept])
        return out

    def _fresh(self, orgs: Sequence[Any], months: list[str],
               need_block: bool) -> dict[tuple[int, str], dict[str, Any]]:
        """The stored rows whose seq is still the organisation's current one."""
        if not orgs:
            return {}
        seq_of = {o.id: o.seq for o in orgs}
        st = m.figures_stored
        columns = [st.c.organisation_id, st.c.month, st.c.seq, st.c.overview]
        if need_block:
            columns.append(st.c.block)
        query = select(*columns).where(st.c.month.in_(months),
                                       st.c.organisation_id.in_(list(seq_of)))
        if need_block:
            query = query.where(st.c.block.is_not(None))
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return {(row["organisation_id"], row["month"]): dict(row) for row in rows
                if row["seq"] == seq_of[row["organisation_id"]]}

    def _seqs(self, org_ids: list[int]) -> dict[int, int]:
        with self.engine.connect() as connection:
            return {row.id: row.seq for row in connection.execute(select(
                m.organisation.c.id, m.organisation.c.seq).where(
                m.organisation.c.id.in_(org_ids)))}

    def _store(self, rows: list[dict[str, Any]]) -> None:
        """Insert or replace, never over a row counted at a later seq, nor a block by a
        mere overview of the same seq (the page and the background may race)."""
        if not rows:
            return
        st = m.figures_stored
        now = utcnow()
        with write_connection(self.engine) as connection:
            make = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
            for start in range(0, len(rows), STORE_CHUNK):
                chunk = [{**row, "computed_at": now} for row in rows[start:start + STORE_CHUNK]]
                statement = make(m.figures_stored).values(chunk)
                connection.execute(statement.on_conflict_do_update(
                    index_elements=["organisation_id", "month"],
                    set_={name: statement.excluded[name]
                          for name in ("seq", "block", "overview", "computed_at")},
                    where=or_(st.c.seq < statement.excluded.seq,
                              and_(st.c.seq == statement.excluded.seq,
                                   or_(statement.excluded.block.is_not(None),
                                       st.c.block.is_(None))))))
            connection.commit()


def this_month() -> str:
    return datetime.now(UTC).strftime("%Y-%m")


def previous_months(month: str, count: int = CHART_MONTHS) -> list[str]:
    """``count`` months ending with ``month``, oldest first."""
    year, number = int(month[:4]), int(month[5:])
    out = []
    for _ in range(count):
        out.append(f"{year:04d}-{number:02d}")
        year, number = (year - 1, 12) if number == 1 else (year, number - 1)
    return out[::-1]


class Refresher:
    """Counts again, in one background thread, the figures of the organisations that
    pushed: the push only notes its organisation (the answer is not delayed). An
    organisation is counted once its pushes paused for QUIET_SECONDS (an enrolment's
    hundreds of batches are counted once, not per batch), or MAX_DELAY_SECONDS after its
    first push not yet counted when it never pauses."""

    QUIET_SECONDS = 1.0
    MAX_DELAY_SECONDS = 30.0

    def __init__(self, engine: Engine) -> None:
        self.stored = StoredFigures(engine)
        self.engine = engine
        self._pending: dict[int, tuple[float, float]] = {}  # org -> (first, last) push
        self._busy = False
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None

    def after_push(self, organisation_id: int) -> None:
        now = time.monotonic()
        with self._wake:
            first, _ = self._pending.get(organisation_id, (now, now))
            self._pending[organisation_id] = (first, now)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="figures-refresh",
                                                daemon=True)
                self._thread.start()
            self._wake.notify()

    def wait_idle(self, seconds: float = 60) -> bool:
        """For tests and benches: True once nothing is pending or being counted."""
        with self._wake:
            return self._wake.wait_for(lambda: not self._pending and not self._busy, seconds)

    def _due(self) -> tuple[int | None, float]:
        """The organisation due first and how long until it is (under the lock)."""
        now, best, wait = time.monotonic(), None, 3600.0
        for org_id, (first, last) in self._pending.items():
            due = min(last + self.QUIET_SECONDS, first + self.MAX_DELAY_SECONDS) - now
            if due < wait:
                best, wait = org_id, due
        return best, max(wait, 0.0)

    def _run(self) -> None:
        while True:
            with self._wake:
                org_id, wait = self._due()
                if org_id is None or wait > 0:
                    self._wake.wait(wait if org_id is not None else None)
                    continue
                del self._pending[org_id]
                self._busy = True
            try:
                self.refresh(org_id, this_month())
            except Exception:  # a failed refresh only leaves the page to count on demand
                log.exception("figures refresh of organisation %s failed", org_id)
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def refresh(self, organisation_id: int, month: str) -> None:
        """``month`` (block) and the chart's months (overview) of one organisation, plus
        its other stored months that went stale; fresh rows are left alone."""
        with self.engine.connect() as connection:
            org = connection.execute(select(
                m.organisation.c.id, m.organisation.c.refnis, m.organisation.c.name,
                m.organisation.c.seq, m.organisation.c.record_id).where(
                m.organisation.c.id == organisation_id)).first()
            stored = connection.execute(select(
                m.figures_stored.c.month, m.figures_stored.c.block.is_not(None).label("full"))
                .where(m.figures_stored.c.organisation_id == organisation_id,
                       m.figures_stored.c.seq != (org.seq if org else -1))
                .order_by(m.figures_stored.c.month.desc())
                .limit(REFRESH_MONTHS)).all()
        if org is None or org.record_id is None:
            return
        full = {month} | {row.month for row in stored if row.full}
        for each in sorted(full):
            self.stored.blocks([org], each)
        self.stored.overviews([org], sorted(set(previous_months(month))
                                            | {row.month for row in stored}))
