"""Run slow work (key derivation, demo data, later sync and imports) off the GUI thread and
deliver its result, failure and progress back on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)
Progress = Callable[[int, int], None]


class _Relay(QObject):
    """Lives in the GUI thread; signals emitted by the worker arrive here queued."""

    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int)

    def __init__(self, on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None],
                 on_progress: Progress | None) -> None:
        super().__init__()
        self._on_done, self._on_failed, self._on_progress = on_done, on_failed, on_progress
        self.finished.connect(self._done)
        self.failed.connect(self._fail)
        self.progressed.connect(self._progress)

    @Slot(object)
    def _done(self, result: object) -> None:
        self._on_done(result)

    @Slot(object)
    def _fail(self, error: object) -> None:
        self._on_failed(error)  # type: ignore[arg-type]

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        if self._on_progress:
            self._on_progress(done, total)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], relay: _Relay) -> None:
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            result = self.work(lambda done, total: self.relay.progressed.emit(done, total))
        except BaseException as exc:  # noqa: BLE001 (every failure goes back to the GUI thread)
            log.info("background task failed: %s", type(exc).__name__)
            self.relay.failed.emit(exc)
        else:
            self.relay.finished.emit(result)


class TaskRunner:
    """One worker for database work, so writes never race each other."""

    def __init__(self) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def run(
        self,
        work: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_progress: Progress | None = None,
        owner: QObject | None = None,
    ) -> None:
        """``owner``: the screen the callbacks belong to (by default the object of
        ``on_failed`` when it is a method of a Qt object). When that screen was closed and
        deleted before the work ends, the result is dropped instead of reaching a dead widget."""
        if owner is None and isinstance(getattr(on_failed, "__self__", None), QObject):
            owner = on_failed.__self__  # type: ignore[attr-defined]

        def alive() -> bool:
            return owner is None or isValid(owner)

        def forget_then(callback: Callable[[Any], None]) -> Callable[[Any], None]:
            def wrapped(value: Any) -> None:
                self._relays.discard(relay)
                if alive():
                    callback(value)

            return wrapped

        def progress(done: int, total: int) -> None:
            if on_progress is not None and alive():
                on_progress(done, total)

        relay = _Relay(forget_then(on_done), forget_then(on_failed), progress)
        self._relays.add(relay)
        self.pool.start(_Job(work, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
