"""The intake wizard keeps what was typed and Enter never skips pages: an address without a
known housing type, Enter in the municipality list, a document's dates without its number,
a member removed between others."""

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWizard
from sqlmodel import Session, select

from desktop.core.enums import AccommodationType
from desktop.core.models import Accommodation, Person
from desktop.ui.intake_wizard import IntakeWizard
from tests.ui.test_quick_intake import fill_mother, type_text


def press_enter(widget) -> None:
    widget.setFocus()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_Return,
                                                     Qt.KeyboardModifier.NoModifier))


def wizard_at_home_page(qtbot, lang, services) -> IntakeWizard:
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_mother(wizard.members_page.rows[0])
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.home_page
    return wizard


def test_an_address_typed_with_the_housing_type_not_known_is_saved(qtbot, lang, services):
    wizard = wizard_at_home_page(qtbot, lang, services)
    home = wizard.home_page
    assert home.kind.currentData() == ""  # "pas encore connu"
    qtbot.keyClicks(home.street, "Rue de la Gare 5")
    qtbot.keyClicks(home.postal_code, "4000")
    assert home.municipality.text() == "Liège"  # filled from the postal code
    wizard.next()
    assert "Type pas encore connu — Rue de la Gare 5, 4000 Liège" in \
        wizard.review_page.text()  # seen before it is saved
    with qtbot.waitSignal(wizard.registered):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    with Session(services.session.engine) as db:
        stored = db.exec(select(Accommodation)).one()
    assert stored.accommodation_type == AccommodationType.UNKNOWN
    assert (stored.street, stored.postal_code, stored.municipality_refnis) == (
        "Rue de la Gare 5", "4000", "62063")


def test_enter_in_the_municipality_list_chooses_and_stays_on_the_page(qtbot, lang, services):
    wizard = wizard_at_home_page(qtbot, lang, services)
    home = wizard.home_page
    qtbot.keyClicks(home.municipality, "Lu")
    press_enter(home.municipality)
    assert wizard.currentPage() is home
    chosen = home.picker.refnis()
    assert chosen and home.municipality.text() == services.reference.municipality(
        chosen).name("fr")
    assert wizard.focusWidget() is home.partner  # the keyboard goes on, past the boxes
    home.municipality.setText("Lu")
    qtbot.keyClick(home.municipality, Qt.Key.Key_Down)  # the second match
    second = home.municipalities.item(1).data(Qt.ItemDataRole.UserRole)
    press_enter(home.municipalities)  # in the list itself
    assert home.picker.refnis() == second
    assert wizard.focusWidget() is home.partner
    press_enter(home.partner)  # and in an ordinary field
    assert wizard.currentPage() is home


def test_a_municipality_matching_nothing_is_said_before_going_on(qtbot, lang, services):
    wizard = wizard_at_home_page(qtbot, lang, services)
    home = wizard.home_page
    qtbot.keyClicks(home.municipality, "Xyzzyville")
    wizard.next()
    assert wizard.currentPage() is home
    assert "Xyzzyville" in home.error.text()


def test_document_dates_without_a_number_are_said_not_dropped(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_mother(wizard.members_page.rows[0])
    wizard.next()
    details = wizard.details_page.forms[0]
    details.document["issued_on"].setText("01/02/2019")
    wizard.next()
    assert wizard.currentPage() is wizard.details_page
    assert lang.tr("intake.document_number_required") in details.error.text()


def test_removing_a_member_keeps_the_details_typed_for_the_others(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    members = wizard.members_page
    fill_mother(members.rows[0])
    for given, birth in (("Андрій", "2015"), ("Олена", "2017")):
        members.add.click()
        type_text(members.rows[-1].fields["surname_cyr"], "Шевченко")
        type_text(members.rows[-1].fields["given_name_cyr"], given)
        type_text(members.rows[-1].fields["birth_date"], birth)
    wizard.next()
    forms = wizard.details_page.forms
    type_text(forms[1].fields["patronymic_cyr"], "Петрович")
    type_text(forms[2].fields["patronymic_cyr"], "Петрівна")
    wizard.back()
    members.rows[1].remove.click()
    wizard.next()
    wizard.next()
    wizard.next()
    with qtbot.waitSignal(wizard.registered):
        wizard.button(QWizard.WizardButton.FinishButton).click()
    with Session(services.session.engine) as db:
        olena = db.exec(select(Person).where(Person.given_name_cyr == "Олена")).one()
    assert olena.patronymic_cyr == "Петрівна"


def test_enter_in_a_quick_intake_field_goes_on_and_does_not_register(qtbot, lang, services):
    from desktop.ui.quick_intake import QuickIntakeDialog

    dialog = QuickIntakeDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_mother(dialog.rows[0])
    with qtbot.assertNotEmitted(dialog.registered):
        press_enter(dialog.rows[0].fields["birth_date"])
    assert dialog.isVisible() and dialog.focusWidget() is dialog.rows[0].sex


def test_closing_keeps_a_draft_of_anything_typed_even_without_a_name(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.reject()  # nothing typed: no draft
    assert services.drafts.mine() == []
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    type_text(wizard.members_page.rows[0].fields["birth_date"], "30/07/1985")
    wizard.reject()
    [draft] = services.drafts.mine()
    assert services.drafts.load(draft.draft_id).members[0].birth_date == "30/07/1985"


def type_where_the_cursor_is(window, text: str) -> None:
    """Types as a person does, into whatever has the focus; a space is the space bar."""
    for character in text:
        key = Qt.Key.Key_Space if character == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(window.focusWidget(), QKeyEvent(
                kind, key, Qt.KeyboardModifier.NoModifier, character))


def test_enter_after_the_phone_goes_to_the_sleeping_place_not_a_language_box(
        qtbot, lang, services):
    from desktop.ui.quick_intake import QuickIntakeDialog

    dialog = QuickIntakeDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    ticked = {code: box.isChecked() for code, box in dialog.languages.items()}
    dialog.phone.setFocus()
    type_where_the_cursor_is(dialog, "0470123456")
    press_enter(dialog.focusWidget())
    type_where_the_cursor_is(dialog, "chez une amie")
    assert dialog.tonight.text() == "chez une amie"
    assert {code: box.isChecked() for code, box in dialog.languages.items()} == ticked
    assert not dialog.interpreter.isChecked()


def test_enter_passes_check_boxes_on_every_intake_page_and_the_transcription(
        qtbot, lang, services):
    from desktop.ui.transcription import TranscriptionDialog

    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_mother(wizard.members_page.rows[0])
    wizard.next()
    details = wizard.details_page.forms[0]
    for widget in details.findChildren(QLineEdit):
        if widget.isVisible() and widget.isEnabled():
            press_enter(widget)
            assert not isinstance(wizard.focusWidget(), QAbstractButton)
    wizard.next()
    home = wizard.home_page
    type_text(home.municipality, "Liège")
    press_enter(home.municipality)  # chooses, then goes past the needs' boxes
    assert wizard.focusWidget() is home.partner
    assert not any(box.isChecked() for box in home.needs.values())
    with qtbot.assertNotEmitted(wizard.registered):
        press_enter(home.partner)
    assert wizard.focusWidget() is home.purpose and wizard.currentPage() is home

    sheet = TranscriptionDialog(lang, services)
    qtbot.addWidget(sheet)
    sheet.show()
    with qtbot.assertNotEmitted(sheet.registered):
        for name, widget in sheet.widgets.items():
            if not isinstance(widget, QAbstractButton):
                press_enter(widget)
                assert isinstance(sheet.focusWidget(), (QLineEdit, QComboBox)), name
    assert sheet.isVisible() and not sheet.error.text()
