"""Time from launch to the first window (login screen), against a bare PySide6 window.

    uv run python bench/generate.py   # once, to have an installation to log in to
    uv run python bench/startup.py [--runs 7]

Each sample is a whole new process (interpreter start included) that exits as soon as its
first window has been shown and painted. Bare and Relais launches alternate (A B A B), so a
loaded machine slows both alike; the ratio of medians is the figure. Run it with and without
PYTHONDONTWRITEBYTECODE=1: it prints which it was and how much of the checkout is compiled.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR
from _harness import Figure, emit, interleave

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


def bytecode_state() -> str:
    """What the launches ran with: whether Python may write bytecode, and how many of the
    checkout's modules have theirs compiled (a development install compiles them all)."""
    root = Path(__file__).resolve().parent.parent
    sources = [p for package in ("desktop", "figures", "directory")
               for p in (root / package).rglob("*.py")]
    compiled = sum(Path(importlib.util.cache_from_source(str(p))).exists() for p in sources)
    writes = "no" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "yes"
    return f"Python writes bytecode: {writes}; checkout compiled: {compiled}/{len(sources)}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--dir", type=Path, default=BENCH_DIR)
    args = parser.parse_args()
    sample(BARE)  # warm the file cache for both
    sample(RELAIS, str(args.dir))
    run = interleave(lambda _: sample(BARE), lambda _: sample(RELAIS, str(args.dir)),
                     args.runs)
    bare, relais = run.baseline.scaled(1000), run.subject.scaled(1000)
    print(bytecode_state())
    print(f"bare PySide6 window:    {bare.line()}")
    print(f"Relais login window:    {relais.line()}")
    print(f"ratio:                  {run.ratio:.2f}x  (floor 2x, goal 1.5x)")
    emit(Figure("launch to login window", "ms", relais, judged="ratio", baseline=bare,
                baseline_name="bare PySide6 window", floor=2, goal=1.5))

if __name__ == "__main__":
    main()
