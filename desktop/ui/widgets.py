"""Small widgets shared by several screens."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import RelaisError
from desktop.core.passwords import MIN_LENGTH, all_rules, broken_rules
from desktop.ui.language import UiLanguage

log = logging.getLogger(__name__)


def error_text(lang: UiLanguage, error: BaseException) -> str:
    """What to tell the person about a failure, in their language."""
    if isinstance(error, RelaisError):
        return error.message(lang.tr)
    if isinstance(error, OSError):
        return lang.tr("error.system", detail=error.strerror or type(error).__name__)
    log.error("unexpected failure", exc_info=error)
    return lang.tr("error.unexpected")


def emphasise(label: QLabel, extra_points: int) -> QLabel:
    """Bold and larger: titles, headings, the recovery code."""
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + extra_points)
    font.setBold(True)
    label.setFont(font)
    return label


def show_placeholder(field: QLineEdit, text: str) -> None:
    """Sets what to type in ``field`` and keeps the field wide enough to show all of it."""
    field.setPlaceholderText(text)
    margins = field.textMargins()
    field.setMinimumWidth(field.fontMetrics().horizontalAdvance(text) + margins.left()
                          + margins.right() + 12)  # the frame's and the cursor's margins


def wrapped_entries(entries: QListWidget) -> QListWidget:
    """A list whose long entries wrap onto more lines at the list's width instead of
    scrolling sideways."""
    entries.setWordWrap(True)
    entries.setResizeMode(QListView.ResizeMode.Adjust)
    entries.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return entries


def fit_columns(table: QTableView) -> None:
    """Columns as wide as their contents, the last one stretched to the right edge.

    resizeColumnsToContents() also sizes the stretched last column to its contents, and it
    then stays that narrow (after a language switch or a new row); switching the stretch
    off and on again makes it fill the width once more."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    table.resizeColumnsToContents()
    header.setStretchLastSection(True)


class ErrorLabel(QLabel):
    """A message next to the fields it is about; never clears what was typed."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self.setAccessibleName("error")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class PasswordField(QLineEdit):
    def __init__(self) -> None:
        super().__init__()
        self.setEchoMode(QLineEdit.EchoMode.Password)


class PasswordRules(QWidget):
    """The password rules as a live checklist under the password field."""

    def __init__(self, lang: UiLanguage) -> None:
        super().__init__()
        self.lang = lang
        self.labels = {rule: QLabel() for rule in all_rules()}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label in self.labels.values():
            layout.addWidget(label)
        self._password, self._username = "", ""
        self.update_rules("", "")

    def update_rules(self, password: str, username: str) -> None:
        """Nothing typed yet: every rule is neutral (a rule an empty field "meets" must not
        show green); then each is met (green ✓) or not yet (grey ✗)."""
        self._password, self._username = password, username
        broken = set(broken_rules(password, username))
        for rule, label in self.labels.items():
            state = "empty" if not password else "met" if rule not in broken else "unmet"
            mark, colour = {"empty": ("•", "#555"), "met": ("✓", "#1b5e20"),
                            "unmet": ("✗", "#555")}[state]
            label.setText(f"{mark} {self.lang.tr(rule, n=MIN_LENGTH)}")
            label.setStyleSheet(f"color: {colour};")
            label.setProperty("state", state)  # for tests and assistive styling

    def retranslate(self) -> None:
        self.update_rules(self._password, self._username)

    def acceptable(self) -> bool:
        return not broken_rules(self._password, self._username)
