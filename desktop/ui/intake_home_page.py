"""The intake wizard's page for the household's accommodation, its needs and a first
referral. An address is kept even while the kind of housing is not known yet; a municipality
that matches nothing, or a purpose without a partner, is said before going on."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWizardPage,
)

from desktop.core.enums import AccommodationType, NeedArea
from desktop.core.intake_input import HouseholdInput, ReferralInput
from desktop.core.problem_text import problem_text
from desktop.ui.check_grid import check_grid
from desktop.ui.municipality_picker import MunicipalityPicker
from desktop.ui.widgets import ErrorLabel

if TYPE_CHECKING:
    from desktop.ui.intake_wizard import IntakeWizard

NEED_COLUMNS = 4


class AccommodationPage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        household = wizard.household_input
        self.kind = QComboBox()
        self.host = QLineEdit(household.host_name)
        self.street = QLineEdit(household.street)
        self.postal_code = QLineEdit(household.postal_code)
        self.picker = MunicipalityPicker(wizard.lang, wizard.services.reference,
                                         household.municipality_refnis,
                                         household.municipality_typed)
        self.municipality, self.municipalities = self.picker.edit, self.picker.matches
        self.postal_code.textChanged.connect(self.picker.follow_postal_code)
        self.needs = {need: QCheckBox() for need in NeedArea}
        for need, box in self.needs.items():
            box.setChecked(need.value in household.needs)
        first = household.referrals[0] if household.referrals else ReferralInput()
        self.partner = QLineEdit(first.partner)
        self.purpose = QLineEdit(first.purpose)
        self.labels = {name: QLabel() for name in (
            "accommodation_type", "host_name", "street", "postal_code", "municipality",
            "needs", "referral_partner", "referral_purpose")}
        form = QFormLayout()
        for name, widget in (("accommodation_type", self.kind), ("host_name", self.host),
                             ("street", self.street), ("postal_code", self.postal_code),
                             ("municipality", self.municipality),
                             ("referral_partner", self.partner),
                             ("referral_purpose", self.purpose)):
            self.labels[name].setBuddy(widget)
        for name, widget in (("accommodation_type", self.kind), ("host_name", self.host),
                             ("street", self.street), ("postal_code", self.postal_code),
                             ("municipality", self.picker)):
            form.addRow(self.labels[name], widget)
        form.addRow(self.labels["needs"], check_grid(self.needs.values(), NEED_COLUMNS))
        form.addRow(self.labels["referral_partner"], self.partner)
        form.addRow(self.labels["referral_purpose"], self.purpose)
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self._initial_kind = household.accommodation_type

    def fill(self, household: HouseholdInput) -> None:
        household.accommodation_type = self.kind.currentData() or ""
        household.host_name = self.host.text()
        household.street = self.street.text()
        household.postal_code = self.postal_code.text().strip()
        household.municipality_refnis = self.picker.refnis()
        household.municipality_typed = self.picker.typed()
        household.needs = [n.value for n, box in self.needs.items() if box.isChecked()]
        # Kept when either was typed: a purpose without a partner is said, not dropped.
        household.referrals = [ReferralInput(self.partner.text(), self.purpose.text())] \
            if (self.partner.text() + self.purpose.text()).strip() else []

    def validatePage(self) -> bool:
        household = self.wizard_.collect()
        problems = [p for p in self.wizard_.services.intake.check(household)
                    if not p.field.startswith("members")]
        tr = self.wizard_.lang.tr
        self.error.show_message("\n".join(problem_text(tr, p) for p in problems))
        return not problems

    def retranslate(self) -> None:
        tr = self.wizard_.lang.tr
        self.setTitle(tr("wizard.home_title"))
        current = self.kind.currentData() if self.kind.count() else self._initial_kind
        self.kind.clear()
        self.kind.addItem(tr("wizard.not_known"), "")
        for kind in AccommodationType:
            if kind != AccommodationType.UNKNOWN:  # that is the first item, "not known yet"
                self.kind.addItem(tr.choice("accommodation", kind), kind.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(current)))
        for name, label in self.labels.items():
            label.setText(tr(f"intake.field_{name}"))
        self.picker.retranslate()
        for need, box in self.needs.items():
            box.setText(tr.choice("need_area", need))
