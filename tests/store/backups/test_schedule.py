"""When the scheduled backup is due and when the status bar warns (settings.json)."""

from datetime import UTC, datetime, timedelta

from desktop.settings import Settings
from desktop.store.backups.schedule import days_without_backup, is_due

NOW = datetime(2026, 11, 29, 10, tzinfo=UTC)


def settings(schedule="daily", last: datetime | None = None, folder="/media/usb",
             warn=7) -> Settings:
    return Settings(backup_folder=folder, backup_schedule=schedule, backup_warn_days=warn,
                    last_backup_at=last.isoformat() if last else "")


def test_a_daily_backup_is_due_a_day_after_the_last_good_one():
    assert is_due(settings(last=None), NOW)
    assert not is_due(settings(last=NOW - timedelta(hours=23)), NOW)
    assert is_due(settings(last=NOW - timedelta(hours=24)), NOW)


def test_weekly_off_and_no_folder():
    assert not is_due(settings("weekly", NOW - timedelta(days=6)), NOW)
    assert is_due(settings("weekly", NOW - timedelta(days=7)), NOW)
    assert not is_due(settings("off", None), NOW)
    assert not is_due(settings(folder=""), NOW)  # nowhere to write: nothing is due


def test_the_warning_says_never_or_how_many_days_beyond_the_limit():
    assert days_without_backup(settings(last=None), NOW) == -1
    assert days_without_backup(settings(last=NOW - timedelta(days=6)), NOW) is None
    assert days_without_backup(settings(last=NOW - timedelta(days=9)), NOW) == 9
    assert days_without_backup(settings(last=NOW - timedelta(days=2), warn=1), NOW) == 2


def test_settings_out_of_range_fall_back_to_the_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"backup_schedule": "hourly", "backup_warn_days": 0}')
    loaded = Settings.load(path)
    assert (loaded.backup_schedule, loaded.backup_warn_days) == ("daily", 7)
