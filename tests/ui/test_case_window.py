"""Home search, worklists and the case file window, as a social worker and a volunteer."""

from datetime import date, timedelta

from desktop.core.enums import CaseStatus, Role, Sex
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.ui.case_window import CaseWindow
from tests.conftest import login_as


def register(services) -> object:
    soon = (date.today() + timedelta(days=10)).strftime("%d/%m/%Y")
    person = PersonInput(surname_cyr="Шевченко", given_name_cyr="Юлія",
                         surname_lat="Shevchenko", given_name_lat="Yuliia",
                         sex=Sex.MALE.value, birth_date="30/07/1985",
                         national_number="85073003328", annex15_issued_on=(
                             date.today() - timedelta(days=35)).strftime("%d/%m/%Y"),
                         a_card_expires_on=soon)
    return services.intake.register(HouseholdInput(members=[person]))


def test_home_search_finds_any_spelling_and_opens_the_case(qtbot, make_main, services):
    case_id = register(services)
    window = make_main(services)
    assert window.sections.currentIndex() == 0  # home, now that there are cases
    qtbot.keyClicks(window.home.search, "Chevtchenko Ioulia")
    window.home.run_search()
    assert window.home.results.rowCount() == 1
    assert window.home.results.item(0, 3).text() == "Chevtchenko ≈ ШЕВЧЕНКО; Ioulia ≈ Юлія"
    assert window.home.results.item(0, 1).text() == "30/07/1985"
    with qtbot.waitSignal(window.home.open_case) as opened:
        window.home._open_first()
    assert opened.args[0] == case_id
    titles = {box.title() for box in window.home.boxes.values()}
    assert "Documents expirant dans les 30 jours (2)" in titles


def test_a_social_worker_works_in_the_case_file(qtbot, lang, services):
    case_id = register(services)
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.show()
    assert window.title.text().startswith(f"{date.today().year}/000001")
    assert "annexe 15" in window.reminders.text() and "carte A" in window.reminders.text()
    assert window.people.item(0, 3).text() == "85073003328"
    qtbot.keyClicks(window.note_text, "Rendez-vous lundi")
    window.add_note.click()
    assert window.notes.item(0, 2).text() == "Rendez-vous lundi"
    assert window.note_text.text() == ""  # emptied once added
    window.close_case.click()  # no reason chosen: said, nothing changed
    assert "Choisissez pourquoi" in window.error.text()
    window.reason.setCurrentIndex(window.reason.findData("own_income"))
    window.close_case.click()
    assert window.view.case.status == CaseStatus.CLOSED
    assert window.reopen.isVisible() and not window.close_case.isVisible()
    assert window.history.rowCount() >= 3


def test_a_volunteer_reads_the_case_file_without_restricted_data(qtbot, lang, services,
                                                                   vault):
    case_id = register(services)
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    window = CaseWindow(lang, volunteer, case_id)
    qtbot.addWidget(window)
    window.show()
    assert window.people.item(0, 3).text() == "(restreint)"
    assert not window.add_note.isVisible() and not window.close_case.isVisible()
    assert not window.tabs.isTabVisible(window.aid_index)
    lang.set_language("nl")
    assert window.tabs.tabText(0) == "Personen"
    volunteer.session.close()


def test_tasks_referrals_and_aid_are_added_in_the_case_file(qtbot, lang, services):
    case_id = register(services)
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.task_title, "Renouveler la carte A")
    qtbot.keyClicks(window.task_due, "31/02/2027")
    window.add_task.click()
    assert "31/02/2027" in window.error.text()
    assert window.task_title.text() == "Renouveler la carte A"  # kept
    window.task_due.setText("01/03/2027")
    window.add_task.click()
    assert window.tasks.item(0, 1).text() == "Renouveler la carte A"
    window.tasks.selectRow(0)
    window.task_done.click()
    assert window.tasks.item(0, 2).text() == "✓"
    qtbot.keyClicks(window.partner, "FOREM")
    window.add_referral.click()
    assert window.referrals.item(0, 0).text() == "FOREM"
    window.aid_category.setCurrentIndex(window.aid_category.findData("isolated"))
    window.aid_piis.setChecked(True)
    window.add_aid.click()
    assert window.aid.item(0, 2).text() == "✓"
    assert window.view.has_piis


