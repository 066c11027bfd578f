"""Sync by itself: runs desktop.sync.background.sync_once on a worker of its own (a long
pull never queues behind the person's saves on the TaskRunner, and never makes them wait
for more than the page being written: the SQLite write lock serialises the two), when
desktop.sync.schedule.Plan says so. Publishes the status for the status bar and the panel.
"""

from __future__ import annotations

import logging
import threading
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtNetwork import QNetworkInformation

from desktop.core.errors import RelaisError
from desktop.store.database import WorkSession
from desktop.sync.background import Stopped, sync_once
from desktop.sync.conflicts import Status, status
from desktop.sync.edits import listen_for_edits
from desktop.sync.engine import SyncReport
from desktop.sync.errors import SyncError
from desktop.sync.schedule import Phase, Plan, Snapshot, Timing, phase
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
UNEXPECTED = "unexpected"  # a failure that is not a SyncError (disk full, a bug)
MAX_TIMER_MS = 2**31 - 1


class SyncScheduler(QObject):
    changed = Signal()  # the status (phase, counts) changed
    pulled = Signal(object)  # a SyncReport whose pull changed records here
    _edited = Signal()  # from whichever thread committed a local edit

    def __init__(self, session: WorkSession, timing: Timing | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.engine = session.engine
        self.plan = Plan(timing or Timing(), time.monotonic())
        self.runner = TaskRunner()  # its own thread: never two syncs, never behind saves
        self.stop_flag = threading.Event()
        self.report: SyncReport | None = None  # what the last successful sync moved
        self.error: BaseException | None = None  # the last failure, for the panel
        self.error_code: str | None = None
        self.synced = False
        self.status: Status | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._tick)
        self._edited.connect(self._on_edit, Qt.ConnectionType.QueuedConnection)
        self._stop_listening = listen_for_edits(self.engine, self._edited.emit)
        self._closed = False
        self._watch_network()
        self.reload()

    # -- what the status shows ---------------------------------------------------------------

    @property
    def enrolled(self) -> bool:
        return self.status is not None

    def snapshot(self) -> Snapshot:
        found = self.status
        if found is None:
            return Snapshot(running=self.plan.running)
        error = self.error_code if (self.synced or self.error_code) else found.last_error
        return Snapshot(running=self.plan.running, synced=self.synced, error=error,
                        pending=sum(found.pending.values()), problems=len(found.problems),
                        conflicts=found.open_conflicts, last_success=found.last_success)

    def phase(self) -> Phase:
        return phase(self.snapshot())

    def reload(self) -> None:
        """Read where sync stands again (after an edit, a sync, an enrolment or leaving)."""
        if self._closed:
            return
        try:
            self.status = status(self.engine)
        except Exception:  # a busy or closing database: shown at the next read
            log.warning("sync status could not be read", exc_info=True)
        self._arm()
        self.changed.emit()

    # -- reasons to sync ---------------------------------------------------------------------

    def sync_now(self) -> None:
        """"Sync now": at once, or right after the sync under way."""
        self.plan.asked(time.monotonic())
        self._arm()
        self.changed.emit()

    def _on_edit(self) -> None:
        self.plan.edited(time.monotonic())
        self.reload()

    def _watch_network(self) -> None:
        """Where the system tells (NetworkManager, glib…), the network coming back ends an
        offline wait at once; elsewhere the backoff's retries find it."""
        if not QNetworkInformation.loadDefaultBackend():
            return
        info = QNetworkInformation.instance()
        if info is not None:
            info.reachabilityChanged.connect(self._reachability)

    def _reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        if reachability == QNetworkInformation.Reachability.Online:
            self.plan.network_back(time.monotonic())
            self._arm()

    def _arm(self) -> None:
        if self._closed:
            return
        wait = self.plan.wait(time.monotonic())
        if wait is None:
            self.timer.stop()
        else:
            self.timer.start(min(MAX_TIMER_MS, int(wait * 1000)))

    def _tick(self) -> None:
        if self._closed:
            return
        now = time.monotonic()
        if self.status is None:
            self.reload()  # enrolled meanwhile (Settings)?
            if self.status is None:
                self.plan.later(now)
                self._arm()
                return
        if not self.plan.start(now):
            self._arm()
            return
        self.changed.emit()
        stop, session = self.stop_flag, self.session
        self.runner.run(lambda _progress: sync_once(session, stop), self._done, self._failed,
                        owner=self)

    def _done(self, report: SyncReport) -> None:
        self.plan.finished(time.monotonic(), None)
        self.report, self.error, self.error_code, self.synced = report, None, None, True
        self.reload()
        if report.pulled or report.merges_replayed:
            self.pulled.emit(report)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Stopped) or self._closed:
            return
        code = error.code if isinstance(error, SyncError) else UNEXPECTED
        if not isinstance(error, RelaisError):
            log.error("sync failed", exc_info=error)
        self.plan.finished(time.monotonic(), code)
        self.error, self.error_code = error, code
        self.reload()

    # -- closing -----------------------------------------------------------------------------

    def stop(self, msecs: int = 60_000) -> bool:
        """Before the database closes: no new request starts, the one under way ends, its
        page is written or not at all. Returns whether the worker ended in time."""
        self._closed = True
        self.timer.stop()
        self._stop_listening()
        self.stop_flag.set()
        return self.runner.wait(msecs)
