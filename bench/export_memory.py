"""Peak memory and time of a persons export at 100,000 persons, each format in its own
process (the peak of one does not hide the other's). XLSX exports are built in memory so
that no plaintext part of them is ever written to the system's temporary folder.

    uv run python bench/generate.py   # once
    uv run python bench/export_memory.py [--dir /tmp/relais-bench]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, PASSWORD, USER

from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault


def export_once(folder: Path, fmt: str) -> None:
    services = Services.for_session(Vault(DataPaths.portable(folder)).login(USER, PASSWORD))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as out:
        target = Path(out) / f"persons.{fmt}"
        started = time.perf_counter()
        rows = services.exports.export("persons", target, fmt)
        elapsed = time.perf_counter() - started
        size = target.stat().st_size / 1024 / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"{fmt:5} {rows} rows: {elapsed:.1f} s, file {size:.1f} MB, peak memory "
          f"{peak:.0f} MB (after sign-in {before:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=BENCH_DIR)
    parser.add_argument("--format", choices=("csv", "xlsx"))
    args = parser.parse_args()
    if args.format:
        export_once(args.dir, args.format)
        return
    for fmt in ("csv", "xlsx"):
        subprocess.run([sys.executable, __file__, "--dir", str(args.dir), "--format", fmt],
                       check=True)


if __name__ == "__main__":
    main()
