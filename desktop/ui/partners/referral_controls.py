"""The case window's referral tab beyond typing a partner: "Choose a partner…" from the
directory (the entry's id goes with the referral; typing over its name makes it free text
again), and, for the selected referral, its outcome with its date and its letter."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QWidget

from desktop.core.enums import ReferralStatus
from desktop.core.models import PartnerService
from desktop.services import Services
from desktop.ui.language import UiLanguage
from desktop.ui.partners.picker import ChoosePartnerDialog
from desktop.ui.widgets import show_placeholder


class ReferralControls(QObject):
    def __init__(self, lang: UiLanguage, services: Services, partner: QLineEdit,
                 window: QWidget) -> None:
        super().__init__(window)
        self.lang, self.services, self.partner, self.window = lang, services, partner, window
        self.partner_id: uuid.UUID | None = None
        self.municipality = ""  # the household's, to filter the directory by first
        self.choose_button = QPushButton()
        self.choose_button.clicked.connect(lambda: self.choose())
        self.status = QComboBox()
        self.outcome_on = QLineEdit()
        self.outcome_on.setMaxLength(10)
        self.record_button = QPushButton()
        self.letter_button = QPushButton()
        partner.textEdited.connect(self._typed_over)

    @property
    def widgets(self) -> list[QWidget]:
        return [self.choose_button, self.status, self.outcome_on, self.record_button,
                self.letter_button]

    def choose(self) -> ChoosePartnerDialog:
        dialog = ChoosePartnerDialog(self.lang, self.services.partners,
                                     self.services.reference, self.municipality, self.window)
        dialog.accepted.connect(lambda: self.take(dialog.chosen))
        dialog.open()
        return dialog

    def take(self, partner: PartnerService | None) -> None:
        """The entry chosen: its name in the partner field, its id kept for the referral."""
        if partner is None:
            return
        self.partner_id = partner.id
        self.partner.setText(partner.name)
        self.partner.setToolTip(self.lang.tr("partners.from_directory"))

    def forget(self) -> None:
        self.partner_id = None
        self.partner.setToolTip("")

    def _typed_over(self, _text: str) -> None:
        if self.partner_id is not None:
            self.forget()

    def follow(self, status: ReferralStatus | None) -> None:
        """The selected referral's status in the box, to change from there."""
        if status is not None:
            self.status.setCurrentIndex(max(0, self.status.findData(status)))

    def connect(self, record: Callable[[], None], letter: Callable[[], None]) -> None:
        self.record_button.clicked.connect(lambda: record())
        self.letter_button.clicked.connect(lambda: letter())

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.choose_button.setText(tr("partners.choose_partner"))
        self.choose_button.setToolTip(tr("partners.choose_partner_tip"))
        current = self.status.currentData()
        self.status.clear()
        for value in ReferralStatus:
            self.status.addItem(tr.choice("referral_status", value), value)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.setAccessibleName(tr("partners.referral_status"))
        show_placeholder(self.outcome_on, tr("partners.outcome_placeholder"))
        self.outcome_on.setAccessibleName(tr("field.outcome_on"))
        self.record_button.setText(tr("partners.record_outcome"))
        self.letter_button.setText(tr("partners.referral_letter"))
