"""Files that hold personal data or keys are readable by their owner only (0600), like
keys.json: the database, its backups, exports and documents. On a shared computer (or a home
folder other accounts may read) a 0644 file would hand every other account the encrypted
database to attack offline and every export in clear.

The mode is set when the file is created, before any data is written: a writer that opens
the file afterwards ("w", "wb", SQLite, ReportLab, xlsxwriter) keeps it. Windows has no such
mode bits (the profile folder's ACL restricts it there), so nothing is done."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700


def make_private(path: Path) -> Path:
    """Create ``path`` empty, or take an existing file back, readable by its owner only.
    Raises OSError when it cannot (read-only folder): the caller says so as for any write."""
    if os.name == "nt":
        return path
    handle = os.open(path, os.O_WRONLY | os.O_CREAT, OWNER_ONLY)
    try:
        os.fchmod(handle, OWNER_ONLY)  # a file that was already there keeps its old mode
    finally:
        os.close(handle)
    return path


def keep_private(path: Path) -> None:
    """An existing file made before this rule (an older Relais): its owner only, when we
    may change it; a read-only file is left as it is and opened as before."""
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o077:
            path.chmod(OWNER_ONLY)


def private_folder(path: Path) -> Path:
    """A folder of private files (backups): created for its owner only."""
    path.mkdir(mode=OWNER_ONLY_FOLDER, parents=True, exist_ok=True)
    return path
