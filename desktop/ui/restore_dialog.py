"""Restore from a backup, from the login screen: for when nobody can sign in any more (the
database file missing or broken). The backup's own keys.json opens it with the password of
an administrator valid when it was made; what it replaces is shown before anything happens.
The restore itself (``run_restore``) is also what the window's confirmed restore runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.passwords import normalise_username
from desktop.paths import DataPaths
from desktop.settings import MAX_FOLDER
from desktop.ui.file_dialogs import ask_open_path
from desktop.ui.language import UiLanguage
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, PasswordField, error_text


def run_restore(tasks: TaskRunner, paths: DataPaths, path: Path, data_key: bytes,
                username: str, done: Callable[[object], None],
                failed: Callable[[BaseException], None], owner: QWidget) -> None:
    from desktop.store.backups.restore import Restorer

    tasks.run(lambda progress: Restorer(paths).apply(path, data_key, username, progress),
              done, failed, owner=owner)


class RestoreDialog(QDialog):
    """Choose the file, sign in against it, read what it replaces, then restore."""

    def __init__(self, lang: UiLanguage, paths: DataPaths, tasks: TaskRunner, username: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.paths, self.tasks = lang, paths, tasks
        self.restored = None
        self._key: tuple[Path, bytes, str] | None = None
        tr = lang.tr
        self.setWindowTitle(tr("restore.window_title"))
        self.intro = QLabel(tr("restore.intro"))
        self.intro.setWordWrap(True)
        self.file = QLineEdit()
        self.file.setMaxLength(MAX_FOLDER)
        self.file.setAccessibleName(tr("restore.file"))
        self.browse = QPushButton(tr("restore.browse"))
        self.browse.setAccessibleName(tr("restore.browse"))
        self.username = QLineEdit(username)
        self.username.setMaxLength(64)
        self.username.setAccessibleName(tr("login.username"))
        self.password = PasswordField()
        self.password.setAccessibleName(tr("restore.password"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(tr("restore.file"), file_row)
        form.addRow(tr("login.username"), self.username)
        form.addRow(tr("restore.password"), self.password)
        self.loss = QLabel()
        self.loss.setWordWrap(True)
        self.loss.setAccessibleName(tr("restore.what_is_lost"))
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.check_button = self.buttons.addButton(tr("restore.check"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button = self.buttons.addButton(tr("restore.submit"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        self.check_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self.check)
        self.restore_button.clicked.connect(self.restore)
        self.browse.clicked.connect(self._browse)
        for field in (self.file, self.username, self.password):
            field.textChanged.connect(self._forget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.loss)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)

    def _browse(self) -> None:
        chosen = ask_open_path(self, self.lang, self.lang.tr("backups.pick_file"),
                               "*.relaisbackup")
        if chosen is not None:
            self.file.setText(str(chosen))
            self.password.setFocus()

    def _forget(self) -> None:
        """Another file or user: the check is to be done again."""
        self._key = None
        self.loss.clear()
        self.error.show_message("")
        self.restore_button.setEnabled(False)
        self.check_button.setDefault(True)

    def _busy(self, busy: bool) -> None:
        self.check_button.setEnabled(not busy)
        self.browse.setEnabled(not busy)
        if busy:
            self.restore_button.setEnabled(False)

    def check(self) -> None:
        from desktop.store.backups.restore import Restorer, unlock

        path = Path(self.file.text().strip())
        username = normalise_username(self.username.text())
        password = self.password.text()
        self.error.show_message("")

        def work(_progress) -> tuple[object, bytes]:
            restorer = Restorer(self.paths)
            restorer.check(path)
            data_key = unlock(path, username, password)
            return restorer.preview(path, data_key), data_key

        self._busy(True)
        self.tasks.run(work, lambda result: self._checked(path, username, *result),
                       self._failed, owner=self)

    def _checked(self, path: Path, username: str, preview, data_key: bytes) -> None:
        from desktop.store.backups.restore import describe_loss

        self._busy(False)
        self._key = (path, data_key, username)
        self.loss.setText("\n\n".join(describe_loss(self.lang.tr, preview)))
        self.adjustSize()  # the lines of what is lost, whole, under the form
        self.restore_button.setEnabled(True)
        self.restore_button.setDefault(True)

    def restore(self) -> None:
        if self._key is None:
            return
        path, data_key, username = self._key
        self._busy(True)
        self.restore_button.setText(self.lang.tr("restore.running"))
        run_restore(self.tasks, self.paths, path, data_key, username, self._restored,
                    self._failed, self)

    def _restored(self, restored: object) -> None:
        self.restored = restored
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.restore_button.setText(self.lang.tr("restore.submit"))
        self.error.show_message(error_text(self.lang, error))
        self.adjustSize()
