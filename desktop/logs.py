"""Logging to the platformdirs log folder. Messages name events and ids, never personal data
or secrets: no names, numbers, passwords or recovery codes go through a logger."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path


def configure_logging(folder: Path, level: int = logging.INFO) -> Path | None:
    """Log to ``folder/relais.log`` (rotated); carry on without a file if the folder is not
    writable."""
    root = logging.getLogger()
    root.setLevel(level)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            folder / "relais.log", maxBytes=2_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    # Alembic narrates every migration step; only its warnings are worth keeping.
    logging.getLogger("alembic").setLevel(logging.WARNING)
    return folder / "relais.log"
