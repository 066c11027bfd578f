"""Tools → Figures for a coordinator (administrators): a month's anonymous figures as the
signed file a CPAS that does not sync sends to its coordinator. The key the central's
operator gave is typed once and kept in the keychain; the figures are made off the GUI
thread (a month of a big database takes seconds)."""

from __future__ import annotations

from datetime import date, timedelta
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

from desktop.core.coordination.export import FiguresExport
from desktop.exchange.figures_file import KEY_SECRET, keep_key, write_figures_file
from desktop.store.secrets import SecretStore
from desktop.ui.file_dialogs import ask_save_path
from desktop.ui.language import UiLanguage
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, PasswordField, error_text

MONTH_LENGTH = 7  # YYYY-MM
KEY_LENGTH = 64
PATH_LENGTH = 1000


def last_month(today: date) -> str:
    return (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


class FiguresDialog(QDialog):
    def __init__(self, lang: UiLanguage, figures: FiguresExport, secrets: SecretStore,
                 tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.figures, self.secrets, self.tasks = lang, figures, secrets, tasks
        tr = lang.tr
        self.setWindowTitle(tr("figures_window.title"))
        intro = QLabel(tr("figures_window.intro"))
        intro.setWordWrap(True)
        self.month = QLineEdit(last_month(date.today()))
        self.month.setMaxLength(MONTH_LENGTH)
        self.month.setAccessibleName(tr("figures_window.month"))
        self.key = PasswordField()
        self.key.setMaxLength(KEY_LENGTH)
        self.key.setAccessibleName(tr("figures_window.key"))
        self.kept = bool(secrets.get(KEY_SECRET))
        if self.kept:
            self.key.setPlaceholderText(tr("figures_window.key_kept"))
        self.output = QLineEdit()
        self.output.setMaxLength(PATH_LENGTH)
        self.output.setAccessibleName(tr("figures_window.file"))
        self.choose = QPushButton(tr("figures_window.choose"))
        self.choose.setAccessibleName(tr("figures_window.choose"))
        self.choose.clicked.connect(self._choose)
        where = QHBoxLayout()
        where.addWidget(self.output, 1)
        where.addWidget(self.choose)
        form = QFormLayout()
        form.addRow(tr("figures_window.month"), self.month)
        form.addRow(tr("figures_window.key"), self.key)
        form.addRow(tr("figures_window.file"), where)
        self.error = ErrorLabel()
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.saved.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton(tr("figures_window.export"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.saved)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        tr = self.lang.tr
        chosen = ask_save_path(self, self.lang, tr("figures_window.title"),
                               f"chiffres-{self.month.text().strip()}.json",
                               tr("figures_window.filter"))
        if chosen is not None:
            self.output.setText(str(chosen))

    def _start(self) -> None:
        tr = self.lang.tr
        self.error.show_message("")
        self.saved.hide()
        month, typed = self.month.text().strip(), self.key.text().strip()
        target = self.output.text().strip()
        if not target:
            self.error.show_message(tr("figures_window.no_file"))
            return
        key = typed or (self.secrets.get(KEY_SECRET) or "")
        if not key:
            self.error.show_message(tr("figures_window.no_key"))
            return
        output, figures = Path(target), self.figures
        self.export_button.setEnabled(False)

        def work(_progress: object) -> Path:
            write_figures_file(figures.signed(month, key), output)
            return output

        self.tasks.run(work, lambda path: self._finished(path, typed), self._failed,
                       owner=self)

    def _finished(self, path: Path, typed: str) -> None:
        tr = self.lang.tr
        self.export_button.setEnabled(True)
        message = tr("figures.exported", month=self.month.text().strip(), path=str(path))
        if typed and keep_key(self.secrets, typed):
            self.key.clear()
            self.key.setPlaceholderText(tr("figures_window.key_kept"))
            message += "\n" + tr("figures_window.key_now_kept")
        self.saved.setText(message)
        self.saved.show()

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.error.show_message(error_text(self.lang, error))
