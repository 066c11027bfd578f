"""Per-installation preferences (not secrets, not personal data), in settings.json.

A settings file that is not what Relais writes (not JSON, the wrong shape, values of the wrong
type or out of range) must never stop the application or a command: the defaults apply, the
file is kept aside as ``settings.json.broken-<time>`` for whoever wants to look at it, and a
warning names it once (the next start finds no file and writes a good one)."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from desktop.core.i18n import LANGUAGES
from desktop.file_lock import exclusive
from desktop.store.keystore import write_atomically

log = logging.getLogger(__name__)

DEFAULT_IDLE_LOCK_MINUTES = 5
MAX_IDLE_LOCK_MINUTES = 240  # the settings dialog's range
MAX_TEXT = 300  # a user name or an organisation's name is far shorter
MAX_BYTES = 64 * 1024  # what we write is a few hundred bytes
MAX_FOLDER = 4096  # a path, however deep a network share
BACKUP_SCHEDULES = ("daily", "weekly", "off")
DEFAULT_BACKUP_WARN_DAYS = 7
MAX_BACKUP_WARN_DAYS = 365


class BrokenSettings(ValueError):
    """settings.json is not what Relais writes; ``what`` names the first wrong value."""


@dataclass
class Settings:
    language: str = ""
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    last_username: str = ""
    # Shown on the login screen before the database is unlocked (a public name, no secret).
    organisation_name: str = ""
    # Backups of this machine (store/backups): where, how often, and after how many days
    # without a good one the status bar warns. last_backup_at: the last verified one (UTC).
    backup_folder: str = ""
    backup_schedule: str = "daily"
    backup_warn_days: int = DEFAULT_BACKUP_WARN_DAYS
    last_backup_at: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        return load_settings(path)[0]

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Known fields checked; unknown ones ignored (a newer version may add some)."""
        if not isinstance(data, dict):
            raise BrokenSettings("(file)")
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        for name in ("language", "last_username", "organisation_name"):
            value = getattr(settings, name)
            if not isinstance(value, str) or len(value) > MAX_TEXT:
                raise BrokenSettings(name)
        if settings.language not in ("", *LANGUAGES):
            raise BrokenSettings("language")
        _check_backup(settings)
        idle = settings.idle_lock_minutes
        if (isinstance(idle, bool) or not isinstance(idle, int)
                or not 0 <= idle <= MAX_IDLE_LOCK_MINUTES):
            raise BrokenSettings("idle_lock_minutes")
        return settings

    def save(self, path: Path, *names: str) -> None:
        """Write the fields ``names`` this process changed (all of them when none are
        named), keeping in the others what another Relais process saved meanwhile: the file
        is read again and written under its lock (a window and a CLI command, two windows)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        with exclusive(path):
            saved = load_settings(path)[0] if names else self
            for name in names:
                setattr(saved, name, getattr(self, name))
            write_atomically(path, json.dumps(asdict(saved), indent=1).encode("utf-8"))


def _check_backup(settings: Settings) -> None:
    for name in ("backup_folder", "last_backup_at"):
        value = getattr(settings, name)
        if not isinstance(value, str) or len(value) > MAX_FOLDER:
            raise BrokenSettings(name)
    if settings.last_backup_at:
        try:
            datetime.fromisoformat(settings.last_backup_at)
        except ValueError:
            raise BrokenSettings("last_backup_at") from None
    if settings.backup_schedule not in BACKUP_SCHEDULES:
        raise BrokenSettings("backup_schedule")
    days = settings.backup_warn_days
    if isinstance(days, bool) or not isinstance(days, int) or \
            not 1 <= days <= MAX_BACKUP_WARN_DAYS:
        raise BrokenSettings("backup_warn_days")


def load_settings(path: Path) -> tuple[Settings, Path | None]:
    """The settings, and where a broken file was kept aside (None when it was fine, missing
    or unreadable: a folder we cannot read is no reason to move anything)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError:
        return Settings(), None
    try:
        if len(raw) > MAX_BYTES:
            raise BrokenSettings("(size)")
        return Settings.from_json(json.loads(raw.decode("utf-8"))), None
    except (ValueError, TypeError) as exc:  # BrokenSettings, JSON, UTF-8, unknown shape
        kept = _set_aside(path)
        log.warning("settings.json ignored (%s: %s); defaults apply; kept as %s",
                    type(exc).__name__, exc if isinstance(exc, BrokenSettings) else "",
                    kept.name if kept else "nowhere (folder not writable)")
        return Settings(), kept


def _set_aside(path: Path) -> Path | None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    kept = path.with_name(f"{path.name}.broken-{stamp}")
    try:
        os.replace(path, kept)
    except OSError:
        return None
    return kept
