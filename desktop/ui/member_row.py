"""One person of a household in a form: names in Cyrillic with the Latin spelling proposed
(Ukrainian standard of 2010) and kept editable, date of birth, sex, relationship."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.core.enums import Relationship, Sex
from desktop.core.intake_input import PersonInput
from desktop.core.names import passport_latin
from desktop.ui.language import UiLanguage
from desktop.ui.widgets import ErrorLabel, show_placeholder

NAME_FIELDS = ("surname_cyr", "given_name_cyr", "surname_lat", "given_name_lat")


class MemberRow(QWidget):
    def __init__(self, lang: UiLanguage, person: PersonInput, removable: bool) -> None:
        super().__init__()
        self.lang = lang
        self.fields: dict[str, QLineEdit] = {name: QLineEdit() for name in
                                             (*NAME_FIELDS, "birth_date")}
        self._latin_touched = {"surname_lat": False, "given_name_lat": False}
        self.sex = QComboBox()
        self.relationship = QComboBox()
        self.remove = QPushButton()
        self.remove.setVisible(removable)
        self.error = ErrorLabel()
        self.labels = {name: QLabel() for name in (*NAME_FIELDS, "birth_date", "sex",
                                                    "relationship")}
        # Labels above their fields: the row fits a 1093-pixel screen (1366x768 at 125 %)
        # with the longest labels (Ukrainian, German), and no label is cut. What is typed
        # first is on the first line, in keyboard order.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 4)
        grid.setVerticalSpacing(2)
        places = {"surname_cyr": (0, 0), "given_name_cyr": (0, 1), "birth_date": (0, 2),
                  "sex": (0, 3), "relationship": (0, 4), "surname_lat": (2, 0),
                  "given_name_lat": (2, 1)}
        widgets = {**self.fields, "sex": self.sex, "relationship": self.relationship}
        for name, (row, column) in places.items():
            self.labels[name].setBuddy(widgets[name])
            grid.addWidget(self.labels[name], row, column)
            grid.addWidget(widgets[name], row + 1, column)
        grid.addWidget(self.remove, 3, 4)
        grid.addWidget(self.error, 4, 0, 1, 5)
        for column in range(5):
            grid.setColumnStretch(column, 1)
        for field in self.fields.values():
            field.setMinimumWidth(120)
        # Keyboard order: what is typed first (Cyrillic names, birth, sex, relationship),
        # then the Latin spellings, which are usually already proposed.
        chain = [self.fields["surname_cyr"], self.fields["given_name_cyr"],
                 self.fields["birth_date"], self.sex, self.relationship,
                 self.fields["surname_lat"], self.fields["given_name_lat"], self.remove]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.fields["surname_cyr"].textEdited.connect(lambda t: self._propose("surname_lat", t))
        self.fields["given_name_cyr"].textEdited.connect(
            lambda t: self._propose("given_name_lat", t))
        for name in self._latin_touched:
            self.fields[name].textEdited.connect(
                lambda _t, n=name: self._latin_touched.__setitem__(n, True))
        self.retranslate()
        self.set_person(person)

    def _propose(self, latin_field: str, cyrillic: str) -> None:
        """Until the person edits the Latin spelling themselves, it follows the Cyrillic."""
        if not self._latin_touched[latin_field]:
            self.fields[latin_field].setText(passport_latin(cyrillic.strip()))

    def set_person(self, person: PersonInput) -> None:
        for name, field in self.fields.items():
            field.setText(getattr(person, name))
        for name in self._latin_touched:
            proposed = passport_latin(getattr(person, name.replace("_lat", "_cyr")))
            self._latin_touched[name] = self.fields[name].text() not in ("", proposed)
        self.sex.setCurrentIndex(max(0, self.sex.findData(person.sex)))
        self.relationship.setCurrentIndex(max(0, self.relationship.findData(person.relationship)))

    def person(self, base: PersonInput | None = None) -> PersonInput:
        person = base or PersonInput()
        for name, field in self.fields.items():
            setattr(person, name, field.text())
        person.sex = self.sex.currentData()
        person.relationship = self.relationship.currentData()
        person.dependant = person.relationship == Relationship.CHILD
        return person

    def retranslate(self) -> None:
        tr = self.lang.tr
        for name, label in self.labels.items():
            label.setText(tr(f"intake.field_{name}"))
        for name, field in self.fields.items():
            field.setAccessibleName(tr(f"intake.field_{name}"))
        show_placeholder(self.fields["birth_date"], tr("intake.birth_date_hint"))
        for combo, enum, prefix in ((self.sex, Sex, "sex"),
                                    (self.relationship, Relationship, "relationship")):
            current = combo.currentData()
            combo.clear()
            for value in enum:
                combo.addItem(tr.choice(prefix, value), value.value)
            combo.setCurrentIndex(max(0, combo.findData(current)))
        self.sex.setAccessibleName(tr("intake.field_sex"))
        self.relationship.setAccessibleName(tr("intake.field_relationship"))
        self.remove.setText(tr("intake.remove_person"))
