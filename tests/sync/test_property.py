"""The sync property (tests/sync/property_machine.py) on a few random runs per backend: two
desktops, one real central (SQLite, then PostgreSQL), answers lost after the central
committed. bench/sync_property.py runs many more."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.sync.property_machine import Run, SyncMachine


def test_random_work_on_two_desktops_with_lost_answers_ends_equal_and_complete(
        central, tmp_path):
    Run.central, Run.folder, Run.desktops = central, tmp_path, 2
    before = Run.stats.get("examples", 0)
    run_state_machine_as_test(SyncMachine, settings=settings(
        max_examples=6, stateful_step_count=12, deadline=None, database=None,
        suppress_health_check=list(HealthCheck)))
    assert Run.stats["examples"] - before >= 6
