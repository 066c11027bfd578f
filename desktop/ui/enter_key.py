"""Enter in a form field goes on to the next field, as Tab does. It never presses a dialog's
default button (Next, Register): a wizard page or a one-screen intake is not left, nor
registered, while the fields below the cursor were not seen yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


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
            following.setFocus(Qt.FocusReason.TabFocusReason)
    event.accept()
    return True


def next_field(widget: QWidget) -> QWidget | None:
    """The widget Tab would go to: the next visible, enabled one that takes Tab focus."""
    candidate = widget.nextInFocusChain()
    while candidate is not widget:
        if candidate.isVisible() and candidate.isEnabled() and \
                candidate.focusPolicy() & Qt.FocusPolicy.TabFocus:
            return candidate
        candidate = candidate.nextInFocusChain()
    return None
