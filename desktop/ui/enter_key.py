"""Enter in a form field goes on to the next field one types in (a line, a date, a number, a
list to choose from, a text box), as Tab does but passing check boxes and buttons: a space
typed after Enter must not tick a box, and typing must not vanish into one. It never presses
a dialog's default button (Next, Register): a wizard page or a one-screen intake is not left,
nor registered, while the fields below the cursor were not seen yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTextEdit,
    QWidget,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# What one types in; a date edit is a spin box. Check boxes, buttons, lists and tabs are not.
TEXT_INPUTS = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit)


def is_plain_enter(event: QKeyEvent) -> bool:
    extra = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in ENTER_KEYS and extra == Qt.KeyboardModifier.NoModifier


def enter_moves_on(window: QWidget, event: QKeyEvent) -> bool:
    """For a dialog's ``keyPressEvent``: True when the key was Enter in a field (focus moved
    to the next one); False for anything else, including Enter on a push button."""
    if not is_plain_enter(event):
        return False
    focus = window.focusWidget()
    if isinstance(focus, QPushButton):
        return False  # Enter on a button presses that button
    if focus is not None:
        following = next_field(focus)
        if following is not None:
            go_to(following)
    event.accept()
    return True


def go_to(field: QWidget) -> None:
    """Focus on a field and scroll it into view, as Tab does inside a scroll area."""
    field.setFocus(Qt.FocusReason.TabFocusReason)
    parent = field.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(field)
        parent = parent.parentWidget()


def next_field(widget: QWidget) -> QWidget | None:
    """The next text input in Tab order that is visible, enabled and editable; None when
    there is no other one."""
    candidate = widget.nextInFocusChain()
    while candidate is not widget:
        if is_text_input(candidate):
            return candidate
        candidate = candidate.nextInFocusChain()
    return None


def is_text_input(widget: QWidget) -> bool:
    if not isinstance(widget, TEXT_INPUTS) or widget.focusProxy() is not None:
        return False  # the line inside a spin box or an editable list is its owner's
    if not (widget.isVisible() and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
        return False
    read_only = getattr(widget, "isReadOnly", None)
    return not (read_only and read_only())
