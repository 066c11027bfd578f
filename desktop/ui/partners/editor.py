"""Adding or changing one entry of the CPAS's own directory (administrators). The form keeps
what was typed; a problem is said under the form and its field is focused."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.date_text import display_date
from desktop.core.enums import PartnerKind
from desktop.core.errors import ValidationError
from desktop.core.models import PartnerService
from desktop.core.partners import PartnerDirectory
from desktop.core.partners.entry import TEXT_LIMITS
from desktop.core.partners.typed import typed_entry
from desktop.core.reference import ReferenceData
from desktop.ui.language import UiLanguage
from desktop.ui.language_boxes import LanguageBoxes
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.unsaved import UnsavedChanges
from desktop.ui.widgets import ErrorLabel, error_text

# Text fields in the form's order, with the label each takes.
FIELDS = ("name", "street", "postal_code", "municipality", "municipalities", "phone", "email",
          "website", "opening_hours", "waiting", "waiting_days", "verified_on")
LABELS = {"municipality": "partners.column_municipality",
          "municipalities": "field.municipalities", "street": "partners.column_street"}
MAX_LENGTH = {**TEXT_LIMITS, "municipality": 200, "municipalities": 5_000,
              "waiting_days": 5, "verified_on": 10}
# Which box a service's problem is about (its field name -> ours).
FIELD_OF = {"municipality_refnis": "municipality"}


class PartnerEditor(QDialog):
    def __init__(self, lang: UiLanguage, directory: PartnerDirectory,
                 reference: ReferenceData, partner: PartnerService | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.directory, self.reference = lang, directory, reference
        self.partner_id: uuid.UUID | None = partner.id if partner else None
        tr = lang.tr
        self.kind = QComboBox()
        for value in PartnerKind:
            self.kind.addItem(tr.choice("partner_kind", value), value)
        self.fields = {name: QLineEdit() for name in FIELDS}
        for name, field in self.fields.items():
            field.setMaxLength(MAX_LENGTH.get(name, 2_000))
        self.fields["verified_on"].setPlaceholderText(tr("partners.date_placeholder"))
        self.fields["municipalities"].setPlaceholderText(tr("partners.served_placeholder"))
        self.languages = LanguageBoxes(lang, columns=3)
        self.languages.retranslate()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(tr("field.kind"), self.kind)
        self.kind.setAccessibleName(tr("field.kind"))
        for name in FIELDS:
            label = tr(LABELS.get(name, f"field.{name}"))
            self.fields[name].setAccessibleName(label)
            form.addRow(label, self.fields[name])
            if name == "website":
                form.addRow(tr("field.languages"), self.languages)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("partners.save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("partners.cancel"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(tr("partners.edit_title" if partner else "partners.add_title"))
        if partner is not None:
            self._fill(partner)
        fit_to_screen(self, 640, 700)
        self.unsaved = UnsavedChanges(lang, self)

    def _fill(self, partner: PartnerService) -> None:
        lang = self.lang.code
        self.kind.setCurrentIndex(self.kind.findData(partner.kind))
        place = self.reference.municipality(partner.municipality_refnis)
        served = [self.reference.municipality(c) for c in partner.municipalities or []]
        values = {
            "name": partner.name, "street": partner.street, "postal_code": partner.postal_code,
            "municipality": place.name(lang) if place else partner.municipality_refnis,
            "municipalities": ", ".join(m.name(lang) for m in served if m),
            "phone": partner.phone, "email": partner.email, "website": partner.website,
            "opening_hours": partner.opening_hours, "waiting": partner.waiting,
            "waiting_days": "" if partner.waiting_days is None else str(partner.waiting_days),
            "verified_on": display_date(partner.verified_on, self.lang.code)}
        for name, value in values.items():
            self.fields[name].setText(value)
        self.languages.set_codes(partner.languages or [])

    def texts(self) -> dict[str, str]:
        return {name: field.text() for name, field in self.fields.items()}

    def save(self) -> None:
        try:
            entry = typed_entry(self.reference, self.kind.currentData(), self.texts(),
                                self.languages.codes())
            if self.partner_id is None:
                self.partner_id = self.directory.add(entry)
            else:
                self.directory.edit(self.partner_id, entry)
        except ValidationError as problem:
            self.error.show_message(error_text(self.lang, problem))
            field = self.fields.get(FIELD_OF.get(problem.field or "", problem.field or ""))
            if field is not None:
                field.setFocus()
            return
        except Exception as exc:  # noqa: BLE001 (said; the form keeps what was typed)
            self.error.show_message(error_text(self.lang, exc))
            return
        self.unsaved.mark_saved()
        self.accept()

    def reject(self) -> None:
        # Escape, Cancel and the close button all come here: edits are not dropped unasked.
        if self.unsaved.confirm_close(super().reject):
            super().reject()
