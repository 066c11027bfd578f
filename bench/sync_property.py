"""The sync property test (tests/sync/property_machine.py) with many more random runs than
CI: several desktops, one real central process on SQLite, answers lost after the central
committed. Prints how many examples and steps ran and what they exercised.

    uv run python bench/sync_property.py [--examples 100] [--steps 30] [--desktops 3]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import keyring
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.store.test_secrets import MemoryKeyring
from tests.sync.own_central import OwnCentral
from tests.sync.property_machine import Run, SyncMachine


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--examples", type=int, default=100)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--desktops", type=int, default=3, choices=(2, 3))
    args = p.parse_args()
    keyring.set_keyring(MemoryKeyring())  # never the machine's keychain
    with tempfile.TemporaryDirectory(prefix="relais-sync-property-") as tmp:
        folder = Path(tmp)
        central = OwnCentral(folder, {"sqlite": SimpleNamespace(refnis_used=set())})
        central.start()
        try:
            Run.central, Run.folder, Run.desktops = central, folder / "desktops", args.desktops
            started = time.perf_counter()
            run_state_machine_as_test(SyncMachine, settings=settings(
                max_examples=args.examples, stateful_step_count=args.steps, deadline=None,
                database=None, suppress_health_check=list(HealthCheck)))
            elapsed = time.perf_counter() - started
        finally:
            if central.process and central.process.poll() is None:
                central.stop()
            central.engine.dispose()
    s = Run.stats
    print(f"examples: {s['examples']}  steps: {s['steps']}  desktops: {args.desktops}  "
          f"time: {elapsed:.1f} s")
    print(f"answers lost after commit: {s['faults']}")
    print("changes by the central's answer: " + ", ".join(
        f"{name} {s[name]}" for name in ("applied", "merged", "conflict", "rejected")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
