""""Discard what you typed?" before a window with unsaved input closes.

Non-blocking (``open``, not ``exec``): the window ignores its close, the question decides.
"Keep editing" is the default and the Escape answer, so a stray key never loses anything."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.core.i18n import Translator


def ask_discard(parent: QWidget, tr: Translator, on_discard: Callable[[], None]) -> QMessageBox:
    """Ask whether to drop what was typed; ``on_discard`` runs only on "Discard"."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("discard.title"), tr("discard.question"),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    discard = box.addButton(tr("discard.discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(tr("discard.keep"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    discard.clicked.connect(on_discard)
    box.open()
    return box
