"""Tools › Backups (administrators): where and how often this machine backs up, the warning
limit, "Back up now", the backups in the folder, and "Restore…" with what it replaces.

Settings are this machine's (settings.json); the work runs on the task runner, off the GUI
thread; a restore is confirmed here and carried out from the login screen once the session
is closed (``restore_requested``)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import RelaisError
from desktop.paths import DataPaths
from desktop.settings import BACKUP_SCHEDULES, MAX_BACKUP_WARN_DAYS, MAX_FOLDER, Settings
from desktop.store.backups.restore import (
    Restorer,
    counted,
    describe_loss,
    local_time,
    size_text,
)
from desktop.store.backups.schedule import remember_success
from desktop.store.backups.service import BackupEntry, BackupService
from desktop.store.backups.verify import Verified
from desktop.ui.file_dialogs import ask_folder, ask_open_path
from desktop.ui.language import UiLanguage
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text

COLUMNS = ("backups.column_date", "backups.column_size", "backups.column_contents",
           "backups.column_verified")


class BackupsDialog(QDialog):
    restore_requested = Signal(object)  # (backup path, data key, username)
    backed_up = Signal()

    def __init__(self, lang: UiLanguage, backups: BackupService, settings: Settings,
                 paths: DataPaths, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.backups, self.settings = lang, backups, settings
        self.paths, self.tasks = paths, tasks
        self.entries: list[BackupEntry] = []
        self.verified_now: set[Path] = set()
        tr = lang.tr
        self.setWindowTitle(tr("backups.window_title"))
        self.folder = QLineEdit(settings.backup_folder)
        self.folder.setMaxLength(MAX_FOLDER)
        self.folder.setAccessibleName(tr("backups.folder"))
        self.choose = QPushButton(tr("backups.choose_folder"))
        self.choose.setAccessibleName(tr("backups.choose_folder"))
        self.schedule = QComboBox()
        for value in BACKUP_SCHEDULES:
            self.schedule.addItem(tr.choice("backup_schedule", value), value)
        self.schedule.setCurrentIndex(BACKUP_SCHEDULES.index(settings.backup_schedule))
        self.schedule.setAccessibleName(tr("backups.schedule_label"))
        self.warn_days = QSpinBox()
        self.warn_days.setRange(1, MAX_BACKUP_WARN_DAYS)
        self.warn_days.setValue(settings.backup_warn_days)
        self.warn_days.setSuffix(" " + tr("backups.days"))
        self.warn_days.setAccessibleName(tr("backups.warn_label"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(tr("backups.folder"), folder_row)
        form.addRow(tr("backups.schedule_label"), self.schedule)
        form.addRow(tr("backups.warn_label"), self.warn_days)
        self.last = QLabel()
        self.last.setWordWrap(True)
        self.save_button = QPushButton(tr("backups.save"))
        self.now_button = QPushButton(tr("backups.now"))
        self.now_button.setDefault(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("backups.progress"))
        self.progress.hide()
        actions = QHBoxLayout()
        actions.addWidget(self.save_button)
        actions.addStretch(1)
        actions.addWidget(self.now_button)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(key) for key in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(tr("backups.list"))
        self.verify_button = QPushButton(tr("backups.verify"))
        self.restore_button = QPushButton(tr("backups.restore"))
        self.other_file = QPushButton(tr("backups.restore_other"))
        row_actions = QHBoxLayout()
        row_actions.addWidget(self.verify_button)
        row_actions.addStretch(1)
        row_actions.addWidget(self.other_file)
        row_actions.addWidget(self.restore_button)
        self.message = ErrorLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.last)
        layout.addLayout(actions)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addLayout(row_actions)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.choose.clicked.connect(self._choose_folder)
        self.save_button.clicked.connect(self.save)
        self.now_button.clicked.connect(self.back_up_now)
        self.verify_button.clicked.connect(self.verify_selected)
        self.restore_button.clicked.connect(lambda: self.restore(self._selected()))
        self.other_file.clicked.connect(self._restore_other)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(760, 520)
        self._show_last()
        self.refresh()

    # -- settings -----------------------------------------------------------------------------

    def _choose_folder(self) -> None:
        chosen = ask_folder(self, self.lang, self.lang.tr("backups.choose_folder_title"),
                            Path(self.folder.text()) if self.folder.text() else None)
        if chosen is not None:
            self.folder.setText(str(chosen))
            self.save()

    def save(self) -> bool:
        self.settings.backup_folder = self.folder.text().strip()
        self.settings.backup_schedule = self.schedule.currentData()
        self.settings.backup_warn_days = self.warn_days.value()
        try:
            self.settings.save(self.paths.settings, "backup_folder", "backup_schedule",
                               "backup_warn_days")
        except (OSError, RelaisError):
            self._say(self.lang.tr("settings.not_saved"), error=True)
            return False
        self._say(self.lang.tr("backups.saved"))
        self.refresh()
        return True

    def _show_last(self) -> None:
        tr = self.lang.tr
        if self.settings.last_backup_at:
            at = datetime.fromisoformat(self.settings.last_backup_at)
            self.last.setText(tr("backups.last_good", date=local_time(at, self.lang.code)))
        else:
            self.last.setText(tr("backups.never"))

    # -- the list -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self.table.setRowCount(0)
        self.entries = []
        folder = self.folder.text().strip()
        if folder:
            try:
                self.entries = self.backups.list(Path(folder))
            except RelaisError as error:
                self._say(error_text(self.lang, error), error=True)
        tr = self.lang.tr
        for row, entry in enumerate(self.entries):
            self.table.insertRow(row)
            counts = entry.manifest.counts
            cells = (local_time(entry.created_at, self.lang.code), size_text(tr, entry.size),
                     tr("backups.contents", **counted(tr, counts.get("persons", 0),
                                                      counts.get("cases", 0))),
                     tr("backups.verified_again") if entry.path in self.verified_now
                     else tr("backups.verified_when_written"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(entry.path.name)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if self.entries:
            self.table.selectRow(0)
        self.note.setText(tr("backups.none") if folder and not self.entries else "")
        self._update_buttons()

    def _selected(self) -> BackupEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.verify_button.setEnabled(chosen)
        self.restore_button.setEnabled(chosen)

    # -- work ---------------------------------------------------------------------------------

    def _busy(self, busy: bool) -> None:
        for button in (self.now_button, self.verify_button, self.restore_button,
                       self.other_file, self.save_button, self.choose):
            button.setEnabled(not busy)
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        if not busy:
            self._update_buttons()

    def _progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def back_up_now(self) -> None:
        if self.folder.text().strip() != self.settings.backup_folder and not self.save():
            return
        folder = Path(self.settings.backup_folder)
        self._busy(True)
        self._say(self.lang.tr("backups.running"))
        self.tasks.run(lambda progress: self.backups.back_up(folder, progress),
                       self._backed_up, self._failed, self._progress, owner=self)

    def _backed_up(self, verified: Verified) -> None:
        self._busy(False)
        try:
            remember_success(self.settings, self.paths.settings, verified.manifest.created_at)
        except (OSError, RelaisError):
            self._say(self.lang.tr("settings.not_saved"), error=True)
        self.verified_now.add(verified.path)
        self._say(self.lang.tr("backup.done", size=size_text(
            self.lang.tr, verified.size)))
        self._show_last()
        self.refresh()
        self.backed_up.emit()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._say(error_text(self.lang, error), error=True)

    def verify_selected(self) -> None:
        entry = self._selected()
        if entry is None:
            return
        self._busy(True)
        self.tasks.run(lambda progress: self.backups.verify(entry.path, progress),
                       self._verified, self._failed, self._progress, owner=self)

    def _verified(self, verified: Verified) -> None:
        self._busy(False)
        self.verified_now.add(verified.path)
        self._say(self.lang.tr("backup.verified", file=verified.path.name, size=size_text(
            self.lang.tr, verified.size)))
        self.refresh()

    def _restore_other(self) -> None:
        chosen = ask_open_path(self, self.lang, self.lang.tr("backups.pick_file"),
                               "*.relaisbackup")
        if chosen is not None:
            self.restore(chosen)

    def restore(self, entry: BackupEntry | Path | None) -> None:
        """Check and count first (off the GUI thread), then ask, saying what is lost."""
        if entry is None:
            return
        path = entry.path if isinstance(entry, BackupEntry) else entry
        data_key, username = self.backups.restore_key()
        self._busy(True)
        self.tasks.run(lambda _progress: Restorer(self.paths).preview(path, data_key),
                       lambda preview: self._confirm(path, preview, data_key, username),
                       self._failed, owner=self)

    def _confirm(self, path: Path, preview, data_key: bytes, username: str) -> None:
        self._busy(False)
        tr = self.lang.tr
        box = QMessageBox(QMessageBox.Icon.Warning, tr("backups.confirm_title"),
                          "\n\n".join(describe_loss(tr, preview)), parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        go = box.addButton(tr("backups.confirm_restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirmation = box
        box.exec()
        if box.clickedButton() is go:
            self.restore_requested.emit((path, data_key, username))
            self.accept()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.show_message(text)
        self.message.setStyleSheet("color: #b00020;" if error else "")
