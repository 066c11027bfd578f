"""A small in-process cache for what the coordinator page reads often: a month's figures and
its overview. Keys carry the scope's data version (every organisation's sequence number,
drawn at each push, and the times figures files were imported), so a sync or an import
makes the next page compute again; entries also age out after CACHE_SECONDS. The API and
the CLI never read through it."""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Generic, TypeVar

from sqlalchemy import select
from sqlalchemy.engine import Engine

from central import models as m
from figures.places import in_scope

CACHE_SECONDS = 300
CACHE_ENTRIES = 256
T = TypeVar("T")


class TimedCache(Generic[T]):
    def __init__(self, seconds: float = CACHE_SECONDS, entries: int = CACHE_ENTRIES) -> None:
        self.seconds, self.entries = seconds, entries
        self._items: dict[Hashable, tuple[float, T]] = {}
        self._lock = Lock()

    def peek(self, key: Hashable) -> T | None:
        with self._lock:
            found = self._items.get(key)
        if found and time.monotonic() - found[0] < self.seconds:
            return found[1]
        return None

    def get(self, key: Hashable, make: Callable[[], T]) -> T:
        now = time.monotonic()
        with self._lock:
            found = self._items.get(key)
        if found and now - found[0] < self.seconds:
            return found[1]
        value = make()
        with self._lock:
            if len(self._items) >= self.entries:
                self._items.clear()
            self._items[key] = (now, value)
        return value


def scope_version(engine: Engine, scope: str) -> tuple[Hashable, ...]:
    """What changes whenever a figure of the scope may change (a few hundred small rows)."""
    with engine.connect() as connection:
        orgs = tuple((row.id, row.seq, row.record_id is not None) for row in connection.execute(
            select(m.organisation.c.id, m.organisation.c.refnis, m.organisation.c.seq,
                   m.organisation.c.record_id).order_by(m.organisation.c.id))
            if in_scope(scope, row.refnis))
        ids = {org[0] for org in orgs}
        files = tuple(sorted((row.organisation_id, row.month, str(row.imported_at))
                             for row in connection.execute(select(
                                 m.figures_file.c.organisation_id, m.figures_file.c.month,
                                 m.figures_file.c.imported_at))
                             if row.organisation_id in ids))
    return orgs, files
