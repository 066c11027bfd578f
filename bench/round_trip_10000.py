"""The parts of tests/exchange/test_round_trip_10000.py, timed: a demo of 10,000 persons,
its persons export (in words and in codes, CSV and XLSX), the import's plan of each file,
and the import's writing into a copy of an empty installation.

    uv run python bench/round_trip_10000.py [--persons 10000] [--rounds 3]

Baselines and subjects run interleaved (_harness.py). Wall time counts a neighbour's load
on this shared machine; the process's CPU time, printed beside it, does not.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _harness import Figure, Stats, emit, interleave

from desktop.core.i18n import Translator
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, LIEGE


class Cpu:
    """CPU seconds of each call, by label, beside the harness's wall times."""

    def __init__(self) -> None:
        self.seconds: dict[str, list[float]] = {}

    def timed(self, label: str, work):
        def run(*args):
            started = time.process_time()
            result = work(*args)
            self.seconds.setdefault(label, []).append(time.process_time() - started)
            return result
        return run

    def line(self, label: str) -> str:
        return f"CPU {Stats.of(self.seconds[label]).line('s')}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="relais-round-trip-"))
    cpu = Cpu()
    try:
        empty, _ = Vault(DataPaths.portable(folder / "empty"), kdf=FAST_KDF).create(
            NewOrganisation("OCMW Gent", "44021", "nl"), "admin", ADMIN_PASSWORD,
            language="nl")
        empty.close()
        session, _ = Vault(DataPaths.portable(folder / "source"), kdf=FAST_KDF).create(
            LIEGE, "admin", ADMIN_PASSWORD, "Admin Liège", language="fr")
        source = Services.for_session(session)
        started, cpu_started = time.perf_counter(), time.process_time()
        source.demo.generate(args.persons, seed=15)
        generated = time.perf_counter() - started
        print(f"demo of {args.persons:,} persons: {generated:.1f} s wall, "
              f"{time.process_time() - cpu_started:.1f} s CPU")
        emit(Figure(f"demo: {args.persons:,} persons", "s", Stats.of([generated])))

        def export(fmt: str, codes: bool):
            def run(i: int) -> Path:
                target = folder / f"persons_{i}_{codes}.{fmt}"
                source.exports.export("persons", target, fmt, tr=Translator("uk"),
                                      codes=codes)
                return target
            return cpu.timed(f"export {fmt} {codes}", run)

        words_csv = interleave(export("csv", True), export("csv", False), args.rounds)
        print(f"export CSV in words: {words_csv.subject.line('s')}; "
              f"{cpu.line('export csv False')}")
        print(f"export CSV in codes: {words_csv.baseline.line('s')}; "
              f"{cpu.line('export csv True')}")
        emit(Figure(f"export {args.persons:,} persons, CSV in words", "s", words_csv.subject,
                    baseline=words_csv.baseline, baseline_name="CSV in codes"))
        xlsx = interleave(export("csv", False), export("xlsx", False), args.rounds)
        print(f"export XLSX in words: {xlsx.subject.line('s')}; "
              f"{cpu.line('export xlsx False')}")
        emit(Figure(f"export {args.persons:,} persons, XLSX in words", "s", xlsx.subject,
                    baseline=xlsx.baseline, baseline_name="CSV in words"))

        files = {"csv": xlsx.baseline_results[0], "xlsx": xlsx.subject_results[0]}
        copies = iter(range(10_000))

        def fresh() -> tuple[object, Services]:
            where = folder / f"other_{next(copies)}"
            shutil.copytree(folder / "empty", where)
            other = Vault(DataPaths.portable(where), kdf=FAST_KDF).login(
                "admin", ADMIN_PASSWORD)
            return other, Services.for_session(other)

        plans: dict[str, list] = {}

        def plan(fmt: str):
            def run(_i: int) -> None:
                other, services = fresh()
                try:
                    found = services.imports.plan(files[fmt])
                    assert not found.rejected and not found.duplicates, fmt
                    plans.setdefault(fmt, []).append(found)
                finally:
                    other.close()
            return cpu.timed(f"plan {fmt}", run)

        planned = interleave(plan("csv"), plan("xlsx"), args.rounds)
        print(f"plan CSV: {planned.baseline.line('s')}; {cpu.line('plan csv')}")
        print(f"plan XLSX: {planned.subject.line('s')}; {cpu.line('plan xlsx')}")
        emit(Figure(f"import plan, {args.persons:,} persons, XLSX", "s", planned.subject,
                    baseline=planned.baseline, baseline_name="CSV"))

        def write(_i: int) -> None:
            other, services = fresh()
            try:
                services.imports.run(services.imports.plan(files["csv"]))
            finally:
                other.close()

        def plan_only(_i: int) -> None:
            other, services = fresh()
            try:
                services.imports.plan(files["csv"])
            finally:
                other.close()

        written = interleave(cpu.timed("plan only", plan_only), cpu.timed("plan and write",
                                                                        write), args.rounds)
        print(f"plan and write CSV: {written.subject.line('s')}; {cpu.line('plan and write')}")
        emit(Figure(f"import {args.persons:,} persons (plan + write)", "s", written.subject,
                    baseline=written.baseline, baseline_name="plan alone"))
        session.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
