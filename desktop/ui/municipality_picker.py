"""A municipality typed in any national language or as a postal code, with the matches in a
list under it. Up and Down move in the list; Enter or a double click chooses the highlighted
municipality. Enter then goes on to the next field one types in (never to a check box, never
pressing the dialog's default button)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop.core.reference import ReferenceData
from desktop.ui.enter_key import go_to, is_plain_enter, next_field
from desktop.ui.language import UiLanguage

SHOWN = 8  # matches listed at once


class MunicipalityPicker(QWidget):
    chosen = Signal(str)  # REFNIS code

    def __init__(self, lang: UiLanguage, reference: ReferenceData, refnis: str = "",
                 typed: str = "") -> None:
        super().__init__()
        self.lang, self.reference = lang, reference
        self.edit = QLineEdit()
        self.matches = QListWidget()
        self.matches.setMaximumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.matches)
        self.edit.textChanged.connect(self._find)
        self.edit.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.matches.itemActivated.connect(self._choose)
        self._filled = ""  # what follow_postal_code last wrote, replaced when the code changes
        self._chosen = ""  # a municipality picked in the list (or given), not just highlighted
        found = reference.municipality(refnis) if refnis else None
        self.edit.setText(found.name(lang.code) if found else typed)
        if found:
            self._select(found.refnis)

    def refnis(self) -> str:
        """The municipality chosen in the list, or the one that what is typed names without
        doubt (a full name, a postal code of one municipality); empty otherwise. The first
        of several matches is highlighted for Enter, never taken as a choice: "Lie" is not
        Liedekerke, and 1050 is Brussels or Ixelles."""
        if not self.edit.text().strip():
            return ""
        if self._chosen:
            return self._chosen
        found = self.reference.unambiguous(self.edit.text())
        return found.refnis if found else ""

    def typed(self) -> str:
        return self.edit.text()

    def follow_postal_code(self, code: str) -> None:
        """Fill the municipality from a complete postal code: its name when the code belongs
        to one municipality, the code itself (listing both) when it belongs to two. What the
        person typed or chose is never replaced."""
        found = self.reference.for_postal_code(code)
        if not found or self.refnis() in {m.refnis for m in found}:
            return
        if self.edit.text().strip() and self.edit.text() != self._filled:
            return
        self._filled = found[0].name(self.lang.code) if len(found) == 1 else code.strip()
        self.edit.setText(self._filled)
        if len(found) == 1:
            self._select(found[0].refnis)

    def _find(self, text: str) -> None:
        self._chosen = ""  # typing again undoes a choice
        self.matches.clear()
        for found in self.reference.find_municipalities(text, SHOWN):
            item = QListWidgetItem(found.label(self.lang.code))
            item.setData(Qt.ItemDataRole.UserRole, found.refnis)
            self.matches.addItem(item)
        self.matches.setCurrentRow(0)

    def _select(self, refnis: str) -> None:
        for row in range(self.matches.count()):
            if self.matches.item(row).data(Qt.ItemDataRole.UserRole) == refnis:
                self.matches.setCurrentRow(row)
                self._chosen = refnis
                return

    def _choose(self, item: QListWidgetItem) -> None:
        refnis = item.data(Qt.ItemDataRole.UserRole)
        found = self.reference.municipality(refnis)
        if found is not None:
            self.edit.setText(found.name(self.lang.code))
            self._select(refnis)
        self.chosen.emit(refnis)

    def _go_on(self) -> None:
        following = next_field(self.matches)
        if following is not None:
            go_to(following)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.matches and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            item = self.matches.currentItem()
            if is_plain_enter(event) and item is not None:
                self._choose(item)
                self._go_on()
                return True  # chooses; never goes on to the next page
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step and self.matches.count():
                row = self.matches.currentRow() + step
                self.matches.setCurrentRow(max(0, min(row, self.matches.count() - 1)))
                return True
            if is_plain_enter(event) and self.edit.text().strip():
                item = self.matches.currentItem()
                if item is not None:
                    self._choose(item)
                    self._go_on()
                return True  # chooses; never goes on to the next page
        return super().eventFilter(watched, event)

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.edit.setPlaceholderText(tr("setup.organisation_placeholder"))
        self.edit.setAccessibleName(tr("intake.field_municipality"))
        self.matches.setAccessibleName(tr("intake.field_municipality"))
        refnis = self.refnis()
        if self.edit.text().strip():
            self._find(self.edit.text())  # labels in the new language
            self._select(refnis)
