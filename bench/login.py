"""Time from submitting the password to a usable case list, and the memory of the running app
with the list open.

    uv run python bench/generate.py   # once
    uv run python bench/login.py [--rounds 5]

"Usable" means: key derived (Argon2id at the real cost), database opened, main window built,
case ids loaded in the default order, first screen of rows fetched and painted.

The first login of this fresh process is timed on its own (it is the one a user waits for
each morning: imports, caches and the search index are all cold). Later logins run
interleaved with a baseline, the key derivation and database open alone (A B A B), and
print their median, spread and worst case.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from _common import BENCH_DIR, PASSWORD, USER, rss_mb
from _harness import Figure, Stats, emit, interleave
from PySide6.QtCore import QCoreApplication, QEvent

from desktop.paths import DataPaths
from desktop.services import Services
from desktop.settings import Settings
from desktop.store.vault import Vault
from desktop.ui.application import make_application
from desktop.ui.language import UiLanguage
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5, help="interleaved later logins")
    args = parser.parse_args()
    paths = DataPaths.portable(BENCH_DIR)
    app = make_application()
    lang = UiLanguage("fr")
    vault = Vault(paths)
    before = rss_mb()
    seen: dict[str, float] = {}

    def unlock_only(_: int) -> None:
        vault.login(USER, PASSWORD).close()

    def to_usable_list(_: int) -> None:
        session = vault.login(USER, PASSWORD)
        window = MainWindow(lang, Services.for_session(session), Settings(), paths, TaskRunner())
        window.show()
        app.processEvents()
        window.table.viewport().grab()  # paint the first screen of rows
        seen["rows"] = window.model.rowCount()
        seen["memory"] = max(seen.get("memory", 0.0), rss_mb())
        window.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        del window
        gc.collect()

    started = time.perf_counter()
    to_usable_list(0)
    first = time.perf_counter() - started
    first_memory = seen["memory"]
    later = interleave(unlock_only, to_usable_list, args.rounds)
    subject, baseline = later.subject.scaled(1000), later.baseline.scaled(1000)
    print(f"cases in the list:        {seen['rows']:.0f}")
    print(f"first login (fresh proc): {first * 1000:.0f} ms (floor 1500 ms, goal 800 ms)")
    print(f"later logins:             {subject.line()}")
    print(f"  key derivation + open:  {baseline.line()} (interleaved baseline)")
    print(f"  ratio to the baseline:  {later.ratio:.2f}×")
    print(f"RSS with the list open:   {first_memory:.0f} MB after the first login, "
          f"{seen['memory']:.0f} MB at most (floor 250 MB, goal 200 MB; {before:.0f} MB before)")
    emit(Figure("password → usable list, first login (fresh process)", "ms",
                Stats.of([first * 1000]), floor=1500, goal=800))
    emit(Figure("password → usable list, later logins", "ms", subject, baseline=baseline,
                baseline_name="key derivation + open"))
    emit(Figure("memory after login (max over logins)", "MB", Stats.of([seen["memory"]]),
                floor=250, goal=200))


if __name__ == "__main__":
    main()
