"""Timings a noisy machine cannot fool: the baseline and the subject run interleaved
(A B A B …), so a neighbour's load falls on both alike; each side reports its median, its
spread (interquartile range), its p95 and its worst case, and the ratio of the medians.

Benches print their human lines as before and, for bench/run_all.py, one line per figure:
``FIGURE {json}`` (see ``emit``).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

FIGURE_PREFIX = "FIGURE "


@dataclass(frozen=True)
class Stats:
    """Summary of one side's samples (seconds, or any unit the bench says)."""

    n: int
    median: float
    q1: float
    q3: float
    p95: float
    best: float
    worst: float

    @classmethod
    def of(cls, samples: list[float]) -> Stats:
        ordered = sorted(samples)
        if len(ordered) == 1:
            only = ordered[0]
            return cls(1, only, only, only, only, only, only)
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return cls(len(ordered), statistics.median(ordered), q1, q3, p95, ordered[0],
                   ordered[-1])

    def scaled(self, factor: float) -> Stats:
        """The same summary in another unit (seconds to milliseconds: 1000)."""
        return Stats(self.n, *(value * factor for value in (
            self.median, self.q1, self.q3, self.p95, self.best, self.worst)))

    def line(self, unit: str = "ms", scale: float = 1) -> str:
        return (f"median {self.median * scale:.1f} {unit}, IQR {self.q1 * scale:.1f}–"
                f"{self.q3 * scale:.1f}, p95 {self.p95 * scale:.1f}, worst "
                f"{self.worst * scale:.1f} {unit} (n={self.n})")


@dataclass
class Comparison:
    """Both sides of an interleaved run, with what each call returned (for recall)."""

    baseline: Stats
    subject: Stats
    baseline_results: list[Any] = field(repr=False)
    subject_results: list[Any] = field(repr=False)
    baseline_times: list[float] = field(repr=False)
    subject_times: list[float] = field(repr=False)

    @property
    def ratio(self) -> float:
        """Subject median over baseline median: below 1, the subject is faster."""
        return self.subject.median / self.baseline.median if self.baseline.median else 0.0


def interleave(baseline: Callable[[int], Any], subject: Callable[[int], Any],
               rounds: int) -> Comparison:
    """Run baseline(i) then subject(i) for i in 0..rounds-1 and time each call."""
    base_times: list[float] = []
    subject_times: list[float] = []
    base_results: list[Any] = []
    subject_results: list[Any] = []
    for i in range(rounds):
        for run, times, results in ((baseline, base_times, base_results),
                                    (subject, subject_times, subject_results)):
            started = time.perf_counter()
            results.append(run(i))
            times.append(time.perf_counter() - started)
    return Comparison(Stats.of(base_times), Stats.of(subject_times), base_results,
                      subject_results, base_times, subject_times)


@dataclass(frozen=True)
class Figure:
    """One row of run_all's table. ``judged`` names the statistic held against the floor
    and goal (the issue's figures are medians, p95s, a single first run, or "ratio": the
    subject's median over the baseline's, when the floor is a multiple of the baseline)."""

    name: str
    unit: str
    stats: Stats
    judged: str = "median"
    baseline: Stats | None = None
    baseline_name: str = ""
    floor: float | None = None
    goal: float | None = None
    higher_is_better: bool = False

    @property
    def ratio(self) -> float | None:
        if self.baseline is None or not self.baseline.median:
            return None
        return self.stats.median / self.baseline.median

    @property
    def judged_value(self) -> float | None:
        return self.ratio if self.judged == "ratio" else getattr(self.stats, self.judged)


def emit(figure: Figure) -> None:
    """Print the figure as one machine-readable line for run_all.py."""
    record = asdict(figure)
    print(FIGURE_PREFIX + json.dumps(record, ensure_ascii=False), flush=True)


def parse(line: str) -> Figure | None:
    if not line.startswith(FIGURE_PREFIX):
        return None
    record = json.loads(line[len(FIGURE_PREFIX):])
    record["stats"] = Stats(**record["stats"])
    if record["baseline"] is not None:
        record["baseline"] = Stats(**record["baseline"])
    return Figure(**record)
