"""Preferences of this installation: interface language, idle lock, the logo on documents
and the sync with the central (administrators), where things are kept."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import RelaisError
from desktop.core.i18n import LANGUAGE_NAMES, LANGUAGES
from desktop.core.roles import Permission
from desktop.documents.service import DocumentService
from desktop.paths import DataPaths
from desktop.settings import Settings
from desktop.store.secrets import SecretStore
from desktop.ui.file_dialogs import ask_open_path
from desktop.ui.language import UiLanguage
from desktop.ui.widgets import ErrorLabel, error_text

if TYPE_CHECKING:
    from desktop.store.database import WorkSession
    from desktop.ui.tasks import TaskRunner


class SettingsDialog(QDialog):
    def __init__(self, lang: UiLanguage, settings: Settings, paths: DataPaths,
                 secrets: SecretStore, parent: QWidget | None = None,
                 documents: DocumentService | None = None,
                 session: WorkSession | None = None, tasks: TaskRunner | None = None) -> None:
        """``session`` and ``tasks``: for the sync section, shown to administrators."""
        super().__init__(parent)
        self.lang, self.settings, self.documents = lang, settings, documents
        tr = lang.tr
        self.setWindowTitle(tr("settings.window_title"))
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(lang.code))
        self.language.setAccessibleName(tr("settings.language"))
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setValue(settings.idle_lock_minutes)
        self.idle.setSuffix(" " + tr("settings.minutes"))
        self.idle.setSpecialValueText(tr("settings.never"))
        self.idle.setAccessibleName(tr("settings.idle_lock"))
        data = QLabel(str(paths.root))
        logs = QLabel(str(paths.logs))
        for label in (data, logs):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(tr("settings.language"), self.language)
        form.addRow(tr("settings.idle_lock"), self.idle)
        # What it means for the person, in one sentence; how it works only on hovering. Said
        # only once something keeps a secret there: no sync password before sync exists.
        self.secrets: QLabel | None = None
        if secrets.in_use:
            self.secrets = QLabel()
            self.secrets.setWordWrap(True)
            if secrets.available:
                self.secrets.setText(tr("settings.secrets_kept"))
                self.secrets.setToolTip(tr("settings.keychain_ok", name=secrets.backend_name))
            else:
                self.secrets.setText(tr("settings.secrets_asked"))
                self.secrets.setToolTip(tr("secrets.unavailable"))
            form.addRow(tr("settings.secrets"), self.secrets)
        if documents is not None and documents.actor is not None and \
                documents.actor.can(Permission.MANAGE_SETTINGS):
            form.addRow(tr("settings.logo"), self._logo_row())
        form.addRow(tr("settings.data_folder"), data)
        form.addRow(tr("settings.log_folder"), logs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.sync_section: QWidget | None = None
        if session is not None and tasks is not None and \
                session.actor.can(Permission.MANAGE_USERS):
            from desktop.ui.sync.settings_section import SyncSection

            self.sync_section = SyncSection(lang, session, tasks, self)
            layout.addWidget(self.sync_section)
        layout.addWidget(buttons)

    def _logo_row(self) -> QWidget:
        tr = self.lang.tr
        self.logo_state = QLabel()
        self.logo_error = ErrorLabel()
        choose, remove = QPushButton(tr("settings.logo_choose")), QPushButton(
            tr("settings.logo_remove"))
        choose.clicked.connect(lambda: self.choose_logo())
        remove.clicked.connect(self.remove_logo)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.logo_state, 1)
        line.addWidget(choose)
        line.addWidget(remove)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(row)
        column.addWidget(self.logo_error)
        self._show_logo()
        return box

    def _show_logo(self) -> None:
        has_logo = self.documents is not None and self.documents.logo is not None
        self.logo_state.setText(self.lang.tr("settings.logo_set" if has_logo
                                             else "settings.logo_none"))

    def choose_logo(self, source: Path | None = None) -> bool:
        if self.documents is None:
            return False
        if source is None:
            source = ask_open_path(self, self.lang, self.lang.tr("settings.logo_choose"),
                                   "*.png *.jpg *.jpeg *.gif *.bmp")
            if source is None:
                return False
        try:
            self.documents.set_logo(source)
        except RelaisError as exc:
            self.logo_error.show_message(error_text(self.lang, exc))
            return False
        self.logo_error.show_message("")
        self._show_logo()
        return True

    def remove_logo(self) -> None:
        if self.documents is not None:
            self.documents.remove_logo()
            self._show_logo()

    def chosen_language(self) -> str:
        return self.language.currentData()

    def chosen_idle_minutes(self) -> int:
        return self.idle.value()
