"""The social worker's intake: household and its members, then each person's details, then
accommodation, needs and first referrals, then a review with every problem and possible
duplicate before the household is registered. Closing keeps a draft."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.enums import DraftKind, Relationship
from desktop.core.intake import IntakeRejected
from desktop.core.intake_input import HouseholdInput, PersonInput, cleaned
from desktop.core.intake_rules import Problem
from desktop.core.problem_text import member_field, member_problem_text, problem_text
from desktop.core.roles import Permission
from desktop.services import Services
from desktop.ui.enter_key import enter_moves_on
from desktop.ui.intake_home_page import AccommodationPage
from desktop.ui.intake_review import ReviewPage
from desktop.ui.language import UiLanguage
from desktop.ui.member_row import NAME_FIELDS, MemberRow
from desktop.ui.person_details import PersonDetails
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.shown_problems import ShownProblems
from desktop.ui.widgets import ErrorLabel, error_text

# The fields of a household page's row, whose problems are said there: a Latin name too long
# was let through and said on the next page, where it cannot be corrected.
ROW_FIELDS = (*NAME_FIELDS, "birth_date")


class IntakeWizard(QWizard):
    registered = Signal(object)  # case id

    def __init__(self, lang: UiLanguage, services: Services, parent: QWidget | None = None,
                 draft_id: uuid.UUID | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.draft_id = lang, services, draft_id
        self.done_registering = False
        actor = services.session.actor
        self.household_input = services.drafts.load(draft_id) if draft_id \
            else HouseholdInput()
        self.members_page = MembersPage(self)
        self.details_page = DetailsPage(self, actor.can(Permission.VIEW_NATIONAL_NUMBER),
                                        actor.can(Permission.VIEW_NEED_DETAILS))
        self.home_page = AccommodationPage(self)
        self.review_page = ReviewPage(self)
        self.open_case = self.review_page.duplicates.open_case
        for page in (self.members_page, self.details_page, self.home_page, self.review_page):
            self.addPage(page)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        fit_to_screen(self, 1000, 720)
        lang.changed.connect(self.retranslate)
        self.retranslate()

    def collect(self) -> HouseholdInput:
        """The whole form as typed so far (every page contributes its part)."""
        household = self.household_input
        self.members_page.fill(household)
        self.details_page.fill(household)
        self.home_page.fill(household)
        return household

    def register(self) -> bool:
        household = self.collect()
        try:
            case_id = self.services.intake.register(household)
        except IntakeRejected as rejected:
            self.review_page.show_problems(rejected.problems)
            return False
        except Exception as exc:  # noqa: BLE001 (shown on the review page; the form stays)
            self.review_page.error.show_message(error_text(self.lang, exc))
            return False
        if self.draft_id:
            self.services.drafts.discard(self.draft_id)
        self.done_registering = True
        self.registered.emit(case_id)
        return True

    def keep_draft(self) -> None:
        if self.done_registering:
            return
        household = self.collect()
        if household.is_blank():  # a date of birth or an address alone is worth a draft
            return
        self.draft_id = self.services.drafts.save(DraftKind.INTAKE, household, self.draft_id)

    def reject(self) -> None:
        self.keep_draft()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.keep_draft()
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not enter_moves_on(self, event):  # Enter never skips to the next page
            super().keyPressEvent(event)

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.setWindowTitle(tr("wizard.window_title"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("setup.next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("setup.back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("wizard.register"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("quick.close_keep_draft"))
        for page in (self.members_page, self.details_page, self.home_page, self.review_page):
            page.retranslate()


class MembersPage(QWizardPage):
    def __init__(self, wizard: IntakeWizard) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.rows: list[MemberRow] = []
        self.box = QVBoxLayout()
        self.box.addStretch(1)
        self.add = QPushButton()
        self.add.clicked.connect(lambda: self._add(PersonInput(
            relationship=Relationship.CHILD.value), focus=True))
        self.in_ukraine = QSpinBox()
        self.in_ukraine.setRange(0, 30)
        self.in_ukraine_label = QLabel()
        self.in_ukraine_label.setBuddy(self.in_ukraine)
        self.error = ErrorLabel()
        self.shown = ShownProblems()
        bottom = QHBoxLayout()
        bottom.addWidget(self.add)
        bottom.addStretch(1)
        bottom.addWidget(self.in_ukraine_label)
        bottom.addWidget(self.in_ukraine)
        rows_widget = QWidget()
        rows_widget.setLayout(self.box)
        scroll = QScrollArea()  # a large family scrolls; the page keeps its height
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows_widget)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.error)
        for member in wizard.household_input.members:
            self._add(member)
        self.in_ukraine.setValue(wizard.household_input.members_in_ukraine)

    def _add(self, person: PersonInput, focus: bool = False) -> None:
        row = MemberRow(self.wizard_.lang, person, removable=bool(self.rows))
        row.remove.clicked.connect(lambda: self._remove(row))
        for field in row.fields.values():
            field.editingFinished.connect(self.check_as_typed)
        self.rows.append(row)
        self.box.insertWidget(self.box.count() - 1, row)
        if focus:
            row.fields["surname_cyr"].setFocus()

    def _remove(self, row: MemberRow) -> None:
        index = self.rows.index(row)
        self.shown.member_removed(index)
        self.rows.remove(row)
        del self.wizard_.household_input.members[index]
        self.wizard_.details_page.forget(index)
        row.setParent(None)
        row.deleteLater()

    def fill(self, household: HouseholdInput) -> None:
        while len(household.members) < len(self.rows):
            household.members.append(PersonInput())
        del household.members[len(self.rows):]
        for row, member in zip(self.rows, household.members, strict=True):
            row.person(member)
        household.members_in_ukraine = self.in_ukraine.value()

    def validatePage(self) -> bool:
        """Names, dates of birth and one head before going on; the rest can wait."""
        problems = self.show_problems()
        if not problems:
            self.wizard_.details_page.rebuild()
        return not problems

    def check_as_typed(self) -> None:
        self.show_problems(live=True)

    def show_problems(self, live: bool = False) -> list[Problem]:
        """On this page's fields; while typing (``live``), what is missing only once Next
        said so."""
        household = self.wizard_.collect()
        problems = [p for p in self.wizard_.services.intake.check(household)
                    if p.field == "members" or p.field.split(".")[-1] in ROW_FIELDS]
        problems = (self.shown.on_leave if live else self.shown.on_submit)(problems)
        # Ages that hardly fit the relationships: said under the person, never blocking.
        said = problems + self.wizard_.services.intake.warnings(household)
        tr = self.wizard_.lang.tr
        for index, row in enumerate(self.rows):
            mine = [p for p in said if p.field.startswith(f"members.{index}.")]
            row.error.show_message("\n".join(problem_text(tr, p) for p in mine))
        general = [p for p in problems if p.field == "members"]
        self.error.show_message("\n".join(tr(p.key, **p.params) for p in general))
        return problems

    def retranslate(self) -> None:
        tr = self.wizard_.lang.tr
        self.setTitle(tr("wizard.members_title"))
        self.setSubTitle(tr("quick.members"))
        self.add.setText(tr("intake.add_person"))
        self.in_ukraine_label.setText(tr("intake.field_members_in_ukraine"))
        for row in self.rows:
            row.retranslate()


class DetailsPage(QWizardPage):
    def __init__(self, wizard: IntakeWizard, show_nrn: bool, show_details: bool) -> None:
        super().__init__()
        self.wizard_ = wizard
        self.show_nrn, self.show_details = show_nrn, show_details
        self.tabs = QTabWidget()
        self.forms: list[PersonDetails] = []
        self.shown = ShownProblems()
        QVBoxLayout(self).addWidget(self.tabs)

    def rebuild(self) -> None:
        """One tab per member, keeping what was already typed in existing tabs."""
        household = self.wizard_.household_input
        for form, member in zip(self.forms, household.members, strict=False):
            form.fill(member)
        self.tabs.clear()
        self.forms = []
        for member in household.members:
            form = PersonDetails(self.wizard_.lang, self.show_nrn, self.show_details)
            form.set_person(member)
            for field in form.findChildren(QLineEdit):
                field.editingFinished.connect(self.check_as_typed)
            self.forms.append(form)
            saved = cleaned(member)  # named as it will be saved (a U+202E reversed it)
            name = " ".join(p for p in (saved.given_name_lat or saved.given_name_cyr,
                                        saved.surname_lat or saved.surname_cyr) if p)
            self.tabs.addTab(form, name)

    def fill(self, household: HouseholdInput) -> None:
        for form, member in zip(self.forms, household.members, strict=False):
            form.fill(member)

    def forget(self, index: int) -> None:
        """A member was removed: drop their tab, so the others keep their own details."""
        self.shown.member_removed(index)
        if index < len(self.forms):
            self.tabs.removeTab(index)
            self.forms.pop(index).deleteLater()

    def check_as_typed(self) -> None:
        self.show_problems(live=True)

    def show_problems(self, live: bool = False) -> int | None:
        """Messages by each person's fields; returns the first tab with a problem. While
        typing (``live``), what is wrong, and what is missing only once Next said so."""
        household = self.wizard_.collect()
        problems = [p for p in self.wizard_.services.intake.check(household)
                    if p.field.startswith("members.")]
        problems = (self.shown.on_leave if live else self.shown.on_submit)(problems)
        tr = self.wizard_.lang.tr
        first_wrong = None
        for index, form in enumerate(self.forms):
            mine = [p for p in problems if p.field.startswith(f"members.{index}.")]
            form.error.show_message("\n".join(member_problem_text(tr, p) for p in mine))
            form.mark({member_field(p) for p in mine})
            if mine and first_wrong is None:
                first_wrong = index
        return first_wrong

    def validatePage(self) -> bool:
        first_wrong = self.show_problems()
        if first_wrong is not None:
            self.tabs.setCurrentIndex(first_wrong)
            return False
        return True

    def retranslate(self) -> None:
        self.setTitle(self.wizard_.lang.tr("wizard.details_title"))
        for form in self.forms:
            form.retranslate()
