"""The scheduled backup and the status bar's warning, in the main window.

Design: while a session is open, every few minutes (and shortly after sign-in) the schedule
is read again from settings.json (another window or a command may have backed up since); when
a backup is due and nobody has touched the keyboard or mouse for a minute, it runs on the task
runner (off the GUI thread) into the administrator's folder. A failure (USB key unplugged,
full share) is said in the status bar and tried again at the next check; the live database is
never touched by it. The warning shows when the last good backup is older than the limit, or
when there is none."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer

from desktop.core.errors import RelaisError
from desktop.paths import DataPaths
from desktop.settings import Settings
from desktop.store.backups.schedule import days_without_backup, is_due, remember_success
from desktop.store.backups.service import BackupService
from desktop.store.backups.verify import Verified
from desktop.ui.language import UiLanguage
from desktop.ui.status_bar import StatusBar
from desktop.ui.tasks import TaskRunner

log = logging.getLogger(__name__)
CHECK_EVERY_MS = 5 * 60_000
FIRST_CHECK_MS = 60_000
QUIET_SECONDS = 60  # "idle": no key or mouse for this long
_ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class BackupWatch(QObject):
    def __init__(self, lang: UiLanguage, backups: BackupService, settings: Settings,
                 paths: DataPaths, tasks: TaskRunner, status: StatusBar) -> None:
        super().__init__(status)
        self.lang, self.backups, self.settings = lang, backups, settings
        self.paths, self.tasks, self.status = paths, tasks, status
        self.running = False
        self.last_activity = datetime.now(UTC)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(CHECK_EVERY_MS)
        QTimer.singleShot(FIRST_CHECK_MS, self, self.check)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.last_activity = datetime.now(UTC)
        return False

    def reload(self) -> None:
        """What another process saved (its backups, the administrator's new folder)."""
        fresh = Settings.load(self.paths.settings)
        for name in ("backup_folder", "backup_schedule", "backup_warn_days", "last_backup_at"):
            setattr(self.settings, name, getattr(fresh, name))

    def show_warning(self) -> None:
        days = days_without_backup(self.settings, datetime.now(UTC))
        tr = self.lang.tr
        if days is None:
            self.status.set_backup_warning("")
        elif days < 0:
            self.status.set_backup_warning(tr("status.backup_never"))
        else:
            self.status.set_backup_warning(tr.plural("status.backup_overdue", days))

    def check(self, now: datetime | None = None) -> bool:
        """Runs the scheduled backup when due and quiet; True when one was started."""
        self.reload()
        self.show_warning()
        now = now or datetime.now(UTC)
        quiet = (now - self.last_activity).total_seconds() >= QUIET_SECONDS
        if self.running or not quiet or not is_due(self.settings, now):
            return False
        self.running = True
        folder = Path(self.settings.backup_folder)
        self.status.say(self.lang.tr("status.backup_running", percent=0), 60_000)
        self.tasks.run(lambda progress: self.backups.back_up_scheduled(folder, progress),
                       self._done, self._failed, self._progress, owner=self)
        return True

    def _progress(self, done: int, total: int) -> None:
        percent = 100 * done // total if total else 0
        self.status.say(self.lang.tr("status.backup_running", percent=percent), 60_000)

    def _done(self, verified: Verified) -> None:
        self.running = False
        try:
            remember_success(self.settings, self.paths.settings, verified.manifest.created_at)
        except (OSError, RelaisError):
            log.warning("the last backup's time could not be saved")
        self.show_warning()
        self.status.say(self.lang.tr("status.backup_done", file=verified.path.name), 10_000)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        from desktop.ui.widgets import error_text

        log.warning("scheduled backup failed: %s", getattr(error, "key", type(error).__name__))
        self.status.say(self.lang.tr("status.backup_failed",
                                     reason=error_text(self.lang, error)), 30_000)
