"""Per-installation preferences (not secrets, not personal data), in settings.json."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from desktop.store.keystore import write_atomically

DEFAULT_IDLE_LOCK_MINUTES = 5


@dataclass
class Settings:
    language: str = ""
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    last_username: str = ""
    # Shown on the login screen before the database is unlocked (a public name, no secret).
    organisation_name: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        settings.idle_lock_minutes = max(0, int(settings.idle_lock_minutes))
        return settings

    def save(self, path: Path) -> None:
        write_atomically(path, json.dumps(asdict(self), indent=1).encode("utf-8"))
