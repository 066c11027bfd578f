"""Many more hostile files than the test suite feeds the readers (tests/exchange/
test_readers_fuzz.py): any bytes, random workbooks, damaged CSV/XLSX/ODS/XLS/PDF forms, each
read in a child process under a 1 GiB memory ceiling. Prints how many of each ended how, and
every file that ended otherwise than in a plan or a refusal with a message (kept in --keep).

    uv run python bench/fuzz_readers.py [--examples 2000] [--keep /tmp/relais-fuzz]
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hypothesis import HealthCheck, given, settings

from tests.exchange.fuzz_files import Readers, acceptable, every_kind


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--keep", type=Path, default=Path(tempfile.gettempdir()) / "relais-fuzz")
    args = parser.parse_args()
    args.keep.mkdir(parents=True, exist_ok=True)
    readers = Readers()
    outcomes: collections.Counter[str] = collections.Counter()
    failures: list[tuple[Path, dict[str, object]]] = []
    started = time.perf_counter()

    @settings(max_examples=args.examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(file=every_kind)
    def read(file: tuple[str, bytes]) -> None:
        suffix, data = file
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"liste{suffix}"
            path.write_bytes(data)
            answer = readers.read(path)
        what = next(iter(answer))
        outcomes[f"{suffix:5} {what}"] += 1
        if not acceptable(answer):
            kept = args.keep / f"{len(failures):04d}{suffix}"
            kept.write_bytes(data)
            failures.append((kept, answer))

    read()  # Hypothesis stops at the first failing example otherwise: none is raised here
    readers.close()
    total = sum(outcomes.values())
    print(f"files read: {total} in {time.perf_counter() - started:.0f} s")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome:20} {count}")
    print(f"neither a plan nor a refusal with a message: {len(failures)}")
    for kept, answer in failures[:20]:
        print(f"  {kept}: {answer}")


if __name__ == "__main__":
    main()
