"""SQLAlchemy engines on SQLCipher files, keyed with the raw data key (no second KDF)."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlcipher3
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError

from desktop.core.errors import RelaisError
from desktop.core.write_lock import is_busy
from desktop.private_files import keep_private, make_private

SQLITE_HEADER = b"SQLite format 3\x00"
# How long a write waits for another process's write (an import, a demo) to finish before
# it says "another Relais is writing" (store.busy): most writes take well under a second,
# and a window that waits longer looks frozen. Read at each new connection.
BUSY_TIMEOUT_MS = 10_000
# Opening needs room for SQLite's shared-memory file (32 KiB) and a first journal page: with
# less than this free, an I/O error while opening is the full disk, not a damaged file.
LOW_SPACE_BYTES = 1024 * 1024


def _key_pragma(data_key: bytes) -> str:
    # A raw 256-bit key in SQLCipher's blob syntax skips its own PBKDF2: we already ran Argon2id.
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def open_engine(path: Path, data_key: bytes) -> Engine:
    """An engine on an encrypted file. Checks the key at once, with a clear error."""
    # owner only from its first byte (SQLite gives its -wal and -shm files the same mode)
    if path.exists():
        keep_private(path)
    else:
        try:
            make_private(path)
        except OSError as exc:
            raise RelaisError("store.cannot_write", path=str(path.parent)) from exc
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher3,
        connect_args={"check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute(_key_pragma(data_key))
        # first: even the WAL pragma may meet another process's lock
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_MS)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # A lost write would lose a person's record: pay the fsync.
        cursor.execute("PRAGMA synchronous = FULL")
        # Decrypted pages stay cached: 32 MB holds the indexes that search and the case
        # list walk at 100,000 persons (SQLCipher's default of 8 MB made search 4x slower).
        cursor.execute("PRAGMA cache_size = -32768")
        cursor.close()

    check_readable(engine, path)
    return engine


def check_readable(engine: Engine, path: Path) -> None:
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
    except SADatabaseError as exc:
        engine.dispose()
        if isinstance(exc, OperationalError) and is_busy(exc):  # not damaged: in use
            raise RelaisError("store.busy") from exc
        if isinstance(exc, OperationalError) and _disk_is_full(exc, path):
            raise RelaisError("store.disk_full") from exc
        raise unreadable_database_error(path) from exc


def _disk_is_full(error: OperationalError, path: Path) -> bool:
    """SQLite says "database or disk is full" for its own pages, but only "disk I/O error"
    when it cannot make its shared-memory file: then the free space tells."""
    text = str(error.orig).lower()
    if "full" in text:
        return True
    if "i/o error" not in text:
        return False
    try:
        return shutil.disk_usage(path.parent).free < LOW_SPACE_BYTES
    except OSError:
        return False


def unreadable_database_error(path: Path) -> RelaisError:
    """Tell a foreign plain SQLite file apart from a wrong key or a damaged file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError:
        header = b""
    if header == SQLITE_HEADER:
        return RelaisError("store.unencrypted_file", path=str(path))
    return RelaisError("store.unreadable", path=str(path))
