"""When the window syncs by itself, and what its status says: the plan's decisions and the
honest phases, on a clock the test moves (never the machine's)."""

from __future__ import annotations

from datetime import UTC, datetime

from desktop.sync.schedule import Phase, Plan, Snapshot, Timing, phase

TIMING = Timing(first=3, debounce=5, interval=300, backoff_base=5, backoff_cap=300)


def ran(plan: Plan, now: float, error: str | None = None) -> None:
    assert plan.start(now)
    plan.finished(now, error)


def test_the_first_sync_comes_shortly_after_the_window_opens():
    plan = Plan(TIMING, now=0)
    assert not plan.start(2)
    assert plan.start(3)


def test_saves_in_a_row_make_one_sync_after_the_last_one():
    plan = Plan(TIMING, now=0)
    ran(plan, 3)
    for second in (10, 12, 14):
        plan.edited(second)
    assert not plan.start(18)
    assert plan.wait(18) == 1
    assert plan.start(19)


def test_without_edits_it_syncs_on_the_clock():
    plan = Plan(TIMING, now=0)
    ran(plan, 3)
    assert not plan.start(302)
    assert plan.start(303)


def test_never_two_at_once_and_what_came_during_a_sync_follows_it():
    plan = Plan(TIMING, now=0)
    assert plan.start(3)
    plan.asked(4)
    plan.edited(4)
    assert not plan.start(4)  # the first one still runs
    assert plan.wait(4) is None
    plan.finished(10, None)
    assert plan.start(10)  # asked: right after, not in five minutes


def test_an_edit_during_a_sync_waits_its_quiet_time_after_it():
    plan = Plan(TIMING, now=0)
    assert plan.start(3)
    plan.edited(4)
    plan.finished(6, None)
    assert plan.wait(6) == 5


def test_a_save_never_pushes_back_a_sync_already_asked_for():
    plan = Plan(TIMING, now=0)
    ran(plan, 3)
    plan.asked(10)
    plan.edited(10)
    assert plan.start(10)


def test_sync_now_does_not_wait_for_the_debounce():
    plan = Plan(TIMING, now=0)
    ran(plan, 3)
    plan.edited(10)
    plan.asked(11)
    assert plan.start(11)


def test_offline_it_retries_with_full_jitter_backoff_until_the_network_is_back():
    plan = Plan(TIMING, now=0, random=lambda: 0.5)
    ran(plan, 3, "unreachable")
    assert plan.wait(3) == 2.5  # half of 5
    ran(plan, 5.5, "refused")
    assert plan.wait(5.5) == 5  # half of 10
    plan.edited(6)  # a save offline does not hammer the dead line
    assert plan.wait(6) == 4.5
    ran(plan, 10.5)  # the network is back
    assert plan.wait(10.5) == 300
    ran(plan, 310.5, "timeout")
    assert plan.wait(310.5) == 2.5  # the backoff started again from its base


def test_the_system_saying_the_network_is_back_cuts_the_wait_short():
    plan = Plan(TIMING, now=0, random=lambda: 0.9)
    ran(plan, 3)
    plan.network_back(4)  # nothing failed: the clock's sync stays where it was
    assert plan.wait(4) == 299
    ran(plan, 303, "unreachable")
    plan.network_back(304)
    assert plan.start(304)


def test_a_failure_only_a_person_can_mend_stops_it_until_asked():
    plan = Plan(TIMING, now=0)
    ran(plan, 3, "device_revoked")
    assert plan.wait(3) is None
    plan.edited(4)
    assert plan.wait(4) is None
    plan.asked(5)
    assert plan.start(5)


WHEN = datetime(2026, 3, 4, 10, 30, tzinfo=UTC)


def test_up_to_date_only_after_a_sync_with_nothing_left_to_send_or_decide():
    assert phase(Snapshot(last_success=WHEN)) == Phase.WAITING  # not this run yet
    assert phase(Snapshot(synced=True, last_success=WHEN)) == Phase.UP_TO_DATE
    assert phase(Snapshot(synced=True, pending=1, last_success=WHEN)) == Phase.WAITING
    assert phase(Snapshot(synced=True, conflicts=1)) == Phase.PROBLEM
    assert phase(Snapshot(synced=True, problems=2)) == Phase.PROBLEM


def test_the_phase_follows_the_last_attempt():
    assert phase(Snapshot(running=True, error="unreachable")) == Phase.SYNCING
    assert phase(Snapshot(synced=True, error="refused")) == Phase.OFFLINE
    assert phase(Snapshot(synced=True, error="unauthorised")) == Phase.PROBLEM
    assert phase(Snapshot(synced=True, error="server")) == Phase.PROBLEM
