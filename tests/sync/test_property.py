"""The sync property (tests/sync/property_machine.py) on a few random runs: two desktops,
one real central on SQLite, answers lost after the central committed."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.sync.property_machine import Run, SyncMachine


def test_random_work_on_two_desktops_with_lost_answers_ends_equal_and_complete(
        servers, tmp_path):
    Run.central, Run.folder, Run.desktops = servers["sqlite"], tmp_path, 2
    run_state_machine_as_test(SyncMachine, settings=settings(
        max_examples=8, stateful_step_count=12, deadline=None, database=None,
        suppress_health_check=list(HealthCheck)))
    assert Run.stats["examples"] >= 8
