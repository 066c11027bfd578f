"""The longest GUI-thread stall while the window syncs: a QTimer ticks every 10 ms in the
real main window (offscreen) and the longest gap between ticks is kept, during a push of
about 10,000 changes and during a pull of about 100,000 records, against a real central
process (SQLite) started here. The refresh of the lists after the pull runs on the GUI
thread and is measured apart.

    uv run python bench/gui_stall.py [--push-persons 1700] [--pull-persons 17000]

About 6 records per generated person: 1,700 persons ≈ 10,000 changes, 17,000 ≈ 100,000
records. The pulling desktop joins while the organisation is empty, so that its window's
own sync (not the join) brings everything down.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import func, select
from sqlmodel import Session

from desktop.core.models import SyncOutbox
from desktop.services import Services
from desktop.settings import Settings
from desktop.sync.schedule import Timing
from desktop.ui.language import UiLanguage
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from tests.central.server import _launch, _stop, _wait_until_healthy
from tests.store.test_secrets import MemoryKeyring
from tests.sync.organisation import first_desktop, joined_desktop, organisation

TICK_MS = 10
ASKED_ONLY = Timing(first=10**6, debounce=10**6, interval=10**6)


class StallMeter:
    """The longest gap between ticks of a 10 ms timer on the GUI thread."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.longest = 0
        self.ticks = 0
        self.last = 0

    def start(self) -> None:
        self.longest, self.ticks = 0, 0
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last - TICK_MS)
        self.last = now
        self.ticks += 1

    def stop(self) -> tuple[int, int]:
        self.timer.stop()
        return max(self.longest, 0), self.ticks


def wait(condition, seconds: float = 3600) -> None:
    loop = QEventLoop()
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out")
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def window_for(place, lang: UiLanguage, tasks: TaskRunner) -> MainWindow:
    window = MainWindow(lang, Services.for_session(place.session), Settings(),
                        place.vault.paths, tasks, sync_timing=ASKED_ONLY)
    window.show()
    settle = time.monotonic() + 1.0  # first layout and paint are not the sync's
    wait(lambda: time.monotonic() > settle)
    return window


def measured_sync(window: MainWindow, meter: StallMeter) -> dict:
    """One "Sync now": the longest stall while the worker syncs, and with the refresh of
    the lists after a pull (on the GUI thread) included."""
    scheduler = window.sync.scheduler
    seen = {"worker": 0, "refreshed": False}

    def status_changed() -> None:  # emitted before the lists refresh
        if not seen["refreshed"]:
            seen["worker"] = meter.longest

    scheduler.changed.connect(status_changed)
    # Connected after the window's own refresh, so it runs once the refresh is done.
    scheduler.pulled.connect(lambda _r: seen.update(refreshed=True))
    meter.start()
    started = time.perf_counter()
    scheduler.sync_now()
    wait(lambda: scheduler.plan.running)
    wait(lambda: not scheduler.plan.running)
    wait(lambda: True)  # the refresh's tick gap is counted at the next tick
    time.sleep(0.05)
    wait(lambda: meter.ticks > 0)
    total, ticks = meter.stop()
    if scheduler.error is not None:
        raise SystemExit(f"sync failed: {scheduler.error!r}")
    return {"seconds": time.perf_counter() - started, "worker_ms": seen["worker"],
            "total_ms": total, "ticks": ticks, "report": scheduler.report}


def idle_baseline(meter: StallMeter, seconds: float = 2.0) -> int:
    meter.start()
    end = time.monotonic() + seconds
    wait(lambda: time.monotonic() > end)
    return meter.stop()[0]


def outbox_pending(place) -> int:
    with Session(place.session.engine) as db:
        return db.scalar(select(func.count()).select_from(SyncOutbox).where(
            SyncOutbox.status == "pending")) or 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--push-persons", type=int, default=1700)
    parser.add_argument("--pull-persons", type=int, default=17_000)
    args = parser.parse_args()
    keyring.set_keyring(MemoryKeyring())
    app = QApplication.instance() or QApplication([])
    lang, tasks = UiLanguage("fr"), TaskRunner()
    tmp = Path(tempfile.mkdtemp(prefix="relais-gui-stall-"))
    (tmp / "central").mkdir()
    server = _launch(tmp / "central", None)
    try:
        _wait_until_healthy(server)
        server.refnis_used = set()
        refnis = organisation(server)
        a = first_desktop(server, tmp, refnis)
        b = joined_desktop(server, tmp, refnis, "b")
        meter = StallMeter()
        print(f"idle: longest stall {idle_baseline(meter)} ms (10 ms timer)")

        t = time.perf_counter()
        Services.for_session(a.session).demo.generate(args.push_persons, seed=1)
        changes = outbox_pending(a)
        print(f"push: {changes} changes queued ({args.push_persons} persons, "
              f"{time.perf_counter() - t:.0f} s to generate)")
        window = window_for(a, lang, tasks)
        push = measured_sync(window, meter)
        print(f"push: {changes} changes in {push['seconds']:.1f} s; longest GUI stall "
              f"{push['worker_ms']} ms while syncing, {push['total_ms']} ms in all "
              f"({push['ticks']} ticks)")
        window.close()

        rest = max(0, args.pull_persons - args.push_persons)
        if rest:
            again = type(a)(a.vault, a.vault.login("admin", "correct horse battery staple"))
            t = time.perf_counter()
            Services.for_session(again.session).demo.generate(rest, seed=2)
            again.sync()  # not measured: the other desktop's upload
            print(f"pull: {rest} more persons generated and pushed from the first desktop "
                  f"in {time.perf_counter() - t:.0f} s")
            again.close()
        window = window_for(b, lang, tasks)
        pull = measured_sync(window, meter)
        print(f"pull: {pull['report'].pulled} records in {pull['seconds']:.1f} s; longest GUI "
              f"stall {pull['worker_ms']} ms while syncing, {pull['total_ms']} ms with the "
              f"lists' refresh after it ({window.model.total} case files; "
              f"{pull['ticks']} ticks)")
        window.close()
    finally:
        _stop(server)
        shutil.rmtree(tmp, ignore_errors=True)  # about 300 MB at the default sizes
    del app


if __name__ == "__main__":
    main()
