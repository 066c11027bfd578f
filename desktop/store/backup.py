"""Copies of the encrypted database, made before anything risky (migrations)."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

KEEP_BACKUPS = 10


def backup_database(engine: Engine, database: Path, folder: Path, reason: str) -> Path:
    """Checkpoint the WAL into the main file, then copy it (still encrypted) into ``folder``."""
    with engine.connect() as connection:
        connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"relais-{stamp}-{reason}.db"
    shutil.copy2(database, target)
    _prune(folder)
    return target


def _prune(folder: Path) -> None:
    backups = sorted(folder.glob("relais-*.db"))
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
