"""The words of the sync state: a conflict waiting for a person is named as such, not as a
sync problem (the panel beside it says "Problems: 0")."""

from __future__ import annotations

from desktop.sync.schedule import Snapshot
from desktop.ui.sync.wording import short_text, state_text


def test_open_conflicts_alone_are_said_as_conflicts_to_resolve(lang):
    snapshot = Snapshot(synced=True, conflicts=2)
    assert state_text(lang, snapshot) == "2 conflits à résoudre"
    assert short_text(lang, snapshot) == "2 conflits à résoudre"


def test_a_refused_change_or_a_failure_stays_a_problem(lang):
    tr = lang.tr
    assert state_text(lang, Snapshot(synced=True, problems=1, conflicts=1)) == tr(
        "sync.state.problem")
    assert state_text(lang, Snapshot(error="unauthorised", conflicts=1)) == tr(
        "sync.state.problem")
