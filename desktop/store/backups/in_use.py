"""Is the live database open in another process? A restore renames it aside: a Relais
window still open on it would go on writing into the file set aside, and what its user
types from then on would be out of sight.

SQLite (in WAL mode, as Relais opens it) keeps a shared lock on a byte range of the
database file for as long as a connection is open; asking for that range exclusively,
without waiting, says whether anyone holds it. POSIX locks only: on Windows an open
database cannot be renamed at all, and the restore stops there with the file named."""

from __future__ import annotations

import os
from pathlib import Path

# sqlite3.c: PENDING_BYTE 0x40000000, SHARED_FIRST = PENDING_BYTE + 2, SHARED_SIZE 510
SHARED_FIRST = 0x40000000 + 2
SHARED_SIZE = 510


def held_by_another_process(database: Path) -> bool:
    """True when another process has ``database`` open through SQLite. Call it with no
    connection of this process open on the file: closing the descriptor used here drops
    every POSIX lock this process holds on it."""
    if os.name == "nt" or not database.exists():
        return False
    import fcntl

    try:
        handle = os.open(database, os.O_RDWR)
    except OSError:
        return False  # unreadable: the restore says so when it renames it
    try:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB, SHARED_SIZE, SHARED_FIRST)
        except OSError:
            return True
        fcntl.lockf(handle, fcntl.LOCK_UN, SHARED_SIZE, SHARED_FIRST)
        return False
    finally:
        os.close(handle)
