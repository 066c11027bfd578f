"""The person edit dialog's fields stay inside its scroll area, at 1093x614 and at the
narrowest the dialog can be made: a long label goes above its field instead."""

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from sqlmodel import Session, select

from desktop.core.intake_input import HouseholdInput
from desktop.core.models import Person
from desktop.ui.person_dialog import PersonDialog
from tests.core.test_intake import mother


@pytest.mark.parametrize("code", ["fr", "nl", "de", "en", "uk"])
def test_no_field_runs_past_the_scroll_areas_edge(qtbot, lang, services, code):
    lang.set_language(code)  # the dialog is built in the language, as after a login in it
    services.intake.register(HouseholdInput(members=[mother()]))
    with Session(services.session.engine) as db:
        person_id = db.exec(select(Person.id)).one()
    dialog = PersonDialog(lang, services, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    details = dialog.details
    fields = [*details.fields.values(), *details.document.values(), details.document_type,
              details.other_spellings, details.language_boxes, details.consent]
    for size in (QSize(1093, 614 - 30), dialog.minimumSizeHint()):
        dialog.resize(size)
        QApplication.processEvents()
        room = details.viewport().width()
        assert details.horizontalScrollBar().maximum() == 0, (code, size)
        for field in fields:
            if field.isVisibleTo(dialog):
                right = field.mapTo(details.viewport(), field.rect().topRight()).x()
                assert right <= room, (code, size, field.accessibleName(), right, room)
    dialog.grab().save(f"/tmp/N-person-{code}.png")
