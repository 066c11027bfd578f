"""Time from launch to the first window (login screen), against a bare PySide6 window.

    uv run python bench/generate.py   # once, to have an installation to log in to
    uv run python bench/startup.py [--runs 7]

Each sample is a whole new process (interpreter start included) that exits as soon as its
first window has been shown and painted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
window = QLabel("bare window")
window.show()
app.processEvents()
QTimer.singleShot(0, app.quit)
app.exec()
"""

RELAIS = """
import sys
import desktop.app  # the real entry point's imports
from pathlib import Path
from PySide6.QtCore import QTimer
from desktop.paths import DataPaths
from desktop.ui.application import Relais, make_application
from desktop.ui.language import UiLanguage
app = make_application()
relais = Relais(DataPaths.portable(Path(sys.argv[1])), UiLanguage("fr"))
relais.start()
app.processEvents()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def sample(code: str, *args: str) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=BENCH_DIR)
    args = parser.parse_args()
    sample(BARE)  # warm the file cache for both
    sample(RELAIS, str(args.dir))
    bare = [sample(BARE) for _ in range(args.runs)]
    relais = [sample(RELAIS, str(args.dir)) for _ in range(args.runs)]
    b, r = statistics.median(bare), statistics.median(relais)
    print(f"bare PySide6 window:    median {b * 1000:.0f} ms over {args.runs} launches")
    print(f"Relais login window:    median {r * 1000:.0f} ms over {args.runs} launches")
    print(f"ratio:                  {r / b:.2f}x  (goal < 2x)")


if __name__ == "__main__":
    main()
