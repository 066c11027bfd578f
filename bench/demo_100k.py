"""Time the real command: `relais demo --persons N` in a fresh installation (`relais init`).

    uv run python bench/demo_100k.py [--persons 100000] [--rounds 3] [--baseline-src DIR]

Each round makes a new installation in a temporary folder and runs the command in its own
process, timed from launch to exit (what a user waits for). The CPU time of the process is
printed beside the wall time: on a loaded machine the wall time is mostly other people's
work, the CPU time is ours. With --baseline-src (a source tree of another version, e.g.
`git archive main | tar -x -C /tmp/relais-main`) that version runs interleaved with this one
(A B A B), so both meet the same load.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PASSWORD, USER
from _harness import Figure, Stats, emit

LIEGE = "62063"
FLOOR_S, GOAL_S = 60.0, 30.0


def _env(source: Path | None) -> dict[str, str]:
    env = os.environ | {"RELAIS_PASSWORD": PASSWORD, "RELAIS_USER": USER}
    if source is not None:  # the other version's package first on the path
        env["PYTHONPATH"] = str(source)
    return env


def _relais(arguments: list[str], env: dict[str, str],
            folder: Path) -> subprocess.CompletedProcess[str]:
    """The `relais` entry point, run from ``folder`` (not this checkout: a baseline's
    PYTHONPATH must come first on the path)."""
    command = [sys.executable, "-c", "import sys; from desktop.app import main; sys.exit(main())",
               *arguments]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False,
                          cwd=folder)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def name_statistics(data: Path) -> list[str]:
    """What the generated installation holds: distinct surnames and name-index forms."""
    from names import in_database, open_engine

    return in_database(open_engine(data))


def one_run(persons: int, source: Path | None, cpu: list[float],
            names: list[str] | None = None) -> float:
    """Seconds from launching `relais demo` to its exit, in a new installation; with
    ``names``, the installation's name statistics are added to it."""
    env = _env(source)
    folder = Path(tempfile.mkdtemp(prefix="relais-demo-bench-"))
    try:
        data = str(folder / "data")
        made = _relais(["init", "--data-dir", data, "--org-refnis", LIEGE, "--admin", USER],
                       env, folder)
        if made.returncode != 0:
            raise SystemExit(f"relais init failed: {made.stderr[-2000:]}")
        before = _children_cpu()
        started = time.perf_counter()
        done = _relais(["demo", "--data-dir", data, "--persons", str(persons)], env, folder)
        elapsed = time.perf_counter() - started
        cpu.append(_children_cpu() - before)
        if done.returncode != 0:
            raise SystemExit(f"relais demo failed: {done.stderr[-2000:]}")
        if names is not None:
            names += name_statistics(Path(data))
        return elapsed
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-src", type=Path, default=None,
                        help="source tree of the version to compare with (interleaved)")
    args = parser.parse_args()
    subject_cpu: list[float] = []
    baseline_cpu: list[float] = []
    subject: list[float] = []
    baseline: list[float] = []
    names: list[str] = []
    for round_ in range(args.rounds):
        if args.baseline_src is not None:
            baseline.append(one_run(args.persons, args.baseline_src, baseline_cpu))
            print(f"round {round_ + 1}: baseline {baseline[-1]:.1f} s "
                  f"(CPU {baseline_cpu[-1]:.1f} s)", flush=True)
        last = round_ == args.rounds - 1
        subject.append(one_run(args.persons, None, subject_cpu, names if last else None))
        print(f"round {round_ + 1}: relais demo {subject[-1]:.1f} s "
              f"(CPU {subject_cpu[-1]:.1f} s)", flush=True)
    print("names in the last installation:")
    for line in names:
        print(f"  {line}")
    load = os.getloadavg()[0]
    stats = Stats.of(subject)
    print(f"relais demo --persons {args.persons:,}: {stats.line('s')}")
    print(f"  its CPU time: {Stats.of(subject_cpu).line('s')}; load average now {load:.1f}")
    base_stats = None
    if baseline:
        base_stats = Stats.of(baseline)
        print(f"baseline ({args.baseline_src}): {base_stats.line('s')}")
        print(f"  its CPU time: {Stats.of(baseline_cpu).line('s')}")
        print(f"ratio of medians: {stats.median / base_stats.median:.2f}")
    emit(Figure(name=f"relais demo --persons {args.persons:,}", unit="s", stats=stats,
                baseline=base_stats, baseline_name="baseline" if baseline else "",
                floor=FLOOR_S, goal=GOAL_S))
    emit(Figure(name=f"relais demo --persons {args.persons:,}, CPU time", unit="s",
                stats=Stats.of(subject_cpu),
                baseline=Stats.of(baseline_cpu) if baseline_cpu else None,
                baseline_name="baseline" if baseline else ""))


if __name__ == "__main__":
    main()
