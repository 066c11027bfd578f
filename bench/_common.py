"""Helpers shared by the benchmark scripts (synthetic data only)."""

from __future__ import annotations

import os
import statistics
from pathlib import Path

BENCH_DIR = Path(os.environ.get("RELAIS_BENCH_DIR", "/tmp/relais-bench"))
USER = "admin"
PASSWORD = "benchmark password 1"


def rss_mb() -> float:
    """Resident memory of this process, from /proc (Linux) or 0 when unavailable."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"median {statistics.median(ordered) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
            f"max {ordered[-1] * 1000:.1f} ms (n={len(ordered)})")
