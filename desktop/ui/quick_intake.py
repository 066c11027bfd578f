"""Quick intake at a reception point: one keyboard-first screen for a new arrival. It makes
a case marked "to be completed" for the CPAS. Closing it keeps a draft; nothing typed is lost
by an error message."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import DraftKind, Relationship, SpecificNeedType
from desktop.core.intake import IntakeRejected
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.intake_rules import Problem
from desktop.services import Services
from desktop.ui.check_grid import check_grid
from desktop.ui.duplicate_list import DuplicateList
from desktop.ui.enter_key import enter_moves_on
from desktop.ui.language import UiLanguage
from desktop.ui.language_boxes import LanguageBoxes
from desktop.ui.member_row import MemberRow
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.shown_problems import ShownProblems
from desktop.ui.widgets import ErrorLabel, error_text

URGENT_NEEDS = (
    SpecificNeedType.UNACCOMPANIED_CHILD, SpecificNeedType.SERIOUS_MEDICAL_CONDITION,
    SpecificNeedType.PREGNANCY, SpecificNeedType.DISABILITY,
    SpecificNeedType.OLDER_PERSON_AT_RISK,
)  # fmt: skip


class QuickIntakeDialog(QDialog):
    registered = Signal(object)  # case id

    def __init__(self, lang: UiLanguage, services: Services, parent: QWidget | None = None,
                 draft_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services = lang, services
        self.draft_id = draft_id
        self.done_registering = False
        self._duplicates_shown = False
        self._problems: list[Problem] = []
        self._shown = ShownProblems()
        self.rows: list[MemberRow] = []
        self.rows_box = QVBoxLayout()
        self.rows_box.addStretch(1)  # rows stay together at the top
        rows_widget = QWidget()
        rows_widget.setLayout(self.rows_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows_widget)
        self.add_person = QPushButton()
        self.add_person.clicked.connect(lambda: self._add_row(PersonInput(
            relationship=Relationship.CHILD.value), focus=True))
        self.phone = QLineEdit()
        self.interpreter = QCheckBox()
        self.language_boxes = LanguageBoxes(lang, [self.interpreter])
        self.languages = self.language_boxes.boxes
        self.needs = {need: QCheckBox() for need in URGENT_NEEDS}
        self.tonight = QLineEdit()
        self.duplicates = DuplicateList(lang)
        self.open_case = self.duplicates.open_case
        self.error = ErrorLabel()
        self.register_button = QPushButton()
        self.register_button.setDefault(True)
        self.register_button.clicked.connect(self.register)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)

        self.contact_box = QGroupBox()
        contact = QFormLayout(self.contact_box)
        self.phone_label, self.languages_label, self.tonight_label = QLabel(), QLabel(), QLabel()
        self.phone_label.setBuddy(self.phone)
        self.tonight_label.setBuddy(self.tonight)
        contact.addRow(self.phone_label, self.phone)
        contact.addRow(self.languages_label, self.language_boxes)
        contact.addRow(self.tonight_label, self.tonight)
        self.needs_box = QGroupBox()
        needs = check_grid(self.needs.values(), 3)
        needs.setContentsMargins(9, 6, 9, 6)  # inside the group's frame
        self.needs_box.setLayout(needs)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_person)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        self.members_title = QLabel()
        layout.addWidget(self.members_title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.contact_box)
        layout.addWidget(self.needs_box)
        layout.addWidget(self.duplicates)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.register)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, activated=self.add_person.click)
        fit_to_screen(self, 1120, 640)
        lang.changed.connect(self.retranslate)
        household = services.drafts.load(draft_id) if draft_id else HouseholdInput()
        self.set_household(household)
        self.retranslate()
        self.rows[0].fields["surname_cyr"].setFocus()

    # -- form <-> input ---------------------------------------------------------------------

    def _add_row(self, person: PersonInput, focus: bool = False) -> MemberRow:
        row = MemberRow(self.lang, person, removable=bool(self.rows))
        for field in row.fields.values():
            field.editingFinished.connect(self.check_as_typed)
        row.remove.clicked.connect(lambda: self._remove_row(row))
        self.rows.append(row)
        self.rows_box.insertWidget(self.rows_box.count() - 1, row)
        if focus:
            row.fields["surname_cyr"].setFocus()
        return row

    def _remove_row(self, row: MemberRow) -> None:
        self._shown.member_removed(self.rows.index(row))
        self.rows.remove(row)
        row.setParent(None)
        row.deleteLater()

    def set_household(self, household: HouseholdInput) -> None:
        for member in household.members:
            self._add_row(member)
        head = household.members[0] if household.members else PersonInput()
        self.phone.setText(head.phone)
        self.language_boxes.set_codes(head.languages)
        self.interpreter.setChecked(head.interpreter_needed)
        for need, box in self.needs.items():
            box.setChecked(need.value in head.specific_needs)
        self.tonight.setText(household.sleeps_tonight)

    def household(self) -> HouseholdInput:
        members = [row.person() for row in self.rows]
        if members:
            head = members[0]
            head.phone = self.phone.text()
            head.contact_consent = bool(self.phone.text().strip())
            head.languages = self.language_boxes.codes()
            head.interpreter_needed = self.interpreter.isChecked()
            head.specific_needs = [n.value for n, box in self.needs.items() if box.isChecked()]
            head.urgent_need = bool(head.specific_needs)
            for member in members[1:]:
                member.languages = list(head.languages)
        return HouseholdInput(members=members, sleeps_tonight=self.tonight.text())

    def is_empty(self) -> bool:
        household = self.household()
        typed = [v for m in household.members for v in (
            m.surname_cyr, m.given_name_cyr, m.surname_lat, m.given_name_lat, m.birth_date)]
        ticked = any(box.isChecked() for box in (*self.needs.values(), self.interpreter))
        return not any(t.strip() for t in typed) and not self.tonight.text().strip() \
            and not self.phone.text().strip() and not ticked

    # -- registering ------------------------------------------------------------------------

    def register(self) -> None:
        household = self.household()
        problems = self.services.intake.check(household)
        self._show_problems(self._shown.on_submit(problems) +
                            self.services.intake.warnings(household))
        if problems:  # warnings are said, they never block
            return
        if not self._duplicates_shown:
            found = [(m, d) for m in household.members
                     for d in self.services.duplicates.find(m)]
            if found:
                self._show_duplicates(found)
                return
        try:
            case_id = self.services.intake.register(household, quick=True)
        except IntakeRejected as rejected:
            self._show_problems(self._shown.on_submit(rejected.problems))
            return
        except Exception as exc:  # noqa: BLE001 (said next to the buttons; the form stays)
            self.error.show_message(error_text(self.lang, exc))
            return
        if self.draft_id:
            self.services.drafts.discard(self.draft_id)
        self.done_registering = True
        self.registered.emit(case_id)
        self.accept()

    def check_as_typed(self) -> None:
        """On leaving a field: say what is wrong; what is missing only once Register said so
        (and then until it is filled)."""
        household = self.household()
        self._show_problems(self._shown.on_leave(self.services.intake.check(household)) +
                            self.services.intake.warnings(household))

    def _show_problems(self, problems: list[Problem]) -> None:
        self._problems = problems
        tr = self.lang.tr
        for index, row in enumerate(self.rows):
            mine = [p for p in problems if p.field.startswith(f"members.{index}.")]
            row.error.show_message("\n".join(tr(p.key, **p.params) for p in mine))
            for name, field in row.fields.items():
                wrong = any(p.field == f"members.{index}.{name}" and not p.warning
                            for p in mine)
                field.setStyleSheet("border: 1px solid #b00020;" if wrong else "")
        general = [p for p in problems if not p.field.startswith("members.")
                   or p.field == "members"]
        self.error.show_message("\n".join(tr(p.key, **p.params) for p in general))

    def _show_duplicates(self, found: list) -> None:
        self.duplicates.show_found(found)
        self._duplicates_shown = True
        self.register_button.setText(self.lang.tr("duplicate.register_anyway"))

    # -- closing keeps a draft --------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        self.keep_draft()
        super().closeEvent(event)

    def reject(self) -> None:
        self.keep_draft()
        super().reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter goes to the next field; registering is Ctrl+Enter or the button.
        if not enter_moves_on(self, event):
            super().keyPressEvent(event)

    def keep_draft(self) -> None:
        if self.done_registering or self.is_empty():
            return
        self.draft_id = self.services.drafts.save(DraftKind.QUICK_INTAKE, self.household(),
                                                  self.draft_id)

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.setWindowTitle(tr("quick.window_title"))
        self.members_title.setText(tr("quick.members"))
        self.add_person.setText(tr("intake.add_person"))
        self.contact_box.setTitle(tr("quick.contact"))
        self.phone_label.setText(tr("intake.field_phone"))
        self.phone.setAccessibleName(tr("intake.field_phone"))
        self.languages_label.setText(tr("intake.field_languages"))
        self.language_boxes.retranslate()
        self.interpreter.setText(tr("intake.field_interpreter"))
        self.tonight_label.setText(tr("quick.tonight"))
        self.tonight.setAccessibleName(tr("quick.tonight"))
        self.tonight.setPlaceholderText(tr("quick.tonight_hint"))
        self.needs_box.setTitle(tr("quick.urgent_needs"))
        for need, box in self.needs.items():
            box.setText(tr.choice("specific_need", need))
        self.register_button.setText(tr("duplicate.register_anyway" if self._duplicates_shown
                                        else "quick.register"))
        self.close_button.setText(tr("quick.close_keep_draft"))
        for row in self.rows:
            row.retranslate()
        self._show_problems(self._problems)
