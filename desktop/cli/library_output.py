"""While a command runs, what libraries say goes to the log, never to the terminal.

pypdf and others report what they repair in a damaged file through ``logging`` and
``warnings``. With no log handler (a caller running commands in-process, or a log folder
that cannot be written) Python's last-resort handler and ``warnings.showwarning`` write it
on the process's own stderr: beside the command's one-line messages, in English, and not on
the stream the command was given. The command says in its own words what went wrong; the
libraries' details belong in the log file when there is one.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

log = logging.getLogger(__name__)


@contextmanager
def into_the_log() -> Iterator[None]:
    saved = logging.lastResort
    logging.lastResort = logging.NullHandler()  # no handler at all: the record is dropped
    try:
        with warnings.catch_warnings():  # restores showwarning and the filters afterwards
            warnings.showwarning = _log_warning
            yield
    finally:
        logging.lastResort = saved


def _log_warning(message: Warning | str, category: type[Warning], filename: str,
                 lineno: int, file: TextIO | None = None, line: str | None = None) -> None:
    # Which warning and where only: a library's message may quote what the file holds.
    log.warning("%s at %s:%d", category.__name__, Path(filename).name, lineno)
