"""An exclusive lock between processes on one file's read-modify-write (keys.json).

Two Relais processes (the window and a CLI command, or two commands) that each read a file,
change it and write it back lose one of the changes unless the whole cycle is locked. The lock
is taken on a sibling file (``keys.json.lock``), never on the file itself, which is replaced
by a rename on every write. The operating system drops the lock when its process ends, even
by a crash or ``kill -9``, so a stale lock never blocks anyone.

POSIX: ``fcntl.flock``. Windows: ``msvcrt.locking`` on the first byte. Both are polled
without blocking, so the wait is bounded and a lock that never comes gets a message."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.core.errors import RelaisError
from desktop.private_files import OWNER_ONLY

# Another process holds it for one small JSON write (or one Argon2 wrap): milliseconds.
WAIT_SECONDS = 10.0
POLL_SECONDS = 0.01

if os.name == "nt":
    import msvcrt

    def _try_lock(handle: int) -> bool:
        os.lseek(handle, 0, os.SEEK_SET)  # locking() starts at the current position
        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: int) -> None:
        os.lseek(handle, 0, os.SEEK_SET)
        msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: int) -> bool:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: int) -> None:
        fcntl.flock(handle, fcntl.LOCK_UN)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextmanager
def exclusive(path: Path, wait: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the lock of ``path`` for the block. OSError when the lock file cannot be made
    (read-only folder, full disk): the caller says so as for any write. RelaisError
    'store.file_busy' when another process keeps it longer than ``wait`` seconds."""
    handle = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, OWNER_ONLY)
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                raise RelaisError("store.file_busy", path=str(path))
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            _unlock(handle)
    finally:
        os.close(handle)
