"""The administrator's retention dialog and a person's erasure on request from the case
window: nothing happens before an explicit confirmation, the run goes off the GUI thread."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox
from sqlmodel import Session, select

from desktop.core.enums import RetentionKind, Role
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.models import Person
from desktop.ui.case_window import CaseWindow
from tests.conftest import login_as
from tests.ui.test_accessibility import unnamed


def _anonymised(services) -> int:
    with Session(services.session.engine) as db:
        return len(db.exec(select(Person).where(Person.anonymised_at.is_not(None))).all())


def _press(box: QMessageBox, role: QMessageBox.ButtonRole) -> None:
    button = next(b for b in box.buttons() if box.buttonRole(b) == role)
    button.click()


def test_rules_preview_and_apply_after_confirmation(qtbot, services, make_main):
    services.demo.generate(150, seed=4)
    window = make_main(services)
    dialog = window.open_retention()
    assert unnamed(dialog) == []
    assert not dialog.apply_button.isEnabled()
    assert not any(check.isChecked() for check in dialog.enabled.values())  # off by default
    dialog.enabled[RetentionKind.CLOSED_FILES].setChecked(True)
    dialog.after[RetentionKind.CLOSED_FILES].setValue(1)
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.apply_button.isEnabled(), timeout=20_000)
    due = len(dialog.preview.persons)
    assert due > 0 and dialog.table.rowCount() == due
    assert services.retention.rules()[RetentionKind.CLOSED_FILES].enabled  # saved
    assert _anonymised(services) == 0  # a preview changes nothing

    box = dialog.ask_to_apply()
    assert str(due) in box.text()
    _press(box, QMessageBox.ButtonRole.RejectRole)
    assert _anonymised(services) == 0  # cancelled

    dialog.ask_to_apply()
    _press(dialog.findChildren(QMessageBox)[-1], QMessageBox.ButtonRole.DestructiveRole)
    qtbot.waitUntil(lambda: _anonymised(services) == due and dialog.save_button.isEnabled(),
                    timeout=30_000)
    assert not dialog.apply_button.isEnabled()


def test_one_person_anonymised_from_the_case_window(qtbot, lang, services):
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_cyr="Коваль", given_name_cyr="Назар", surname_lat="Koval",
        given_name_lat="Nazar", birth_date="14/05/1990")]))
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.show()
    assert window.anonymise_button.isVisible()
    window.people.selectRow(0)
    box = window.anonymise_person()
    assert "KOVAL Nazar" in box.text()
    _press(box, QMessageBox.ButtonRole.DestructiveRole)
    assert _anonymised(services) == 1
    assert window.people.item(0, 0).text() == lang.tr("person.anonymised")
    assert window.people.item(0, 2).text() == "05/1990"  # month and year: the age band stays
    assert services.search.search("Koval Nazar") == []


def test_a_social_worker_has_no_anonymise_button(qtbot, lang, services, vault):
    worker = login_as(vault, services, "worker", Role.SOCIAL_WORKER)
    case_id = worker.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]))
    window = CaseWindow(lang, worker, case_id)
    qtbot.addWidget(window)
    window.show()
    assert not window.anonymise_button.isVisible()
    assert window.anonymise_person() is None


def test_the_case_list_names_an_anonymised_head_in_words(make_main, services, lang):
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]))
    services.retention.anonymise_person(services.case_files.open(case_id).members[0].person.id)
    window = make_main(services)
    window.refresh()
    model = window.model
    names = [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    assert names == [lang.tr("person.anonymised")]
