"""Preferences of this installation: interface language, idle lock, where things are kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.i18n import LANGUAGE_NAMES, LANGUAGES
from desktop.paths import DataPaths
from desktop.settings import Settings
from desktop.store.secrets import SecretStore
from desktop.ui.language import UiLanguage


class SettingsDialog(QDialog):
    def __init__(self, lang: UiLanguage, settings: Settings, paths: DataPaths,
                 secrets: SecretStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.settings = lang, settings
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
        keychain = QLabel()
        keychain.setWordWrap(True)
        if secrets.available:
            keychain.setText(tr("settings.keychain_ok", name=secrets.backend_name))
        else:
            keychain.setText(tr("secrets.unavailable"))
        form.addRow(tr("settings.keychain"), keychain)
        form.addRow(tr("settings.data_folder"), data)
        form.addRow(tr("settings.log_folder"), logs)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return self.language.currentData()

    def chosen_idle_minutes(self) -> int:
        return self.idle.value()
