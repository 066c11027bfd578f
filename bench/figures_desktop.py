"""A month's anonymous figures on a desktop at 100,000 persons: the signed export of a CPAS
that does not sync (same queries and suppression as the central), beside the desktop's own
monthly report over the same database.

    uv run python bench/figures_desktop.py [--persons 100000] [--dir DIR]

Builds its own installation (demo data, as of 2026-11-27) in DIR unless it is already there."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import summary
from retention import open_or_build

from figures.document import new_key

DEFAULT_DIR = Path("/tmp/relais-bench-figures")
MONTH = "2026-11"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    services = open_or_build(args.dir, args.persons)
    key = new_key()
    exports, reports = [], []
    for _ in range(3):
        started = time.perf_counter()
        doc = services.figures_export.signed(MONTH, key)
        exports.append(time.perf_counter() - started)
        started = time.perf_counter()
        services.figures.monthly(MONTH)
        reports.append(time.perf_counter() - started)
    persons = doc["organisations"][0]["tables"][0]["rows"][0]["values"][0]
    print(f"figures export {MONTH} ({persons} persons in active files): {summary(exports)}")
    print(f"monthly report's figures, same database:        {summary(reports)}")
    services.session.close()


if __name__ == "__main__":
    main()
