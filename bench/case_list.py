"""The case list at full size: ordering, filtering, and scrolling through every row.

    uv run python bench/generate.py   # once
    uv run python bench/case_list.py

Scrolling reads every row through the Qt model the way the view does (a screen at a time);
the slowest screen is the stall a user would feel.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from _common import BENCH_DIR, PASSWORD, USER, summary

from desktop.core.caselist import SORT_KEYS
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault
from desktop.ui.application import make_application
from desktop.ui.case_model import COLUMNS, CaseTableModel
from desktop.ui.language import UiLanguage

SCREEN = 30  # rows visible at once


def main() -> None:
    services = Services.for_session(Vault(DataPaths.portable(BENCH_DIR)).login(USER, PASSWORD))
    cases = services.cases
    print(f"cases: {cases.count()}")
    for key in SORT_KEYS:
        samples = []
        for descending in (False, True, False):
            started = time.perf_counter()
            ids = cases.ids(key, descending)
            samples.append(time.perf_counter() - started)
        print(f"order by {key:12} {summary(samples)}  ({len(ids)} ids)")
    for text in ("Chevtchenko", "Schewtschenko Julija", "2024/00", "Коваленко"):
        started = time.perf_counter()
        found = cases.ids(filter_text=text)
        print(f"filter {text!r:24} {(time.perf_counter() - started) * 1000:7.1f} ms "
              f"({len(found)} cases)")

    make_application()
    model = CaseTableModel(cases, UiLanguage("fr"))
    model.reload()
    screens = []
    for top in range(0, model.rowCount(), SCREEN):
        started = time.perf_counter()
        for row in range(top, min(top + SCREEN, model.rowCount())):
            for column in range(len(COLUMNS)):
                model.data(model.index(row, column))
        screens.append(time.perf_counter() - started)
    print(f"scroll, per screen of {SCREEN} rows: {summary(screens)}")
    services.session.close()


if __name__ == "__main__":
    main()