def test_a_duplicate_record_is_merged_from_the_case_file(qtbot, lang, services):
    case_id = register(services)
    services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Chevtchenko", given_name_lat="Ioulia", birth_date="30/07/1985",
        email="yulia@example.org")]), quick=True)
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.show()
    window.people.selectRow(0)
    dialog = window.open_merge()
    qtbot.keyClicks(dialog.search, "Chevtchenko Ioulia")
    dialog.find()
    assert dialog.results.count() == 1  # the selected record itself is not offered
    with qtbot.waitSignal(window.changed):
        dialog.merge_button.click()
    assert window.view.members[0].person.email == "yulia@example.org"
    assert len(services.search.search("Chevtchenko Ioulia")) == 1


def test_the_header_shows_where_the_household_lives(qtbot, lang, services):
    case_id = services.intake.register(HouseholdInput(
        members=[PersonInput(surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")],
        accommodation_type="host_family", host_name="Famille Dupont",
        street="Rue de la Gare 5", postal_code="4000", municipality_refnis="62063"))
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    assert "Hébergement\u00a0: Famille d'accueil — Famille Dupont, Rue de la Gare 5, 4000 Liège" \
        in window.summary.text()


def test_a_person_is_edited_from_the_case_file(qtbot, lang, services):
    case_id = register(services)
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.show()
    window.people.selectRow(0)
    dialog = window.open_person()
    dialog.details.fields["a_card_number"].setText("B1234567890")
    dialog.details.fields["a_card_issued_on"].setText("32/01/2026")
    dialog.save()
    assert "32/01/2026" in dialog.error.text()  # said, nothing lost
    dialog.details.fields["a_card_issued_on"].setText("01/01/2026")
    with qtbot.waitSignal(window.changed):
        dialog.save()
    assert window.view.members[0].protection.a_card_number == "B1234567890"


def test_a_move_is_closed_only_to_a_municipality_chosen_in_the_list(qtbot, lang, services):
    from PySide6.QtCore import Qt

    from desktop.core.enums import ClosureReason

    case_id = register(services)
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.show()
    assert not window.destination.isVisible()  # asked only for a move
    window.reason.setCurrentIndex(window.reason.findData(ClosureReason.MOVED))
    assert window.destination.isVisible()
    qtbot.keyClicks(window.destination.edit, "Xyzzyville")
    window.close_case.click()  # nothing matches: said, never a guess, nothing changed
    assert "Xyzzyville" in window.error.text()
    assert window.view.case.status != CaseStatus.CLOSED
    window.destination.edit.clear()
    qtbot.keyClicks(window.destination.edit, "Lie")  # Liège, Lierde, Lier…: not the first
    window.destination.edit.setFocus()
    qtbot.keyClick(window.destination.edit, Qt.Key.Key_Down)
    second = window.destination.matches.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(window.destination.edit, Qt.Key.Key_Return)  # chooses, closes nothing
    assert window.view.case.status != CaseStatus.CLOSED
    window.close_case.click()
    assert window.view.case.status == CaseStatus.CLOSED
    assert window.view.case.destination_refnis == second


def test_the_service_refuses_a_move_to_an_unknown_municipality(services):
    import pytest

    from desktop.core.enums import ClosureReason
    from desktop.core.errors import ValidationError

    case_id = register(services)
    with pytest.raises(ValidationError) as refused:
        services.case_files.change_status(case_id, CaseStatus.CLOSED, ClosureReason.MOVED,
                                          "99999")
    assert refused.value.field == "destination_refnis"
    assert services.case_files.open(case_id).case.status == CaseStatus.OPEN


def test_german_days_are_written_one_way_in_the_case_window_and_on_the_home_page(
        qtbot, lang, services):
    """The case window wrote 11/05/2022 where the home page wrote 11.05.2022 (issue 15)."""
    case_id = register(services)
    services.case_files.add_task(case_id, "Schule anrufen", date(2030, 5, 11), None)
    lang.set_language("de")
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    assert window.people.item(0, 2).text() == "30.07.1985"
    assert window.tasks.item(0, 0).text() == "11.05.2030"
    assert f"eröffnet {date.today():%d.%m.%Y}" in window.summary.text()
    assert "Anlage 15 läuft am" in window.reminders.text()
    assert "/20" not in window.reminders.text()
    assert window.history.item(0, 0).text().startswith(f"{date.today():%d.%m.%Y} ")
