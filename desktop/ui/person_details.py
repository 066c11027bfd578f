"""Everything about one person in the full intake: patronymic and other spellings, national
register number (social workers only), a document, the protection path, arrival, languages,
contact with consent, specific needs. The Latin patronymic follows the Cyrillic until edited."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import DocumentType, SpecificNeedType
from desktop.core.intake_input import DocumentInput, PersonInput
from desktop.core.names import passport_latin
from desktop.ui.language import UiLanguage
from desktop.ui.language_boxes import LanguageBoxes
from desktop.ui.widgets import ErrorLabel, show_placeholder

TEXT_FIELDS = (
    "patronymic_cyr", "patronymic_lat", "national_number", "attestation_on",
    "annex15_issued_on", "annex15_expires_on", "a_card_number", "a_card_issued_on",
    "a_card_expires_on", "left_ukraine_on", "arrived_on", "last_place_in_ukraine", "phone",
    "email", "messaging", "specific_need_details",
)  # fmt: skip
DOCUMENT_FIELDS = ("number", "issued_on", "expires_on")
_OUTLINE = "border: 1px solid #b00020;"


class PersonDetails(QScrollArea):
    def __init__(self, lang: UiLanguage, show_national_number: bool,
                 show_need_details: bool) -> None:
        super().__init__()
        self.lang = lang
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        self.fields = {name: QLineEdit() for name in TEXT_FIELDS}
        self.other_spellings = QLineEdit()
        self.document_type = QComboBox()
        self.document = {name: QLineEdit() for name in DOCUMENT_FIELDS}
        self.interpreter = QCheckBox()
        self.language_boxes = LanguageBoxes(lang, [self.interpreter])
        self.languages = self.language_boxes.boxes
        self.consent = QCheckBox()
        self.needs = {need: QCheckBox() for need in SpecificNeedType}
        self.urgent = QCheckBox()
        self.error = ErrorLabel()
        self._patronymic_touched = False
        self._had_document = False
        self.fields["patronymic_cyr"].textEdited.connect(self._propose)
        self.fields["patronymic_lat"].textEdited.connect(
            lambda _t: setattr(self, "_patronymic_touched", True))
        self.form = QFormLayout()
        # A label goes above its field when both do not fit side by side (German labels, a
        # narrow window), rather than pushing the fields past the scroll area's edge.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rows: dict[str, QWidget] = {}
        for name in ("patronymic_cyr", "patronymic_lat"):
            self._row(name, self.fields[name])
        self._row("other_spellings", self.other_spellings)
        if show_national_number:
            self._row("national_number", self.fields["national_number"])
        document_row = QHBoxLayout()
        document_row.addWidget(self.document_type)
        for widget in self.document.values():
            document_row.addWidget(widget)
        self._row("document", document_row)
        for name in ("attestation_on", "annex15_issued_on", "annex15_expires_on",
                     "a_card_number", "a_card_issued_on", "a_card_expires_on",
                     "left_ukraine_on", "arrived_on", "last_place_in_ukraine"):
            self._row(name, self.fields[name])
        self._row("languages", self.language_boxes)
        for name in ("phone", "email", "messaging"):
            self._row(name, self.fields[name])
        self._row("consent", self.consent)
        needs_box = QVBoxLayout()
        for box in (*self.needs.values(), self.urgent):
            needs_box.addWidget(box)
        self._row("specific_needs", needs_box)
        if show_need_details:
            self._row("specific_need_details", self.fields["specific_need_details"])
        layout = QVBoxLayout(body)
        layout.addWidget(self.error)  # on top: seen without scrolling
        layout.addLayout(self.form)
        layout.addStretch(1)
        self.retranslate()

    def _row(self, name: str, field: QWidget | QLayout) -> None:
        label = QLabel()
        self.rows[name] = label
        if isinstance(field, QWidget):
            label.setBuddy(field)
        self.form.addRow(label, field)

    def _propose(self, cyrillic: str) -> None:
        if not self._patronymic_touched:
            self.fields["patronymic_lat"].setText(passport_latin(cyrillic.strip()))

    def set_person(self, person: PersonInput) -> None:
        for name, field in self.fields.items():
            field.setText(getattr(person, name))
        self._patronymic_touched = person.patronymic_lat not in (
            "", passport_latin(person.patronymic_cyr))
        self.other_spellings.setText(", ".join(person.other_spellings))
        self._had_document = bool(person.documents)
        document = person.documents[0] if person.documents else DocumentInput()
        self.document_type.setCurrentIndex(max(0, self.document_type.findData(
            document.document_type)))
        for name, field in self.document.items():
            field.setText(getattr(document, name))
        self.language_boxes.set_codes(person.languages)
        self.interpreter.setChecked(person.interpreter_needed)
        self.consent.setChecked(person.contact_consent)
        for need, box in self.needs.items():
            box.setChecked(need.value in person.specific_needs)
        self.urgent.setChecked(person.urgent_need)

    def fill(self, person: PersonInput) -> PersonInput:
        for name, field in self.fields.items():
            setattr(person, name, field.text())
        person.other_spellings = [s.strip() for s in self.other_spellings.text().split(",")
                                  if s.strip()]
        document = DocumentInput(
            document_type=self.document_type.currentData(),
            number=self.document["number"].text().strip(),
            issued_on=self.document["issued_on"].text(),
            expires_on=self.document["expires_on"].text())
        # Kept when anything of it was typed or chosen, or when a stored one was emptied:
        # dates without a number, or an erased number, are said ("number required").
        typed = (document.number + document.issued_on + document.expires_on).strip() or \
            document.document_type != DocumentInput().document_type or self._had_document
        person.documents = [document] if typed else []
        person.languages = self.language_boxes.codes()
        person.interpreter_needed = self.interpreter.isChecked()
        person.contact_consent = self.consent.isChecked()
        person.specific_needs = [n.value for n, box in self.needs.items() if box.isChecked()]
        person.urgent_need = self.urgent.isChecked()
        return person

    def mark(self, wrong_fields: set[str]) -> None:
        """Outline the fields that have a problem ('national_number', 'documents', …)."""
        for name, field in self.fields.items():
            field.setStyleSheet(_OUTLINE if name in wrong_fields else "")
        for field in self.document.values():
            field.setStyleSheet(_OUTLINE if "documents" in wrong_fields else "")

    def retranslate(self) -> None:
        tr = self.lang.tr
        for name, label in self.rows.items():
            label.setText(tr(f"intake.field_{name}"))
        for name, field in self.fields.items():
            field.setAccessibleName(tr(f"intake.field_{name}"))
        for name in ("attestation_on", "annex15_issued_on", "a_card_issued_on",
                     "a_card_expires_on", "left_ukraine_on", "arrived_on"):
            self.fields[name].setPlaceholderText(tr("intake.date_hint"))
        self.fields["annex15_expires_on"].setPlaceholderText(tr("intake.annex15_auto"))
        self.other_spellings.setPlaceholderText(tr("intake.other_spellings_hint"))
        self.other_spellings.setAccessibleName(tr("intake.field_other_spellings"))
        current = self.document_type.currentData()
        self.document_type.clear()
        for kind in DocumentType:
            self.document_type.addItem(tr.choice("document_type", kind), kind.value)
        self.document_type.setCurrentIndex(max(0, self.document_type.findData(current)))
        self.document_type.setAccessibleName(tr("intake.field_document"))
        for name, field in self.document.items():
            show_placeholder(field, tr(f"intake.document_{name}"))
            field.setAccessibleName(tr(f"intake.document_{name}"))
        self.language_boxes.retranslate()
        self.interpreter.setText(tr("intake.field_interpreter"))
        self.consent.setText(tr("intake.consent_text"))
        for need, box in self.needs.items():
            box.setText(tr.choice("specific_need", need))
        self.urgent.setText(tr("intake.urgent"))
