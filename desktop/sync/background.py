"""One sync as the window runs it on its own worker thread: the same engine as
``relais sync now``, stoppable between requests, so that closing the window mid-sync
waits for at most the request under way (each pull page is applied with its cursor in
one transaction: nothing is lost, nothing applied twice)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from desktop.sync.answers import ChangeResult, PullPage
from desktop.sync.backoff import Backoff
from desktop.sync.client import SyncClient
from desktop.sync.conflicts import status
from desktop.sync.device_token import DeviceToken
from desktop.sync.engine import SyncEngine, SyncReport
from desktop.sync.errors import SyncError

if TYPE_CHECKING:
    from desktop.store.database import WorkSession


class Stopped(Exception):
    """The sync was asked to stop (the window is closing); what was applied stays."""


class StoppableClient:
    """A SyncClient that refuses to start a request once ``stop`` is set."""

    def __init__(self, client: SyncClient, stop: threading.Event) -> None:
        self.client, self.stop = client, stop
        self.server = client.server

    def _check(self) -> None:
        if self.stop.is_set():
            raise Stopped

    def push(self, batch_id: str, changes: Sequence[dict[str, Any]]) -> list[ChangeResult]:
        self._check()
        return self.client.push(batch_id, changes)

    def pull(self, cursor: int, limit: int, count: bool = False) -> PullPage:
        self._check()
        return self.client.pull(cursor, limit, count)


def sync_once(session: WorkSession, stop: threading.Event, attempts: int = 3) -> SyncReport:
    """Push, pull, push; keys.json then follows the users pulled. Raises SyncError (the
    engine stored its code), or Stopped. A short retry inside for a blip on the line; the
    window's plan backs off between whole syncs."""
    found = status(session.engine)
    if found is None:
        raise SyncError("not_enrolled")
    client = SyncClient(found.server, DeviceToken(session.vault.paths).require())

    def sleep(seconds: float) -> None:
        if stop.wait(seconds):
            raise Stopped

    engine = SyncEngine(session.engine, StoppableClient(client, stop),  # type: ignore[arg-type]
                        backoff=Backoff(base=1.0, cap=10.0), attempts=attempts, sleep=sleep)
    report = engine.run()
    session.refresh_sealed_keys()
    return report
