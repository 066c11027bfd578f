"""Run the benches that report through the interleaved harness and print one table.

    uv run python bench/run_all.py [--quick] [--bench login --bench search]

Builds the database they need with bench/generate.py when RELAIS_BENCH_DIR has none
(100,000 persons; 5,000 with --quick, in a folder of its own so a quick database is never
taken for the real one). Each bench runs in a fresh process, so the first login and the
first search are the ones a user meets in the morning.

Columns: the figure; the measured median, its spread (interquartile range) and worst case;
the baseline it ran interleaved with and the ratio of medians; the issue's floor and goal;
and which of them the judged statistic (median, p95 or the single first run) meets.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import Figure, Stats, parse

HERE = Path(__file__).resolve().parent

# name: (arguments in a full run, arguments with --quick)
BENCHES: dict[str, tuple[list[str], list[str]]] = {
    "startup": (["--runs", "7"], ["--runs", "3"]),
    "login": (["--rounds", "7"], ["--rounds", "3"]),
    "search": (["--queries", "300", "--first-rounds", "7"],
               ["--queries", "80", "--first-rounds", "3"]),
    "name_index_writes": (["--persons", "20000"], ["--persons", "2000", "--batch", "500"]),
    "documents": (["--forms", "50", "--batch", "1000"], ["--forms", "20", "--batch", "50"]),
    "import_20k": (["--rounds", "3"], ["--rounds", "1", "--rows", "2000", "--existing", "2000"]),
    # makes its own installations (relais init, then relais demo) in a temporary folder
    "demo_100k": (["--rounds", "3"], ["--persons", "5000", "--rounds", "1"]),
}
FULL_PERSONS, QUICK_PERSONS = 100_000, 5_000


def bench_dir(quick: bool) -> Path:
    if "RELAIS_BENCH_DIR" in os.environ:
        return Path(os.environ["RELAIS_BENCH_DIR"])
    return Path("/tmp/relais-bench-quick" if quick else "/tmp/relais-bench")


def ensure_database(folder: Path, persons: int) -> None:
    if (folder / "relais.db").exists():
        return
    print(f"no database in {folder}: generating {persons:,} persons …", flush=True)
    subprocess.run([sys.executable, str(HERE / "generate.py"), "--persons", str(persons),
                    "--dir", str(folder)], check=True, env=os.environ | {
                        "RELAIS_BENCH_DIR": str(folder)})


def run_bench(name: str, arguments: list[str], folder: Path) -> tuple[list[Figure], bool]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / f"{name}.py"), *arguments],
                          capture_output=True, text=True,
                          env=os.environ | {"RELAIS_BENCH_DIR": str(folder)})
    figures = [f for f in map(parse, done.stdout.splitlines()) if f is not None]
    print(f"{name}: {time.perf_counter() - started:.0f} s, {len(figures)} figures", flush=True)
    if done.returncode != 0:
        print(f"{name} failed ({done.returncode}):\n{done.stderr[-2000:]}", file=sys.stderr)
    return figures, done.returncode == 0


def number(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    digits = 0 if abs(value) >= 100 or value == int(value) else 1
    return f"{value:.{digits}f} {unit}"


def verdict(figure: Figure) -> str:
    if figure.floor is None:
        return "—"
    value = figure.judged_value
    if value is None:
        return "—"

    def meets(limit: float) -> bool:
        return value >= limit if figure.higher_is_better else value <= limit

    if figure.goal is not None and meets(figure.goal):
        return "goal"
    return "floor" if meets(figure.floor) else "MISSES floor"


def spread(stats: Stats, unit: str) -> str:
    if stats.n == 1:
        return "single run"
    digits = 0 if abs(stats.q3) >= 100 else 1
    return f"{stats.q1:.{digits}f}–{stats.q3:.{digits}f} {unit} (n={stats.n})"


def limits(figure: Figure) -> list[str]:
    if figure.judged == "ratio":
        return [f"{limit}×" if limit is not None else "—" for limit in (figure.floor, figure.goal)]
    return [number(figure.floor, figure.unit), number(figure.goal, figure.unit)]


def judged(figure: Figure) -> str:
    if figure.judged == "ratio":
        return "ratio"
    if figure.stats.n == 1:
        return "the run"
    if figure.judged == "median":
        return "median"
    return f"{figure.judged} {number(figure.judged_value, figure.unit)}"


def table(figures: list[Figure]) -> str:
    header = ["figure", "median", "spread (IQR)", "worst", "baseline", "ratio", "floor",
              "goal", "judged", "meets"]
    rows = [header]
    for f in figures:
        base = (f"{number(f.baseline.median, f.unit)} {f.baseline_name}"
                if f.baseline is not None else "—")
        rows.append([
            f.name, number(f.stats.median, f.unit), spread(f.stats, f.unit),
            number(f.stats.worst, f.unit), base,
            f"{f.ratio:.2f}×" if f.ratio is not None else "—",
            *limits(f), judged(f),
            verdict(f),
        ])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [" | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
             for row in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true",
                        help=f"{QUICK_PERSONS:,} persons and fewer rounds, to try it out")
    parser.add_argument("--bench", action="append", choices=sorted(BENCHES),
                        help="run only this bench (repeatable)")
    args = parser.parse_args()
    folder = bench_dir(args.quick)
    ensure_database(folder, QUICK_PERSONS if args.quick else FULL_PERSONS)
    figures: list[Figure] = []
    failed = []
    for name in args.bench or list(BENCHES):
        full, quick = BENCHES[name]
        made, ok = run_bench(name, quick if args.quick else full, folder)
        figures += made
        if not ok:
            failed.append(name)
    size = sum(f.stat().st_size for f in folder.glob("relais.db*")) / 1024 / 1024
    print(f"\ndatabase: {folder} ({size:.0f} MB){'; --quick' if args.quick else ''}\n")
    print(table(figures))
    if failed:
        sys.exit(f"\nfailed: {', '.join(failed)} (their figures are missing above)")


if __name__ == "__main__":
    main()
