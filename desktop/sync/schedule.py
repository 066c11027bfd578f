"""When the window syncs by itself, and what its status says (no Qt: the window drives
``Plan`` with a single-shot timer and shows ``phase``).

Four reasons to sync: a local edit (after a quiet ``debounce``, so a burst of saves makes
one sync), the clock (every ``interval``), the network coming back (after a failure the
next try waits a full-jitter backoff, and keeps trying until the central answers), and a
person asking ("Sync now"). Never two at once: a reason that arrives during a sync is kept
for when it ends.
"""

from __future__ import annotations

import random as _random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from desktop.sync.backoff import Backoff

# The way to the central failed: the desktop is offline (or the central is down).
NETWORK_CODES = frozenset({"unreachable", "dns", "refused", "timeout", "dropped"})
# No retry mends these until a person acts (a new enrolment, a newer version, a keychain):
# the window stops syncing by itself; "Sync now" still tries.
STOPPING_CODES = frozenset({"unauthorised", "device_revoked", "not_enrolled", "no_keyring",
                            "protocol_too_old", "server_too_old", "not_relais", "moved",
                            "tls", "bad_address"})


@dataclass(frozen=True)
class Timing:
    """Seconds. Tests pass shorter ones; the window uses the defaults."""

    first: float = 3.0  # after the window opens: what others did overnight
    debounce: float = 5.0  # after the last local save
    interval: float = 300.0  # while nothing else asks
    backoff_base: float = 5.0
    backoff_cap: float = 300.0


class Plan:
    """Decides when the next sync starts. ``now`` is any monotonic clock, in seconds.

    Two dues, the earlier wins: the clock's (first sync, interval, backoff, "Sync now")
    and the edits' (the debounce), so a save never pushes back a sync already due."""

    def __init__(self, timing: Timing, now: float,
                 random: Callable[[], float] = _random.random) -> None:
        self.timing = timing
        self.backoff = Backoff(timing.backoff_base, timing.backoff_cap, random)
        self.running = False
        self.failing = False  # the last try failed: the next ones back off
        self.stopped = False  # a failure only a person can mend
        self.clock_due: float | None = now + timing.first
        self.edit_due: float | None = None
        self._after_run: float | None = None  # a reason that came during a sync (a delay)

    @property
    def due(self) -> float | None:
        dues = [d for d in (self.clock_due, self.edit_due) if d is not None]
        return min(dues) if dues else None

    def edited(self, now: float) -> None:
        """A local change was saved: sync once the saves have stopped for a while. While
        failing, the backoff's next try carries it (no faster hammering of a dead line)."""
        if self.running:
            self._keep(self.timing.debounce)
        elif not (self.failing or self.stopped):
            self.edit_due = now + self.timing.debounce  # each save pushes its sync back

    def asked(self, now: float) -> None:
        """A person asked: at once, or right after the sync under way."""
        self.stopped = False
        if self.running:
            self._keep(0.0)
        else:
            self.clock_due = now

    def network_back(self, now: float) -> None:
        """The system says the network is back: a failing sync tries at once instead of
        waiting out its backoff (the backoff still guards against a false alarm)."""
        if self.failing and not self.running:
            self.clock_due = now

    def later(self, now: float) -> None:
        """Nothing to do now (not enrolled): look again after an interval."""
        self.clock_due, self.edit_due = now + self.timing.interval, None

    def start(self, now: float) -> bool:
        """True when a sync should start now (the caller then runs it)."""
        due = self.due
        if self.running or due is None or now < due:
            return False
        self.running, self.clock_due, self.edit_due = True, None, None
        return True

    def finished(self, now: float, error_code: str | None) -> None:
        """The sync ended: ``error_code`` None on success, else its SyncError code (or any
        other word for an unexpected failure)."""
        self.running = False
        after, self._after_run = self._after_run, None
        if error_code is None:
            self.backoff.succeeded()
            self.failing = self.stopped = False
            self.clock_due = now + self.timing.interval
        elif error_code in STOPPING_CODES:
            self.failing, self.stopped = False, True
            return  # only "Sync now" (asked) starts again
        else:
            self.failing = True
            self.clock_due = now + self.backoff.failed()
        if after == 0:
            self.clock_due = now
        elif after is not None and not self.failing:
            self.edit_due = now + after

    def wait(self, now: float) -> float | None:
        """Seconds until the next sync is due; None when none is planned."""
        due = self.due
        if self.running or due is None:
            return None
        return max(0.0, due - now)

    def _keep(self, delay: float) -> None:
        self._after_run = delay if self._after_run is None else min(self._after_run, delay)


class Phase(StrEnum):
    SYNCING = "syncing"
    UP_TO_DATE = "up_to_date"
    WAITING = "waiting"  # changes waiting, or no sync ended yet since the window opened
    OFFLINE = "offline"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Snapshot:
    """What the status shows, gathered from the database and the last sync."""

    running: bool = False
    synced: bool = False  # a sync succeeded since the window opened
    error: str | None = None  # the last failure's code (this run's, else the stored one)
    pending: int = 0
    problems: int = 0
    conflicts: int = 0
    last_success: datetime | None = None


def phase(snapshot: Snapshot) -> Phase:
    """Honest states: "up to date" only after a sync that pushed and pulled, with nothing
    waiting since and nothing a person must look at."""
    if snapshot.running:
        return Phase.SYNCING
    if snapshot.error in NETWORK_CODES:
        return Phase.OFFLINE
    if snapshot.error or snapshot.problems or snapshot.conflicts:
        return Phase.PROBLEM
    if snapshot.synced and snapshot.pending == 0:
        return Phase.UP_TO_DATE
    return Phase.WAITING
