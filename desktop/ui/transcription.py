"""Typing a paper intake form back in: the fields in the paper's order with the numbers
printed on the paper (A3, 2.4) before their labels, so the eye goes down the sheet while the
hands Tab (or Enter) through the screen. The
reference printed on the sheet links the file to it. The same screen shows a filled PDF
form before it is registered. Checks and the duplicate search are the intake's own."""

from __future__ import annotations

import html
import uuid
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import RelaisError
from desktop.documents.form_fields import (
    HOUSEHOLD,
    PERSONS,
    FormField,
    household_fields,
    person_fields,
    refs,
)
from desktop.exchange.fillable import FilledForm
from desktop.exchange.summaries import fillable_summary
from desktop.services import Services
from desktop.ui.duplicate_list import DuplicateList
from desktop.ui.enter_key import enter_moves_on
from desktop.ui.file_dialogs import ask_open_path
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.unsaved import UnsavedChanges
from desktop.ui.widgets import ErrorLabel, emphasise, error_text

FieldWidget = QLineEdit | QComboBox | QCheckBox
WRONG = "border: 1px solid #b00020;"


class TranscriptionDialog(QDialog):
    registered = Signal(object)  # case id
    open_case = Signal(object)

    def __init__(self, lang: UiLanguage, services: Services,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services = lang, services
        tr = lang.tr
        self.setWindowTitle(tr("transcription.title"))
        self.reference = QLineEdit()
        self.reference.setPlaceholderText("P-XXXX-XXXX")
        self.reference.setAccessibleName(tr("doc.reference"))
        self.widgets: dict[str, FieldWidget] = {"reference": self.reference}
        self.labels: dict[str, str] = {"reference": tr("doc.reference")}
        form = QFormLayout()
        form.addRow(self._label("doc.reference", "", self.reference), self.reference)
        form.addRow(emphasise(QLabel(f"{HOUSEHOLD}. {tr('doc.household')}"), 1))
        for field in household_fields():
            self._add(form, field)
        for number in range(1, PERSONS + 1):
            form.addRow(emphasise(QLabel(f"{number}."), 1))
            for field in person_fields(number):
                self._add(form, field)
        holder = QWidget()
        holder.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(holder)
        scroll.setWidgetResizable(True)
        self.error = ErrorLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.duplicates = DuplicateList(lang)
        self.duplicates.open_case.connect(self.open_case)
        self.check_button = QPushButton(tr("transcription.check"))
        self.register_button = QPushButton(tr("transcription.register"))
        self.next_button = QPushButton(tr("transcription.next"))
        close = QPushButton(tr("exporter.close"))
        self.check_button.clicked.connect(self.check)
        self.register_button.clicked.connect(self.register)
        self.next_button.clicked.connect(self.clear)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.check_button, self.register_button, self.next_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        hint = QLabel(tr("transcription.hint"))
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.form: FilledForm | None = None
        fit_to_screen(self, 760, 860)
        self.unsaved = UnsavedChanges(lang, self, self.widgets.values())

    def reject(self) -> None:
        # Close, Escape and the close button: a form typed and not registered is not lost.
        if self.unsaved.confirm_close(super().reject):
            super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter goes down the sheet to the next field; it never checks nor registers.
        if not enter_moves_on(self, event):
            super().keyPressEvent(event)

    def _label(self, key: str, ref: str, buddy: QWidget) -> QLabel:
        """The label with the number printed beside it on the paper, small before it."""
        text = html.escape(self.lang.tr(key))
        label = QLabel(f"<small style='color:#666'><b>{ref}</b></small>&nbsp;&nbsp;{text}"
                       if ref else text)
        label.setBuddy(buddy)
        return label

    def _add(self, form: QFormLayout, field: FormField) -> None:
        tr = self.lang.tr
        widget: FieldWidget
        if field.checkbox:
            widget = QCheckBox()
        elif field.choices:
            widget = QComboBox()
            widget.addItem("", "")
            for value in field.choices:
                widget.addItem(tr(f"{field.choice_prefix}.{value}"), value)
        else:
            widget = QLineEdit()
            if field.hint:
                widget.setPlaceholderText(tr("intake.date_hint"))
        widget.setAccessibleName(tr(field.label_key))
        self.widgets[field.name] = widget
        self.labels[field.name] = tr(field.label_key)
        form.addRow(self._label(field.label_key, field.ref, widget), widget)

    # -- values -----------------------------------------------------------------------------

    def values(self) -> dict[str, str]:
        found = {}
        for name, widget in self.widgets.items():
            if isinstance(widget, QCheckBox):
                found[name] = "yes" if widget.isChecked() else ""
            elif isinstance(widget, QComboBox):
                found[name] = widget.currentData() or ""
            else:
                found[name] = widget.text()
        return found

    def load(self, values: dict[str, str]) -> None:
        """Shows a filled PDF's values; a choice written in another way stays visible as
        typed so the check can say what is wrong with it."""
        for name, value in values.items():
            widget = self.widgets.get(name)
            if isinstance(widget, QCheckBox):
                widget.setChecked(value not in ("", "/Off", "Off"))
            elif isinstance(widget, QComboBox):
                index = widget.findData(value)
                if index < 0:
                    index = widget.findText(value.split(" / ")[0])
                if index < 0 and value:
                    widget.addItem(value, value)
                    index = widget.count() - 1
                widget.setCurrentIndex(max(index, 0))
            elif isinstance(widget, QLineEdit):
                widget.setText(value)

    def load_pdf(self, path: Path | None = None) -> bool:
        if path is None:
            path = ask_open_path(self, self.lang, self.lang.tr("transcription.open_pdf"),
                                 "*.pdf")
            if path is None:
                return False
        try:
            self.load(self.services.fillable.read_values(path))
        except RelaisError as exc:
            self.error.show_message(error_text(self.lang, exc))
            return False
        self.unsaved.mark_saved()  # read from a file, which still holds it
        self.check()
        return True

    def clear(self) -> None:
        for widget in self.widgets.values():
            if isinstance(widget, QCheckBox):
                widget.setChecked(False)
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(0)
            else:
                widget.clear()
        self._show(None)
        self.status.clear()
        self.reference.setFocus()
        self.unsaved.mark_saved()

    # -- checking and registering -----------------------------------------------------------

    def check(self) -> FilledForm | None:
        try:
            self.form = self.services.fillable.from_values(self.values())
        except RelaisError as exc:
            self.error.show_message(error_text(self.lang, exc))
            return None
        self._show(self.form)
        return self.form

    def _show(self, form: FilledForm | None) -> None:
        tr = self.lang.tr
        for widget in self.widgets.values():
            widget.setStyleSheet("")
        problems = form.problems if form else []
        lines = []
        numbers = refs()
        for problem in problems:
            widget = self.widgets.get(problem.field)
            if widget is not None:
                widget.setStyleSheet(WRONG)
            where = self.labels.get(problem.field, "")
            number = numbers.get(problem.field, "")
            said = tr(problem.key, **problem.params)
            lines.append(tr.labelled(" · ".join(filter(None, (number, where))), said)
                         if where else said)
        self.error.show_message("\n".join(lines))
        if problems and (widget := self.widgets.get(problems[0].field)) is not None:
            widget.setFocus()
        found = [(form.household.members[number - 1], duplicate)
                 for number, duplicates in (form.duplicates.items() if form else [])
                 for duplicate in duplicates]
        self.duplicates.show_found(found)
        if form and not problems:
            self.status.setText(fillable_summary(tr, form.persons, 0, len(found)))

    def register(self) -> uuid.UUID | None:
        """Checks again (someone may have typed since) and registers when nothing is wrong;
        possible duplicates were shown by the check before this button is pressed."""
        shown = self.form
        form = self.check()
        if form is None or form.problems:
            return None
        if form.duplicates and (shown is None or not shown.duplicates):
            return None  # new duplicates: let the worker look first, a second click goes on
        try:
            case_id = self.services.fillable.register(form)
        except RelaisError as exc:
            self.error.show_message(error_text(self.lang, exc))
            return None
        file_number = self.services.case_files.open(case_id).case.file_number
        self.status.setText(self.lang.tr("fillable.registered", file_number=file_number))
        self.form = None
        self.unsaved.mark_saved()
        self.registered.emit(case_id)
        return case_id
