"""Possible duplicates found before saving, with their reasons; double-click (or Enter) opens
the existing file. Shared by the quick intake and the intake wizard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.core.date_text import display_iso
from desktop.core.duplicates import PossibleDuplicate
from desktop.core.intake_input import PersonInput
from desktop.core.matches import describe_all
from desktop.ui.language import UiLanguage
from desktop.ui.widgets import wrapped_entries


class DuplicateList(QWidget):
    open_case = Signal(object)  # case id

    def __init__(self, lang: UiLanguage) -> None:
        super().__init__()
        self.lang = lang
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.items = wrapped_entries(QListWidget())
        self.items.setMaximumHeight(120)
        self.items.itemActivated.connect(self._open)
        self.items.setAccessibleName(lang.tr("duplicate.title"))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.title, self.items, self.hint):
            layout.addWidget(widget)
        self.hide()

    def show_found(self, found: list[tuple[PersonInput, PossibleDuplicate]]) -> None:
        tr = self.lang.tr
        self.items.clear()
        for member, duplicate in found:
            typed = f"{member.surname_lat or member.surname_cyr} " \
                    f"{member.given_name_lat or member.given_name_cyr}"
            reasons = ", ".join(tr(reason) for reason in duplicate.reasons)
            line = tr("duplicate.line", typed=typed, name=duplicate.display_name,
                      birth=display_iso(duplicate.birth_date, self.lang.code) or "?",
                      file=duplicate.file_number or "-", reasons=reasons)
            # Below it, by which spelling or identifier: "Chevtchenko ≈ ШЕВЧЕНКО".
            if duplicate.matched:
                line += f"\n      {describe_all(tr, duplicate.matched)}"
            item = QListWidgetItem(line)
            item.setToolTip(line)
            item.setData(Qt.ItemDataRole.UserRole, duplicate.case_id)
            self.items.addItem(item)
        self.title.setText(tr("duplicate.title"))
        self.hint.setText(tr("duplicate.open_hint"))
        self.items.setAccessibleName(tr("duplicate.title"))
        self.setVisible(bool(found))

    def text(self) -> str:
        return "\n".join(self.items.item(i).text() for i in range(self.items.count()))

    def _open(self, item: QListWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id:
            self.open_case.emit(case_id)
