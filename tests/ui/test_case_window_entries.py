"""What is typed in the case window's tabs: added with the keyboard, never lost on closing,
never recorded twice, and a note private to social workers unless widened."""

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.core.enums import NoteAudience
from desktop.ui.case_window import CaseWindow
from tests.ui.test_case_window import register
from tests.ui.test_quick_intake import type_text

OPENED: list[CaseWindow] = []


@pytest.fixture(autouse=True)
def close_what_is_left():
    # A case window deletes itself on close (Qt frees it, not Python's collector), so it is
    # not handed to qtbot, which would close it again; what a test leaves open is closed here.
    yield
    while OPENED:
        window = OPENED.pop()
        if shiboken6.isValid(window):
            window.unsaved.mark_saved()
            window.close()


def open_window(qtbot, lang, services) -> CaseWindow:
    window = CaseWindow(lang, services, register(services))
    OPENED.append(window)
    window.show()
    return window


def test_closing_with_an_unsent_note_asks_and_keep_editing_keeps_it(qtbot, lang, services):
    lang.set_language("nl")
    window = open_window(qtbot, lang, services)
    qtbot.keyClicks(window.note_text, "Belt maandag terug")
    window.close()
    assert window.isVisible()  # not closed: asked first
    box = window.unsaved.question
    assert box is not None and box.isVisible()
    assert box.text() == "Uw wijzigingen weggooien? Wat u hebt ingevuld, is niet opgeslagen."
    assert {b.text() for b in box.buttons()} == {"Weggooien", "Verder bewerken"}
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Escape answers "Keep editing"
    assert window.isVisible() and window.note_text.text() == "Belt maandag terug"
    qtbot.keyClick(window.task_due, Qt.Key.Key_Escape)  # Escape asks too
    box = window.unsaved.question
    assert box is not None and box.isVisible()
    discard = next(b for b in box.buttons() if b.text() == "Weggooien")
    with qtbot.waitSignal(window.destroyed):
        discard.click()


def test_every_unsent_form_is_asked_about(qtbot, lang, services):
    window = open_window(qtbot, lang, services)
    for fill, empty in (
            (lambda: window.task_title.setText("Appeler l'école"), window.task_title.clear),
            (lambda: window.partner.setText("FOREM"), window.partner.clear),
            (lambda: window.aid_decided.setText("01/03/2026"), window.aid_decided.clear),
            (lambda: window.aid_piis.setChecked(True),
             lambda: window.aid_piis.setChecked(False))):
        fill()
        window.close()
        assert window.isVisible() and window.unsaved.question is not None
        window.unsaved.question.reject()
        QApplication.processEvents()
        empty()
    with qtbot.waitSignal(window.destroyed):
        qtbot.keyClick(window, Qt.Key.Key_Escape)  # nothing typed: closes at once


def test_enter_adds_a_task_and_a_referral_and_ctrl_enter_a_note(qtbot, lang, services):
    window = open_window(qtbot, lang, services)
    qtbot.keyClick(window.task_title, Qt.Key.Key_Return)  # no title yet: nothing added
    assert window.tasks.rowCount() == 0 and not window.error.text()
    type_text(window.task_title, "Appeler l'école")
    qtbot.keyClicks(window.task_due, "01/03/2027")
    qtbot.keyClick(window.task_due, Qt.Key.Key_Return)
    assert window.tasks.item(0, 1).text() == "Appeler l'école"
    assert window.task_title.text() == "" and window.task_due.text() == ""
    qtbot.keyClicks(window.partner, "FOREM")
    qtbot.keyClick(window.partner, Qt.Key.Key_Return)
    assert window.referrals.item(0, 0).text() == "FOREM"
    type_text(window.note_text, "Première ligne")
    qtbot.keyClick(window.note_text, Qt.Key.Key_Return)  # a new line, not added
    type_text(window.note_text, "deuxième ligne")
    assert window.notes.rowCount() == 0
    qtbot.keyClick(window.note_text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.notes.item(0, 2).text() == "Première ligne\ndeuxième ligne"
    assert "Ctrl+Entrée" in window.add_note.toolTip()
    assert "Entrée" in window.add_task.toolTip()


def test_a_new_note_is_for_social_workers_until_widened(qtbot, lang, services):
    window = open_window(qtbot, lang, services)
    assert window.note_audience.currentData() == NoteAudience.SOCIAL_WORKERS
    assert window.note_audience.currentText() == "Assistants sociaux uniquement"
    window.note_audience.setCurrentIndex(window.note_audience.findData(NoteAudience.EVERYONE))
    window.note_text.setPlainText("Vient avec sa fille")
    window.add_note.click()
    assert window.view.notes[0].audience == NoteAudience.EVERYONE
    assert window.note_audience.currentData() == NoteAudience.SOCIAL_WORKERS  # next note
    lang.set_language("uk")
    assert window.note_audience.currentData() == NoteAudience.SOCIAL_WORKERS


def test_a_recorded_aid_decision_empties_the_form_and_is_not_recorded_twice(
        qtbot, lang, services):
    window = open_window(qtbot, lang, services)
    window.aid_category.setCurrentIndex(window.aid_category.findData("isolated"))
    window.aid_decided.setText("02/03/2026")
    window.aid_piis.setChecked(True)
    window.add_aid.click()
    assert window.aid.rowCount() == 1
    assert window.aid_decided.text() == "" and not window.aid_piis.isChecked()
    window.aid_category.setCurrentIndex(window.aid_category.findData("isolated"))
    window.aid_decided.setText("02/03/2026")
    window.aid_piis.setChecked(True)  # the same decision again
    window.add_aid.click()
    assert window.aid.rowCount() == 1
    assert "déjà enregistrée" in window.error.text()
    assert window.aid_decided.text() == "02/03/2026"  # kept, to correct


def test_ctrl_w_closes_through_the_same_question(qtbot, lang, services):
    window = open_window(qtbot, lang, services)
    window.windowHandle().requestActivate()  # shortcuts work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.partner.setText("CPAS voisin")
    qtbot.keyClick(window.partner, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible() and window.unsaved.question is not None
    window.unsaved.question.reject()


def test_quitting_or_signing_out_asks_about_a_note_left_in_a_case_window(qtbot, make_main,
                                                                         services):
    main = make_main(services)
    window = main.open_case(register(services))
    qtbot.keyClicks(window.note_text, "A rappeler")
    main.close()  # the window's close button, or Quit in the menu
    assert main.isVisible() and window.isVisible()
    assert window.unsaved.question is not None
    window.unsaved.question.reject()  # keep editing
    QApplication.processEvents()
    with qtbot.assertNotEmitted(main.signed_out):
        main.sign_out()
    assert window.unsaved.question is not None and window.note_text.text() == "A rappeler"
    discard = next(b for b in window.unsaved.question.buttons() if b.text() == "Abandonner")
    with qtbot.waitSignal(window.destroyed):
        discard.click()
    with qtbot.waitSignal(main.signed_out):
        main.sign_out()
