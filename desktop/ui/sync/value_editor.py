"""An editor fitting one field's kind (sync/field_values.py): a line for text, dates and
numbers, a few lines for a note, a list for an enumeration, a box for yes/no. It hands back
what was typed; the service reads and checks it, as a normal edit does."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desktop.core.date_text import display_date
from desktop.core.limits import max_length
from desktop.core.text import clean_text
from desktop.sync.field_values import FieldKind
from desktop.ui.language import UiLanguage
from desktop.ui.sync.shown_values import enum_label


class ValueEditor(QWidget):
    def __init__(self, lang: UiLanguage, kind: FieldKind, name: str, current: Any,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        tr = lang.tr
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor: QWidget
        if kind.kind == "enum" and kind.enum is not None:
            combo = QComboBox()
            if kind.nullable:
                combo.addItem("—", "")
            for member in kind.enum:
                combo.addItem(enum_label(tr, member), member.value)
            if isinstance(current, StrEnum):
                combo.setCurrentIndex(max(0, combo.findData(current.value)))
            self.editor = combo
        elif kind.kind == "bool":
            box = QCheckBox(tr("sync.yes"))
            box.setChecked(bool(current))
            self.editor = box
        elif kind.kind == "multiline":
            text = QPlainTextEdit(str(current or ""))
            text.setTabChangesFocus(True)
            text.setFixedHeight(4 * text.fontMetrics().lineSpacing() + 14)
            self.editor = text
        else:
            line = QLineEdit(self._as_text(current, lang.code))
            line.setMaxLength(max_length(name) * (20 if kind.kind == "list" else 1))
            if kind.kind == "date":
                line.setPlaceholderText(tr("sync.date_hint"))
            elif kind.kind == "list":
                line.setPlaceholderText(tr("sync.list_hint"))
            self.editor = line
        layout.addWidget(self.editor)

    @staticmethod
    def _as_text(value: Any, lang: str) -> str:
        if value is None:
            return ""
        if isinstance(value, date):
            return display_date(value, lang)
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return str(value)

    def set_name(self, name: str) -> None:
        self.editor.setAccessibleName(name)

    def value(self) -> Any:
        """What the person typed or picked (text, a yes/no, an enumeration's value)."""
        editor = self.editor
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QPlainTextEdit):
            return clean_text(editor.toPlainText(), multiline=True)
        assert isinstance(editor, QLineEdit)
        if self.kind.kind == "list":
            return [part for part in editor.text().split(",")]
        return editor.text()

    def focus(self) -> None:
        self.editor.setFocus()
