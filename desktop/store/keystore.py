"""The key file beside the database: wrapped data keys and failed-login counters.

Everything in it is either public (usernames, counters) or encrypted (wrapped keys), so it can
sit next to the database without weakening it. Writes are atomic (temp file + rename) so a crash
or a full disk never leaves a half-written key file, and every change is a read-modify-write
under an OS file lock (``updating``), so two processes never lose each other's changes.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from desktop.core.errors import RelaisError
from desktop.file_lock import exclusive
from desktop.store import keyfile_values as values
from desktop.store.crypto import WrappedKey

FORMAT = 1
# A key file for thousands of users is well under 1 MB; a bigger one is not ours.
MAX_BYTES = 8 * 1024 * 1024
# Failed sign-ins wait here until a database session can write them into the audit trail
# (a wrong password never opens it); past this many, the oldest are dropped and counted.
MAX_UNAUDITED = 500
# Who a failed sign-in names when the user name typed is nobody's (never a user name: "*"
# cannot be in one, core/passwords.py).
UNKNOWN_USER = "*unknown*"


@dataclass
class FailedLogins:
    count: int = 0
    locked_until: float = 0.0


class Unaudited(NamedTuple):
    """An event for the audit trail that could not be written into the database yet: who,
    when (seconds since 1970), what, on which record ("" for none), and its detail as JSON
    text ("" for none). Never a value typed by a user but the user name signed in with."""

    username: str
    at: float
    action: str = "login_failed"
    entity: str = "user_account"
    entity_id: str = ""
    detail: str = ""

    def to_json(self) -> list[object]:
        if self[2:] == Unaudited("", 0.0)[2:]:
            return [self.username, self.at]  # a failed sign-in, the common case
        return list(self)

    @classmethod
    def from_json(cls, value: Any, where: str) -> Unaudited:
        parts = values.sequence(value, where, 6)
        if len(parts) not in (2, 6):
            raise values.BadValue(where)
        event = cls(values.text(parts[0], where),
                    values.number(parts[1], where, (0.0, values.MAX_LOCKED_UNTIL)))
        if len(parts) == 6:
            short = [values.bounded_text(part, where, limit)
                     for part, limit in zip(parts[2:], (40, 60, 32, 2000), strict=True)]
            if not short[0]:
                raise values.BadValue(where)
            event = event._replace(action=short[0], entity=short[1], entity_id=short[2],
                                   detail=short[3])
        return event


@dataclass
class Keystore:
    database_id: str
    users: dict[str, WrappedKey] = field(default_factory=dict)
    recovery: WrappedKey | None = None
    failures: dict[str, FailedLogins] = field(default_factory=dict)
    # Users whose password was set on another desktop of the organisation: their key pair
    # (the private key wrapped by their password, as synced) and this database's key
    # sealed to it (store.user_keys). Public or encrypted, like the rest of the file.
    sealed: dict[str, dict[str, object]] = field(default_factory=dict)
    # Events not yet in the audit trail (login_audit.py writes them at the next session).
    # Sign-in attempts: every attempt is noted with its count, before its password is
    # checked; the right password takes its own note back, so what remains are the failed
    # ones. Also the accesses of a session that closed while another process held the
    # database's write lock (a sign-in during a long import).
    unaudited: list[Unaudited] = field(default_factory=list)
    unaudited_dropped: int = 0

    def note_attempt(self, username: str, at: float) -> None:
        self.note(Unaudited(username, at))

    def note(self, event: Unaudited) -> None:
        self.unaudited.append(event)
        if len(self.unaudited) > MAX_UNAUDITED:
            excess = len(self.unaudited) - MAX_UNAUDITED
            del self.unaudited[:excess]
            self.unaudited_dropped += excess

    def take_back(self, username: str, at: float) -> None:
        if Unaudited(username, at) in self.unaudited:
            self.unaudited.remove(Unaudited(username, at))

    # -- persistence ------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> Keystore:
        """The key file, checked value by value (keyfile_values): RelaisError naming the
        file when it is unreadable, of the wrong shape, or holds values we never write."""
        try:
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
            if len(raw) > MAX_BYTES:
                raise ValueError("too large")
            data = json.loads(raw.decode("utf-8"))
        except (OSError, ValueError) as exc:
            raise RelaisError("store.keystore_unreadable", path=str(path)) from exc
        try:
            return cls._from_json(data)
        except values.BadValue as exc:
            raise RelaisError("store.keystore_invalid", path=str(path),
                              detail=exc.where) from exc

    @classmethod
    def _from_json(cls, data: object) -> Keystore:
        data = values.mapping(data, "(file)")
        version = data.get("format", 0)
        if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT:
            raise RelaisError("store.keystore_newer")
        values.integer(version, "format", (0, FORMAT))
        database_id = values.text(data.get("database_id"), "database_id")
        try:
            uuid.UUID(database_id)
        except ValueError:
            raise values.BadValue("database_id") from None
        users = {
            values.text(name, "users"): values.wrapped_key(wrapped, f"users.{name}")
            for name, wrapped in values.mapping(data.get("users"), "users").items()
        }
        recovery = data.get("recovery")
        failures = {}
        for name, failed in values.mapping(data.get("failures", {}), "failures").items():
            where = f"failures.{name}"
            failed = values.mapping(failed, where)
            failures[name] = FailedLogins(
                values.integer(failed.get("count"), f"{where}.count",
                               (0, values.MAX_FAILURES)),
                values.number(failed.get("locked_until"), f"{where}.locked_until",
                              (0.0, values.MAX_LOCKED_UNTIL)))
        unaudited = [Unaudited.from_json(entry, f"unaudited.{number}")
                     for number, entry in enumerate(values.sequence(
                         data.get("unaudited", []), "unaudited", MAX_UNAUDITED))]
        dropped = values.integer(data.get("unaudited_dropped", 0), "unaudited_dropped",
                                 (0, values.MAX_FAILURES))
        sealed = {}
        for name, entry in values.mapping(data.get("sealed", {}), "sealed").items():
            entry = values.mapping(entry, f"sealed.{name}")
            for part in ("user_id", "credential", "sealed"):
                if part not in entry:
                    raise values.BadValue(f"sealed.{name}.{part}")
            sealed[values.text(name, "sealed")] = dict(entry)
        return cls(
            database_id=database_id,
            users=users,
            recovery=values.wrapped_key(recovery, "recovery") if recovery else None,
            failures=failures,
            sealed=sealed,
            unaudited=unaudited,
            unaudited_dropped=dropped,
        )

    def save(self, path: Path) -> None:
        write_atomically(path, self.to_bytes())

    @classmethod
    def from_bytes(cls, raw: bytes) -> Keystore:
        """A key file's content (a backup's), checked like one read from disk."""
        try:
            return cls._from_json(json.loads(raw.decode("utf-8")))
        except (ValueError, values.BadValue) as exc:
            raise RelaisError("store.keystore_invalid", path="keys.json",
                              detail=getattr(exc, "where", "")) from exc

    def to_bytes(self) -> bytes:
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
        if self.sealed:
            data["sealed"] = dict(sorted(self.sealed.items()))
        if self.unaudited:
            data["unaudited"] = [entry.to_json() for entry in self.unaudited]
        if self.unaudited_dropped:
            data["unaudited_dropped"] = self.unaudited_dropped
        return json.dumps(data, indent=1).encode("utf-8")


@contextmanager
def updating(path: Path) -> Iterator[Keystore]:
    """The key file to change in the block, written back when the block ends without error;
    other processes wait meanwhile (file_lock). OSError when it cannot be written."""
    with exclusive(path):
        keystore = Keystore.load(path)
        yield keystore
        keystore.save(path)


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload`` or leave it untouched (full disk, read-only folder).
    The temporary file is made 0600 by mkstemp (private_files.OWNER_ONLY) and keeps it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        _replace(temp_name, path)
    except OSError:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _replace(source: str, target: Path) -> None:
    # Windows refuses to replace a file another process has open for reading (a login
    # reading keys.json without the lock): that reader is done within milliseconds.
    for _ in range(50 if os.name == "nt" else 0):
        try:
            os.replace(source, target)
            return
        except PermissionError:
            time.sleep(0.02)
    os.replace(source, target)
