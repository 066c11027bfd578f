"""The referral's "Choose a partner…": the directory's browser, listed entries only; Enter,
a double click or Choose takes the selected one."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.core.models import PartnerService
from desktop.core.partners import PartnerDirectory
from desktop.core.reference import ReferenceData
from desktop.ui.language import UiLanguage
from desktop.ui.partners.browser import PartnerBrowser
from desktop.ui.screen_fit import fit_to_screen


class ChoosePartnerDialog(QDialog):
    def __init__(self, lang: UiLanguage, directory: PartnerDirectory,
                 reference: ReferenceData, municipality: str = "",
                 parent: QWidget | None = None) -> None:
        """``municipality``: a REFNIS code to filter by first (the household's)."""
        super().__init__(parent)
        self.lang = lang
        self.chosen: PartnerService | None = None
        tr = lang.tr
        self.browser = PartnerBrowser(lang, directory, reference)
        place = reference.municipality(municipality) if municipality else None
        if place is not None:
            self.browser.municipality.setText(place.label(lang.code))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.choose_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.choose_button.setText(tr("partners.choose"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            tr("partners.cancel"))
        self.buttons.accepted.connect(self.choose)
        self.buttons.rejected.connect(self.reject)
        self.browser.activated.connect(self.choose)
        self.browser.selected.connect(self._follow)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        self.setWindowTitle(tr("partners.choose_title"))
        fit_to_screen(self, 960, 620)
        self._follow()

    def _follow(self) -> None:
        self.choose_button.setEnabled(self.browser.current() is not None)

    def choose(self) -> None:
        partner = self.browser.current()
        if partner is None:
            return
        self.chosen = partner
        self.accept()

    @property
    def chosen_id(self) -> uuid.UUID | None:
        return self.chosen.id if self.chosen else None
