"""Edit a registered person from the case file, with the intake's fields and checks."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.core.intake import IntakeRejected
from desktop.core.problem_text import member_field, member_problem_text
from desktop.core.roles import Permission
from desktop.services import Services
from desktop.ui.language import UiLanguage
from desktop.ui.member_row import MemberRow
from desktop.ui.person_details import PersonDetails
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.unsaved import UnsavedChanges
from desktop.ui.widgets import ErrorLabel, error_text


class PersonDialog(QDialog):
    def __init__(self, lang: UiLanguage, services: Services, person_id: uuid.UUID,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.person_id = lang, services, person_id
        actor = services.session.actor
        self.form_input = services.people.form(person_id, lang.code)
        self.row = MemberRow(lang, self.form_input, removable=False)
        self.row.relationship.setEnabled(False)  # a household's composition is not edited here
        self.details = PersonDetails(lang, actor.can(Permission.VIEW_NATIONAL_NUMBER),
                                     actor.can(Permission.VIEW_NEED_DETAILS))
        self.details.set_person(self.form_input)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.row)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setWindowTitle(lang.tr("person.edit_title"))
        fit_to_screen(self, 1000, 720)
        self.unsaved = UnsavedChanges(lang, self)

    def reject(self) -> None:
        # Escape, Cancel and the close button all come here: edits are not dropped unasked.
        if self.unsaved.confirm_close(super().reject):
            super().reject()

    def save(self) -> None:
        form = self.details.fill(self.row.person(self.form_input))
        try:
            self.services.people.save(self.person_id, form)
        except IntakeRejected as rejected:
            tr = self.lang.tr
            self.error.show_message("\n".join(
                member_problem_text(tr, p) for p in rejected.problems))
            self.details.mark({member_field(p) for p in rejected.problems})
            return
        except Exception as exc:  # noqa: BLE001 (shown; the form keeps what was typed)
            self.error.show_message(error_text(self.lang, exc))
            return
        self.accept()
