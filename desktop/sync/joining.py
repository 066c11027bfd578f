"""Whether a join's download in a data folder is still unfinished: a marker file, read at
every start before anything heavy is loaded (desktop/ui/application.py)."""

from __future__ import annotations

from pathlib import Path

from desktop.paths import DataPaths

# Written before the database of a join, removed once its users can log in: its presence
# tells the next start to continue the download instead of showing a login nobody passes.
JOINING = "join-in-progress"


def joining_marker(paths: DataPaths) -> Path:
    return paths.root / JOINING


def join_pending(paths: DataPaths) -> bool:
    """A join began in this data folder and its download has not finished."""
    return joining_marker(paths).exists()
