"""Closing a window where a record is edited asks before dropping what was typed."""

from PySide6.QtCore import Qt

from desktop.ui.person_dialog import PersonDialog
from tests.ui.test_person_dialog_keeps_typed import open_mother


def _escape(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Escape)


def test_escape_in_the_person_dialog_asks_and_keep_editing_keeps_the_text(
        qtbot, lang, services):
    dialog = open_mother(qtbot, lang, services)
    qtbot.keyClicks(dialog.details.other_spellings, "Gontcharenko")
    _escape(qtbot, dialog.details.other_spellings)
    question = dialog.unsaved.question
    assert question is not None and question.isVisible()
    assert question.text() == lang.tr("unsaved.question")
    assert dialog.isVisible()
    dialog.unsaved.keep_button.click()
    assert dialog.isVisible() and dialog.unsaved.question is None
    assert dialog.details.other_spellings.text().endswith("Gontcharenko")


def test_discard_closes_the_person_dialog_and_an_untouched_one_closes_at_once(
        qtbot, lang, services):
    dialog = open_mother(qtbot, lang, services)
    qtbot.keyClicks(dialog.details.other_spellings, "Gontcharenko")
    dialog.close()  # the window's close button
    assert dialog.isVisible()
    dialog.unsaved.discard_button.click()
    assert not dialog.isVisible()
    untouched = PersonDialog(lang, services, dialog.person_id)
    qtbot.addWidget(untouched)
    untouched.show()
    _escape(qtbot, untouched)
    assert not untouched.isVisible() and untouched.unsaved.question is None


def test_closing_the_case_window_with_a_note_not_added_asks(qtbot, lang, services):
    from desktop.ui.case_window import CaseWindow
    from tests.ui.test_case_window import register

    window = CaseWindow(lang, services, register(services))  # deletes itself on close
    window.show()
    qtbot.keyClicks(window.note_text, "Rappeler lundi")
    window.close()
    assert window.isVisible() and window.unsaved.question is not None
    window.unsaved.keep_button.click()
    assert window.note_text.text() == "Rappeler lundi"
    window.add_note.click()  # added: nothing left to lose
    window.close()
    assert not window.isVisible()


def test_the_add_user_form_asks_before_dropping_what_was_typed(qtbot, lang, services):
    from desktop.ui.users_dialog import UsersDialog

    users = UsersDialog(lang, services.users)
    qtbot.addWidget(users)
    users.show()
    form = users.add_user()
    qtbot.keyClicks(form.username, "marie")
    _escape(qtbot, form.username)
    assert form.isVisible() and form.unsaved.question is not None
    form.unsaved.discard_button.click()
    assert not form.isVisible()


def test_the_transcription_screen_asks_before_dropping_a_typed_form(qtbot, lang, services):
    from desktop.ui.transcription import TranscriptionDialog

    dialog = TranscriptionDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    _escape(qtbot, dialog.reference)  # nothing typed: closes
    assert not dialog.isVisible()
    dialog.show()
    qtbot.keyClicks(dialog.reference, "P-ABCD-1234")
    _escape(qtbot, dialog.reference)
    assert dialog.isVisible() and dialog.unsaved.question is not None
    dialog.unsaved.keep_button.click()
    assert dialog.reference.text() == "P-ABCD-1234"


def test_quitting_asks_about_an_edited_person_dialog_too(qtbot, lang, services, make_main):
    from PySide6.QtWidgets import QApplication

    from desktop.ui.unsaved import holds_unsaved

    for earlier in QApplication.topLevelWidgets():  # left asking by the tests above
        if holds_unsaved(earlier):
            earlier.unsaved.mark_saved()
            earlier.close()
    main = make_main(services)
    dialog = open_mother(qtbot, lang, services)
    qtbot.keyClicks(dialog.details.other_spellings, "Gontcharenko")
    assert not main.nothing_unsent()  # the dialog comes forward with the question
    assert dialog.isVisible() and dialog.unsaved.question is not None
    dialog.unsaved.keep_button.click()
    assert dialog.details.other_spellings.text().endswith("Gontcharenko")
