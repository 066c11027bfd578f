"""The languages a person speaks as check boxes: the usual six in a grid, plus a ticked box
for each other language the person already has (imported, merged), labelled by name in the
interface language. Nothing a person has is dropped on save; unticking removes it."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QCheckBox, QGridLayout, QWidget

from desktop.core.i18n import language_name
from desktop.ui.language import UiLanguage

LANGUAGES = ("uk", "ru", "en", "fr", "nl", "de")  # the boxes always offered


class LanguageBoxes(QWidget):
    def __init__(self, lang: UiLanguage, trailing: Iterable[QWidget] = (),
                 columns: int = 4) -> None:
        super().__init__()
        self.lang, self.columns = lang, columns
        self.boxes = {code: QCheckBox() for code in LANGUAGES}
        self.extra: dict[str, QCheckBox] = {}
        self.trailing = list(trailing)  # e.g. "interpreter needed", after the languages
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._had: list[str] = []
        self._lay_out()

    def set_codes(self, codes: Iterable[str]) -> None:
        self._had = list(dict.fromkeys(codes))
        for box in self.extra.values():
            self.grid.removeWidget(box)
            box.deleteLater()
        self.extra = {code: QCheckBox() for code in self._had if code not in self.boxes}
        for code, box in (*self.boxes.items(), *self.extra.items()):
            box.setChecked(code in self._had)
        self._lay_out()
        self.retranslate()

    def codes(self) -> list[str]:
        """Ticked codes: those the person had in their order, then the newly ticked."""
        ticked = {code for code, box in (*self.boxes.items(), *self.extra.items())
                  if box.isChecked()}
        return [c for c in self._had if c in ticked] + \
            [c for c in self.boxes if c in ticked and c not in self._had]

    def _lay_out(self) -> None:
        widgets = (*self.boxes.values(), *self.extra.values(), *self.trailing)
        for box in widgets:
            self.grid.removeWidget(box)  # placed again below, after any extra language
        for index, box in enumerate(widgets):
            self.grid.addWidget(box, index // self.columns, index % self.columns)
        self.grid.setColumnStretch(self.columns, 1)  # boxes keep to the left

    def retranslate(self) -> None:
        tr = self.lang.tr
        for code, box in self.boxes.items():
            box.setText(tr(f"language.{code}"))
        for code, box in self.extra.items():
            box.setText(language_name(code, self.lang.code))
