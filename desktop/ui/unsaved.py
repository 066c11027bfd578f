"""Nothing typed is thrown away without a word: a window where a person edits a record asks
"Discard your changes?" (Discard / Keep editing) when it is closed (Escape, Cancel, the
window's close button) with something typed and not saved."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from desktop.ui.language import UiLanguage


def _value(widget: QWidget) -> object:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentIndex(), widget.currentText() if widget.isEditable() else ""
    if isinstance(widget, QAbstractSpinBox):
        return widget.text()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return widget.isChecked()
    return None


class UnsavedChanges:
    """Remembers the values of a window's fields when they were last loaded or saved and
    asks before the window drops what differs. ``fields``: the fields to watch (default:
    every field in ``window``)."""

    def __init__(self, lang: UiLanguage, window: QWidget,
                 fields: Iterable[QWidget] | None = None) -> None:
        self.lang, self.window = lang, window
        self.fields = list(fields) if fields is not None else None
        self.question: QMessageBox | None = None
        self.mark_saved()

    def _watched(self) -> list[QWidget]:
        if self.fields is not None:
            return self.fields
        return [widget for widget in self.window.findChildren(QWidget)
                if widget.window() is self.window and _value(widget) is not None]

    def _snapshot(self) -> dict[int, object]:
        return {id(widget): _value(widget) for widget in self._watched()}

    def mark_saved(self) -> None:
        self.saved = self._snapshot()

    def dirty(self) -> bool:
        return self._snapshot() != self.saved

    def ask(self, discard: Callable[[], None]) -> None:
        """Asks (window-modal, so the window stays as it is behind the question); calls
        ``discard`` only when the person chooses Discard."""
        tr = self.lang.tr
        box = QMessageBox(QMessageBox.Icon.Question, tr("unsaved.title"),
                          tr("unsaved.question"), QMessageBox.StandardButton.NoButton,
                          self.window)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.discard_button = box.addButton(tr("unsaved.discard"),
                                            QMessageBox.ButtonRole.DestructiveRole)
        self.keep_button = box.addButton(tr("unsaved.keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.keep_button)  # Enter or Escape keeps what was typed
        box.setEscapeButton(self.keep_button)

        def answered(button: QAbstractButton) -> None:
            self.question = None
            if button is self.discard_button:
                self.saved = self._snapshot()  # nothing left to ask about
                discard()

        box.buttonClicked.connect(answered)
        # However the question goes away (Escape, its own close button, reject()), it may be
        # asked again: a stale question would keep the window from ever closing.
        box.finished.connect(self._question_gone)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question = box
        box.open()

    def _question_gone(self, _result: int) -> None:
        self.question = None

    def confirm_close(self, close: Callable[[], None]) -> bool:
        """For a window's reject()/closeEvent: True when it may close now; otherwise the
        question is shown and ``close`` runs if the person discards."""
        if not self.dirty():
            return True
        if self.question is None:
            self.ask(close)
        return False


def holds_unsaved(window: QWidget) -> bool:
    """Whether ``window`` has an ``unsaved`` guard with something typed and not saved."""
    guard = getattr(window, "unsaved", None)
    return isinstance(guard, UnsavedChanges) and guard.dirty()
