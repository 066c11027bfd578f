"""Copies of the encrypted database, made before anything risky (migrations)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

from desktop.core.errors import RelaisError
from desktop.private_files import make_private, private_folder

KEEP_BACKUPS = 10


def backup_database(engine: Engine, database: Path, folder: Path, reason: str) -> Path:
    """Checkpoint the WAL into the main file, then copy it (still encrypted) into ``folder``."""
    with engine.connect() as connection:
        busy = connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)")).first()
    if busy is not None and busy[0]:
        # another process kept writing through the busy timeout: a copy of the main file
        # alone would miss its latest changes, so no copy (and no migration after it)
        raise RelaisError("store.busy")
    private_folder(folder)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"relais-{stamp}-{reason}.db"
    # copyfile, not copy2: an older database's 0644 must not come along
    shutil.copyfile(database, make_private(target))
    _prune(folder)
    return target


def _prune(folder: Path) -> None:
    backups = sorted(folder.glob("relais-*.db"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
