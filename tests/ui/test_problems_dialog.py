"""The problems panel against a real central process: a refused change shown with its reason
in the user's language and its record, edited right there and sent again; another discarded
(the record back as the central has it, audited); a person edited in their usual screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlmodel import Session, select

from desktop.core.enums import AuditAction
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import AuditEvent, Person
from desktop.core.uow import UnitOfWork
from desktop.sync.problems import problems
from desktop.ui.person_dialog import PersonDialog
from desktop.ui.sync.problems_dialog import ProblemsDialog
from tests.core.test_intake import child, mother
from tests.sync.organisation import first_desktop, joined_desktop, organisation
from tests.sync.test_problems import HUGE, volunteer_device


def person(place, given="Yuliia") -> Person:
    with Session(place.session.engine) as db:
        return db.exec(select(Person).where(Person.given_name_lat == given)).one()


def edit(place, person_id, **values) -> None:
    with UnitOfWork(place.session.engine, place.session.actor) as uow:
        uow.update(uow.session.get(Person, person_id), **values)


def test_a_refused_change_is_edited_in_the_panel_and_sent_again(qtbot, lang, tasks, servers,
                                                                tmp_path):
    server = servers["sqlite"]
    refnis = organisation(server)
    a = first_desktop(server, tmp_path, refnis)
    try:
        a.services.intake.register(HouseholdInput(members=[mother(), child()]))
        a.sync()
        b = joined_desktop(server, tmp_path, refnis, "b")
        edit(a, person(a).id, last_place_in_ukraine=HUGE)
        edit(a, person(a, "Andrii").id, phone="+32 470 99 99 99")
        assert a.sync().pushed == {"rejected": 1, "applied": 1}
        dialog = ProblemsDialog(lang, a.services, tasks)
        qtbot.addWidget(dialog)
        assert dialog.table.rowCount() == 1
        row = [dialog.table.item(0, c).text() for c in range(4)]
        assert row[0] == "personne · SHEVCHENKO Yuliia (ШЕВЧЕНКО Юлія) · " + \
            a.file_numbers()[0]
        assert row[1] == lang.tr.labelled("Modification", "Dernier lieu en Ukraine")
        assert row[2] == lang.tr("sync.problem.too_large") and "Raccourcissez" in row[2]
        editor = dialog.editor.editor
        assert dialog.send_value.isVisibleTo(dialog) and editor.accessibleName()
        assert editor.maxLength() == 2_000  # a normal edit's limit (the service checks too)
        editor.clear()
        qtbot.keyClicks(editor, "Kharkiv")
        qtbot.mouseClick(dialog.send_value, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
        assert dialog.empty.isVisibleTo(dialog) and dialog.said.text()
        assert a.sync().pushed == {"applied": 1}
        b.sync()
        assert person(b).last_place_in_ukraine == "Kharkiv"
        assert person(b, "Andrii").phone == "+32 470 99 99 99"
        b.close()
    finally:
        a.close()


def test_a_refused_change_is_discarded_and_audited(qtbot, lang, tasks, servers, tmp_path):
    server = servers["sqlite"]
    refnis = organisation(server)
    a = first_desktop(server, tmp_path, refnis)
    a.services.intake.register(HouseholdInput(members=[mother(), child()]))
    a.sync()
    v = volunteer_device(server, tmp_path, refnis)
    try:
        edit(v, person(v).id, national_number="85073003328")
        assert v.sync().pushed == {"rejected": 1}
        dialog = ProblemsDialog(lang, v.services, tasks)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.table.item(0, 2).text() == lang.tr("sync.problem.restricted_field")
        assert dialog.editor is None  # not a value to correct: the way out is to discard
        assert not dialog.confirm_button.isVisibleTo(dialog)
        qtbot.mouseClick(dialog.discard_button, Qt.MouseButton.LeftButton)
        assert dialog.confirm_button.isVisibleTo(dialog)
        assert dialog.focusWidget() is dialog.confirm_button  # Space confirms, Tab moves on
        qtbot.keyClick(dialog.confirm_button, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
        assert person(v).national_number is None
        with Session(v.session.engine) as db:
            (event,) = db.exec(select(AuditEvent).where(
                AuditEvent.action == AuditAction.DISCARD)).all()
        assert event.actor_id == v.session.actor.user_id and event.entity == "person"
        assert problems(v.session.engine, v.session.actor) == []
    finally:
        v.close()
        a.close()


def test_a_person_is_edited_in_their_usual_screen_then_sent_again(qtbot, lang, tasks, servers,
                                                                  tmp_path):
    server = servers["sqlite"]
    a = first_desktop(server, tmp_path, organisation(server))
    try:
        a.services.intake.register(HouseholdInput(members=[mother(), child()]))
        a.sync()
        edit(a, person(a).id, last_place_in_ukraine=HUGE, phone="+32 470 55 55 55")
        assert a.sync().pushed == {"rejected": 1}
        dialog = ProblemsDialog(lang, a.services, tasks)
        qtbot.addWidget(dialog)
        assert dialog.editor is None and dialog.edit_button.isVisibleTo(dialog)
        screen = dialog.edit_current()
        assert isinstance(screen, PersonDialog)
        screen.details.fields["last_place_in_ukraine"].setText("Kharkiv")
        screen.save()
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
        assert a.sync().pushed == {"applied": 1}
        assert person(a).last_place_in_ukraine == "Kharkiv"
    finally:
        a.close()
