"""The key file beside the database: wrapped data keys and failed-login counters.

Everything in it is either public (usernames, counters) or encrypted (wrapped keys), so it can
sit next to the database without weakening it. Writes are atomic (temp file + rename) so a crash
or a full disk never leaves a half-written key file.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop.core.errors import RelaisError
from desktop.store.crypto import WrappedKey

FORMAT = 1


@dataclass
class FailedLogins:
    count: int = 0
    locked_until: float = 0.0


@dataclass
class Keystore:
    database_id: str
    users: dict[str, WrappedKey] = field(default_factory=dict)
    recovery: WrappedKey | None = None
    failures: dict[str, FailedLogins] = field(default_factory=dict)

    # -- persistence ------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> Keystore:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format", 0) > FORMAT:
                raise RelaisError("store.keystore_newer")
            return cls(
                database_id=data["database_id"],
                users={name: WrappedKey.from_dict(w) for name, w in data["users"].items()},
                recovery=WrappedKey.from_dict(data["recovery"]) if data.get("recovery") else None,
                failures={
                    name: FailedLogins(int(f["count"]), float(f["locked_until"]))
                    for name, f in data.get("failures", {}).items()
                },
            )
        except RelaisError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise RelaisError("store.keystore_unreadable", path=str(path)) from exc

    def save(self, path: Path) -> None:
        data = {
            "format": FORMAT,
            "database_id": self.database_id,
            "users": {name: wrapped.to_dict() for name, wrapped in sorted(self.users.items())},
            "recovery": self.recovery.to_dict() if self.recovery else None,
            "failures": {
                name: {"count": f.count, "locked_until": f.locked_until}
                for name, f in self.failures.items()
                if f.count
            },
        }
        write_atomically(path, json.dumps(data, indent=1).encode("utf-8"))


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` or leave it untouched (full disk, read-only folder)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except OSError:
        Path(temp_name).unlink(missing_ok=True)
        raise
