"""One sync: push the outbox, pull what the others did, push again if the pull made changes
(a replayed merge), and say what moved (docs/sync-protocol.md, "Push" and "Pull").

No Qt and no global state: the window runs it on a worker thread, the CLI in its own
process. Transient failures (network, 5xx) are retried with full-jitter backoff; anything
else stops the sync with its SyncError, the outbox untouched except for answers received.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from desktop.core.enums import OutboxStatus
from desktop.core.models import SyncOutbox, SyncState, utcnow
from desktop.core.write_lock import take_write_lock
from desktop.sync.answers import ChangeResult, PullPage
from desktop.sync.apply import ApplyReport, Decoded, apply_page, decode_page, retry_parked
from desktop.sync.backoff import Backoff, retrying
from desktop.sync.client import MAX_PULL, MAX_PUSH, SyncClient
from desktop.sync.codec import encode_datetime
from desktop.sync.errors import SyncError

log = logging.getLogger(__name__)
MAX_BATCH_BYTES = 1024 * 1024  # the changes' JSON, before gzip
MAX_DEFERRALS = 20  # a change deferred this often is parked: its parent never came
Progress = Callable[[int, int], None]  # (records received, of how many; 0: not known)
SENT_RESULTS = ("applied", "merged", "duplicate", "conflict")


@dataclass
class SyncReport:
    """What one sync moved, by result (pushed) and by kind (pulled)."""

    pushed: dict[str, int] = field(default_factory=dict)
    pulled_created: int = 0
    pulled_updated: int = 0
    pulled_deleted: int = 0
    merges_replayed: int = 0
    skipped: int = 0  # pulled records parked (this sync's count; `sync status` has all)
    full_download: bool = False

    def count(self, result: str) -> None:
        self.pushed[result] = self.pushed.get(result, 0) + 1

    @property
    def pulled(self) -> int:
        return self.pulled_created + self.pulled_updated + self.pulled_deleted

    def to_dict(self) -> dict[str, Any]:
        return {"pushed": dict(sorted(self.pushed.items())), "pulled": {
            "created": self.pulled_created, "updated": self.pulled_updated,
            "deleted": self.pulled_deleted}, "merges_replayed": self.merges_replayed,
            "skipped": self.skipped, "full_download": self.full_download}


def wire_change(row: SyncOutbox) -> dict[str, Any]:
    """An outbox row as the protocol carries it."""
    change = {"change_id": str(row.change_id), "seq": row.seq, "entity": row.entity,
              "entity_id": str(row.entity_id), "op": row.op, "base_version": row.base_version,
              "author": str(row.author) if row.author else None,
              "at": encode_datetime(row.at)}
    change.update(row.payload or {})
    return change


def batches(rows: Sequence[SyncOutbox]) -> list[list[dict[str, Any]]]:
    """Rows in local order cut into batches of at most MAX_PUSH changes and MAX_BATCH_BYTES."""
    out: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    size = 0
    for row in rows:
        change = wire_change(row)
        length = len(json.dumps(change, ensure_ascii=False, separators=(",", ":")))
        if current and (len(current) >= MAX_PUSH or size + length > MAX_BATCH_BYTES):
            out.append(current)
            current, size = [], 0
        current.append(change)
        size += length
    if current:
        out.append(current)
    return out


class SyncEngine:
    def __init__(self, engine: Engine, client: SyncClient, *, backoff: Backoff | None = None,
                 attempts: int = 5, sleep: Callable[[float], None] = time.sleep,
                 max_deferrals: int = MAX_DEFERRALS) -> None:
        self.engine = engine
        self.client = client
        self.backoff = backoff or Backoff()
        self.attempts = attempts
        self.sleep = sleep
        self.max_deferrals = max_deferrals

    def run(self) -> SyncReport:
        """Push, pull, and push again what the pull made; the time of success is kept,
        or the failure's code (for `sync status`) before it is raised."""
        report = SyncReport()
        try:
            self.push(report)
            if self.pull(report) and self._has_pending():
                self.push(report)
        except SyncError as error:
            self._state(last_error=error.code)
            raise
        self._state(last_success_at=utcnow(), last_error=None)
        return report

    # -- push ---------------------------------------------------------------------------

    def push(self, report: SyncReport) -> None:
        """Every pending change once, in local order (a deferred one waits for next time)."""
        after = 0
        while True:
            rows = self._pending(after)
            if not rows:
                return
            for batch in batches(rows):
                batch_id = str(uuid.uuid4())
                results = self._retrying(lambda b=batch, i=batch_id: self.client.push(i, b))
                self._record(results, report)
            after = rows[-1].seq or after

    def _pending(self, after: int) -> list[SyncOutbox]:
        with Session(self.engine) as db:
            return list(db.scalars(
                select(SyncOutbox).where(SyncOutbox.status == OutboxStatus.PENDING,  # type: ignore[arg-type]
                                         SyncOutbox.seq > after)  # type: ignore[operator]
                .order_by(SyncOutbox.seq).limit(MAX_PUSH * 4)))

    def _has_pending(self) -> bool:
        return bool(self._pending(0))

    def _record(self, results: list[ChangeResult], report: SyncReport) -> None:
        """The central's answers, in one local transaction (under the write lock, like any
        local write): one UPDATE per kind of answer, not one per change (an enrolment
        sends hundreds of thousands)."""
        sent: dict[str, list[uuid.UUID]] = defaultdict(list)
        rejected: dict[str, list[uuid.UUID]] = defaultdict(list)
        deferred: dict[str | None, list[uuid.UUID]] = defaultdict(list)
        for result in results:
            report.count(result.result)
            change_id = uuid.UUID(result.change_id)
            if result.result in SENT_RESULTS:
                sent[result.result].append(change_id)
            elif result.result == "rejected":
                rejected[result.reason or "rejected"].append(change_id)
            else:
                deferred[result.reason].append(change_id)
        table = SyncOutbox.__table__  # type: ignore[attr-defined]
        with self.engine.begin() as connection:
            take_write_lock(connection)

            def each(ids: list[uuid.UUID], **values: Any) -> None:
                for start in range(0, len(ids), 500):
                    connection.execute(update(table).where(
                        table.c.change_id.in_(ids[start:start + 500])).values(**values))

            for result, ids in sent.items():
                each(ids, status=OutboxStatus.SENT, result=result, reason=None)
            for reason, ids in rejected.items():
                each(ids, status=OutboxStatus.PROBLEM, result="rejected", reason=reason)
            for reason, ids in deferred.items():  # again next time; parked after too many
                each(ids, attempts=table.c.attempts + 1, result="deferred", reason=reason)
                for start in range(0, len(ids), 500):
                    connection.execute(update(table).where(
                        table.c.change_id.in_(ids[start:start + 500]),
                        table.c.attempts >= self.max_deferrals).values(
                            status=OutboxStatus.PROBLEM))

    # -- pull ---------------------------------------------------------------------------

    def pull(self, report: SyncReport, progress: Progress | None = None) -> bool:
        """Every page since the stored cursor, each applied with its cursor. Returns
        whether anything changed here. ``progress`` is told after each page is saved (an
        exception it raises stops the pull there: the next pull goes on from that page).

        The next page is fetched while this one is applied: the central's work and the
        wire then overlap the local writes (a first pull of 100,000 persons is about
        600 pages). A page fetched ahead is only a read; it is dropped if this one fails."""
        cursor = self._cursor()
        retried = retry_parked(self.engine)
        changed = bool(retried.created or retried.updated or retried.deleted)
        report.pulled_created += retried.created
        report.pulled_updated += retried.updated
        report.pulled_deleted += retried.deleted
        received = 0
        fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="relais-pull")
        try:
            # Only the first page says how much is left: the progress bar's total.
            ahead: Future[tuple[PullPage, Decoded]] = fetcher.submit(
                self._fetch, cursor, progress is not None)
            total: int | None = None
            while True:
                try:
                    page, decoded = ahead.result()
                except SyncError as error:
                    if error.code != "cursor_expired" or cursor == 0:
                        raise
                    cursor, report.full_download = 0, True  # everything again; outbox stays
                    ahead = fetcher.submit(self._fetch, cursor, progress is not None)
                    continue
                if page.more:
                    ahead = fetcher.submit(self._fetch, page.cursor)
                applied = self._apply(page, decoded)
                report.pulled_created += applied.created
                report.pulled_updated += applied.updated
                report.pulled_deleted += applied.deleted
                report.merges_replayed += applied.merges_replayed
                report.skipped += len(applied.skipped)
                changed = changed or bool(applied.created or applied.updated or applied.deleted)
                cursor = page.cursor
                received += len(page.records)
                if total is None and page.remaining is not None:
                    total = received + page.remaining
                if progress is not None:  # 0: unknown (an older central), a busy bar
                    progress(received, max(total, received) if total is not None else 0)
                if not page.more:
                    return changed
        finally:
            # A request still under way ends by its own deadline; nothing waits for it.
            fetcher.shutdown(wait=False, cancel_futures=True)

    def _fetch(self, cursor: int, count: bool = False) -> tuple[PullPage, Decoded]:
        """On the fetching thread: the page, and its records decoded."""
        page = self._retrying(lambda: self.client.pull(cursor, MAX_PULL, count))
        return page, decode_page(page.records)

    def _apply(self, page: PullPage, decoded: Decoded) -> ApplyReport:
        try:
            return apply_page(self.engine, page.records, page.cursor, decoded)
        except IntegrityError:
            # A record this database refuses (a unique value taken here by another
            # record): nothing of the page was written; the person is told, not shown
            # a traceback. The page is tried again at the next sync.
            log.exception("a pulled page was refused by the local database")
            raise SyncError("page_refused", server=self.client.server.shown) from None

    def _cursor(self) -> int:
        with Session(self.engine) as db:
            state = db.scalar(select(SyncState))
            if state is None:
                raise SyncError("not_enrolled")
            return state.cursor

    # -- helpers ------------------------------------------------------------------------

    def _retrying(self, call: Callable[[], Any]) -> Any:
        return retrying(call, self.backoff, attempts=self.attempts, sleep=self.sleep)

    def _state(self, **values: Any) -> None:
        with self.engine.begin() as connection:
            take_write_lock(connection)
            connection.execute(update(SyncState.__table__).values(**values))  # type: ignore[attr-defined]
