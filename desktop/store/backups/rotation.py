"""Which backups to keep: grandfather-father-son, like most backup tools. The newest backup
of each of the last 7 days that have one, of each of the last 4 weeks, of each of the last 12
months; the newest of all always. Applied only to the backups of this organisation's
database in the chosen folder (their manifest says so): any other file stays untouched."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Policy:
    daily: int = 7
    weekly: int = 4
    monthly: int = 12


DEFAULT = Policy()


def _day(at: datetime) -> Hashable:
    return at.date()


def _week(at: datetime) -> Hashable:
    return at.isocalendar()[:2]


def _month(at: datetime) -> Hashable:
    return (at.year, at.month)


def to_keep(items: Sequence[T], when: Callable[[T], datetime],
            policy: Policy = DEFAULT) -> set[int]:
    """Indexes (into ``items``) of the backups to keep."""
    order = sorted(range(len(items)), key=lambda i: when(items[i]), reverse=True)
    kept: set[int] = set(order[:1])
    for period, count in ((_day, policy.daily), (_week, policy.weekly),
                          (_month, policy.monthly)):
        seen: set[Hashable] = set()
        for index in order:
            key = period(when(items[index]))
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(key)
            kept.add(index)
    return kept
