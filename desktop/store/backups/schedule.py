"""When the next scheduled backup is due and when the status bar warns, from this machine's
settings (settings.json: folder, schedule, warning limit, last good backup)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from desktop.settings import Settings

EVERY = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


def last_good(settings: Settings) -> datetime | None:
    if not settings.last_backup_at:
        return None
    at = datetime.fromisoformat(settings.last_backup_at)
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def is_due(settings: Settings, now: datetime) -> bool:
    """A folder is chosen, the schedule is on, and its period has passed since the last good
    backup (or there is none)."""
    every = EVERY.get(settings.backup_schedule)
    if every is None or not settings.backup_folder:
        return False
    last = last_good(settings)
    return last is None or now - last >= every


def days_without_backup(settings: Settings, now: datetime) -> int | None:
    """Days since the last good backup when that is beyond the warning limit; -1 when there
    was never one; None when all is well."""
    last = last_good(settings)
    if last is None:
        return -1
    days = (now - last).days
    return days if days >= settings.backup_warn_days else None


def remember_success(settings: Settings, path: Path, at: datetime) -> None:
    """The last good backup, kept in settings.json (what another process saved stays)."""
    settings.last_backup_at = at.astimezone(UTC).isoformat()
    settings.save(path, "last_backup_at")
