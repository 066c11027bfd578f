"""Where Relais finds its shipped resources and keeps the user's data.

Shipped files (resources/, i18n/) live beside the package in a source checkout and under
``sys._MEIPASS`` in a PyInstaller bundle. User data follows platformdirs unless the user
passes ``--data-dir`` (portable installs, tests).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Relais"
APP_AUTHOR = "Relais"


def _bundle_root() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


RESOURCES = _bundle_root() / "resources"
CATALOGS = _bundle_root() / "i18n"
FONTS = RESOURCES / "fonts"
REFERENCE = RESOURCES / "reference"


@dataclass(frozen=True)
class DataPaths:
    """Every place Relais writes to, derived from one data folder."""

    root: Path
    logs: Path

    @classmethod
    def default(cls) -> DataPaths:
        return cls(
            root=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
            logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        )

    @classmethod
    def portable(cls, root: Path) -> DataPaths:
        root = Path(root).expanduser().resolve()
        return cls(root=root, logs=root / "logs")

    @property
    def database(self) -> Path:
        return self.root / "relais.db"

    @property
    def keystore(self) -> Path:
        return self.root / "keys.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logo(self) -> Path:
        """The organisation's logo for the documents' header, when one was chosen."""
        return self.root / "logo.png"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"
