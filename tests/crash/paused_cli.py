"""The real CLI in a process of its own, paused in the middle of its write so that a test can
``kill -9`` it there:

    python -m tests.crash.paused_cli PATTERN COUNT -- relais arguments…
    python -m tests.crash.paused_cli N:PATTERN COUNT -- …   (counted after N commits)

Every SQLite connection the process opens reports each statement it runs (SQLite's trace
callback); at the COUNT-th statement that starts with PATTERN, the process prints ``mid-write``
and sleeps, its transaction open. PATTERN ``-`` never pauses (the test then kills it after a
measured delay or when a file appears). Nothing of Relais is replaced: the pause is a sleep
between two of its statements."""

from __future__ import annotations

import sys
import time

from sqlalchemy import event
from sqlalchemy.engine import Engine


def main() -> int:
    pattern, count, separator, *argv = sys.argv[1:]
    assert separator == "--"
    seen = 0
    commits, _, pattern = pattern.rpartition(":")
    waiting = int(commits or 0)

    def trace(statement: str) -> None:
        nonlocal seen, waiting
        upper = statement.lstrip().upper()
        if upper.startswith("COMMIT"):
            waiting -= 1
        if waiting <= 0 and pattern != "-" and upper.startswith(pattern.upper()):
            seen += 1
            if seen == int(count):
                print("mid-write", flush=True)
                time.sleep(600)

    @event.listens_for(Engine, "connect")
    def _traced(dbapi_connection, _record) -> None:
        dbapi_connection.set_trace_callback(trace)

    from desktop.cli import run_cli

    return run_cli(argv)


if __name__ == "__main__":
    sys.exit(main())
