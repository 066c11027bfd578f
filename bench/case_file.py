"""Opening a case file at 100,000 persons: the service alone and the whole window.

    uv run python bench/generate.py   # once
    uv run python bench/case_file.py
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from _common import BENCH_DIR, PASSWORD, USER, summary
from PySide6.QtCore import QCoreApplication, QEvent
from sqlalchemy import select
from sqlmodel import Session

from desktop.core.models import CaseFile
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault
from desktop.ui.application import make_application
from desktop.ui.case_window import CaseWindow
from desktop.ui.language import UiLanguage


def main() -> None:
    app = make_application()
    services = Services.for_session(Vault(DataPaths.portable(BENCH_DIR)).login(USER, PASSWORD))
    with Session(services.session.engine) as db:
        ids = list(db.execute(select(CaseFile.id)).scalars())
    sample = random.Random(5).sample(ids, 40)
    lang = UiLanguage("fr")
    services.case_files.open(sample[0])
    service_times, window_times = [], []
    for case_id in sample:
        started = time.perf_counter()
        services.case_files.open(case_id)
        service_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        window = CaseWindow(lang, services, case_id)
        window.show()
        app.processEvents()
        window_times.append(time.perf_counter() - started)
        window.close()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print(f"case file service: {summary(service_times)}")
    print(f"case file window:  {summary(window_times)}  (goal < 150 ms)")
    started = time.perf_counter()
    lists = services.worklists.all()
    print(f"worklists:         {(time.perf_counter() - started) * 1000:.0f} ms "
          f"({', '.join(f'{w.key.split(chr(46))[1]}={w.total}' for w in lists)})")
    services.session.close()


if __name__ == "__main__":
    main()
