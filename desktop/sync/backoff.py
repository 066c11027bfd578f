"""Waiting between attempts: full-jitter exponential backoff.

The n-th wait is drawn uniformly from [0, min(cap, base * 2**n)] ("full jitter"): desktops
that lost the central together do not all come back at the same second, and a long
outage costs at most one try per ``cap`` seconds.
"""

from __future__ import annotations

import random as _random
import time
from collections.abc import Callable
from typing import TypeVar

from desktop.sync.errors import SyncError

T = TypeVar("T")
_MAX_DOUBLINGS = 60  # 2**60 seconds is beyond any cap; stops the power from growing


class Backoff:
    def __init__(self, base: float = 2.0, cap: float = 300.0,
                 random: Callable[[], float] = _random.random) -> None:
        """``random`` returns a number in [0, 1); tests pass their own."""
        if base <= 0 or cap < base:
            raise ValueError("0 < base <= cap")
        self.base = base
        self.cap = cap
        self.random = random
        self.failures = 0

    def ceiling(self, attempt: int) -> float:
        """The longest wait after ``attempt`` failures in a row (attempt 0: the first)."""
        return min(self.cap, self.base * 2 ** min(max(attempt, 0), _MAX_DOUBLINGS))

    def delay(self, attempt: int) -> float:
        return self.random() * self.ceiling(attempt)

    def failed(self) -> float:
        """Count one more failure in a row and return how long to wait before the next try
        (for an engine driven by a timer)."""
        wait = self.delay(self.failures)
        self.failures += 1
        return wait

    def succeeded(self) -> None:
        self.failures = 0


def retrying(call: Callable[[], T], backoff: Backoff, *, attempts: int = 5,
             sleep: Callable[[float], None] = time.sleep) -> T:
    """``call()``, tried again after a wait while it fails in a way a later try can mend
    (SyncError.retryable: unreachable, timeout, dropped, 5xx …). Any other failure, or the
    last retryable one, is raised as it is. Only for calls that are safe to repeat."""
    for attempt in range(attempts):
        try:
            result = call()
        except SyncError as exc:
            if not exc.retryable or attempt == attempts - 1:
                raise
            sleep(backoff.delay(attempt))
        else:
            return result
    raise ValueError("attempts must be at least 1")
