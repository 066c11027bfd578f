"""The merge dialog searches as a person types, and Enter never closes it."""

from PySide6.QtCore import Qt

from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.ui.case_window import CaseWindow


def _case_with_a_namesake(services) -> object:
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_cyr="Гончаренко", given_name_cyr="Петро", surname_lat="Honcharenko",
        given_name_lat="Petro", birth_date="12/03/1980")]))
    services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Gontcharenko", given_name_lat="Petro", birth_date="12/03/1980")]),
        quick=True)
    return case_id


def _open(qtbot, lang, services):
    window = CaseWindow(lang, services, _case_with_a_namesake(services))
    qtbot.addWidget(window)
    window.show()
    window.people.selectRow(0)
    return window.open_merge()


def test_typing_a_spelling_lists_the_other_record_and_enter_keeps_the_dialog(
        qtbot, lang, services):
    dialog = _open(qtbot, lang, services)
    qtbot.keyClicks(dialog.search, "Honcharenko")
    qtbot.waitUntil(lambda: dialog.results.count() == 1)  # no Enter needed
    assert "GONTCHARENKO" in dialog.results.item(0).text().upper()
    assert dialog.merge_button.isEnabled()
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.search.text() == "Honcharenko"
    assert dialog.results.count() == 1


def test_nothing_found_is_said(qtbot, lang, services):
    dialog = _open(qtbot, lang, services)
    qtbot.keyClicks(dialog.search, "Zzyxwq")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.no_result.isVisible() and dialog.no_result.text() == "Aucun résultat."
    assert not dialog.merge_button.isEnabled()


def test_a_cyrillic_name_finds_the_latin_record(qtbot, lang, services):
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    dialog = _open(qtbot, lang, services)
    for char in "Гончаренко Петро":  # one key event per character (keyClicks aborts on it)
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(dialog.search, QKeyEvent(
                kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char))
    qtbot.waitUntil(lambda: dialog.results.count() == 1)
    assert "GONTCHARENKO" in dialog.results.item(0).text().upper()
