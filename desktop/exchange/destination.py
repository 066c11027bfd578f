"""Write a file the user asked for so that nothing else holding its data outlives a crash.

The data is written into a sibling of the destination, in the same folder (so the rename is
atomic and no copy lands in the system's temporary folder), readable by its owner only; the
sibling replaces the destination when the writing is done and is removed when it fails. A
crash or a kill leaves at most that hidden sibling beside the file that was asked for, never
a readable file elsewhere, and never a half-written destination in place of an older one."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from desktop.private_files import make_private

PARTIAL = ".part"


def partial_name(target: Path) -> Path:
    """The sibling written first: hidden, and named after the file it will become."""
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{PARTIAL}")


@contextlib.contextmanager
def written_in_place(target: Path) -> Iterator[Path]:
    """Yields the path to write; on success it becomes ``target``, on failure it goes."""
    target = Path(target)
    partial = make_private(partial_name(target))
    try:
        yield partial
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
