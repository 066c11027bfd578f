"""The one source of "now" and "today" for services, injectable so that a test can move time
(a session left open past midnight, a clock set a day wrong) without touching the machine's.

Services ask the clock each time they need the date: a date taken once at login would keep
yesterday's for every file opened after midnight.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """Aware UTC: what records are stamped with."""
        ...

    def today(self) -> date:
        """The local calendar date: what a person means by today (files, deadlines)."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return date.today()


class FixedDay:
    """A day that never changes: a service built with ``today=`` (tests, reports of a
    given day)."""

    def __init__(self, day: date) -> None:
        self.day = day

    def now(self) -> datetime:
        return datetime.combine(self.day, datetime.min.time(), UTC)

    def today(self) -> date:
        return self.day


SYSTEM_CLOCK = SystemClock()


def clock_of(today: date | None = None, clock: Clock | None = None) -> Clock:
    """The clock a service keeps: the one it is given, else a fixed ``today``, else the
    machine's."""
    if clock is not None:
        return clock
    return FixedDay(today) if today is not None else SYSTEM_CLOCK
