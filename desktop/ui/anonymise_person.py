"""The question before one person's erasure on request: it names the person, says what goes
and what stays, and Cancel is the default (Enter never erases)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.ui.language import UiLanguage


def ask_to_anonymise(parent: QWidget, lang: UiLanguage, name: str,
                     on_yes: Callable[[], None]) -> QMessageBox:
    tr = lang.tr
    box = QMessageBox(QMessageBox.Icon.Warning, tr("retention.confirm_person_title"),
                      tr("retention.confirm_person_text", name=name),
                      QMessageBox.StandardButton.Cancel, parent)
    confirm = box.addButton(tr("retention.confirm_button"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: on_yes() if button is confirm else None)
    box.open()
    return box
