"""The volunteer's quick intake, driven like a person would: typing Cyrillic, fixing an
error, closing and resuming a draft, meeting a possible duplicate."""

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from sqlmodel import Session, select

from desktop.core.enums import Role
from desktop.core.models import CaseFile, Note, Person
from desktop.ui.quick_intake import QuickIntakeDialog
from tests.conftest import login_as


def type_text(widget, text: str) -> None:
    """QTest.keyClicks cannot type Cyrillic: send one key event per character."""
    widget.setFocus()
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                  character))


def fill_mother(row) -> None:
    type_text(row.fields["surname_cyr"], "Шевченко")
    type_text(row.fields["given_name_cyr"], "Юлія")
    type_text(row.fields["birth_date"], "30/07/1985")
    row.sex.setCurrentIndex(row.sex.findData("F"))


def test_a_volunteer_registers_a_family_in_one_screen(qtbot, lang, services, vault):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    dialog = QuickIntakeDialog(lang, volunteer)
    qtbot.addWidget(dialog)
    dialog.show()
    mother = dialog.rows[0]
    fill_mother(mother)
    assert mother.fields["surname_lat"].text() == "Shevchenko"  # proposed from Cyrillic
    assert mother.fields["given_name_lat"].text() == "Yuliia"
    mother.fields["given_name_lat"].selectAll()
    qtbot.keyClicks(mother.fields["given_name_lat"], "Yulia")  # edited by hand...
    type_text(mother.fields["given_name_cyr"], " ")
    assert mother.fields["given_name_lat"].text() == "Yulia"  # ...so it no longer follows
    dialog.add_person.click()
    child = dialog.rows[1]
    type_text(child.fields["surname_cyr"], "Шевченко")
    type_text(child.fields["given_name_cyr"], "Андрій")
    type_text(child.fields["birth_date"], "2015")
    qtbot.keyClicks(dialog.phone, "0470 12 34 56")
    type_text(dialog.tonight, "Famille Dupont, rue de la Gare 5")
    dialog.needs[next(iter(dialog.needs))].setChecked(True)
    with qtbot.waitSignal(dialog.registered) as registered:
        dialog.register_button.click()
    with Session(services.session.engine) as db:
        case = db.get(CaseFile, registered.args[0])
        persons = db.exec(select(Person)).all()
        notes = db.exec(select(Note)).all()
    assert case.to_be_completed
    assert {p.given_name_lat for p in persons} == {"Yulia", "Andrii"}
    assert [n.body for n in notes] == ["Famille Dupont, rue de la Gare 5"]
    assert volunteer.drafts.mine() == []
    volunteer.session.close()


def test_an_error_is_shown_by_its_field_and_the_typing_stays(qtbot, lang, services):
    dialog = QuickIntakeDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.rows[0]
    fill_mother(row)
    row.fields["birth_date"].setText("31/02/1985")
    dialog.register_button.click()
    assert row.error.text() == "31/02/1985 n'est pas une date possible."
    assert row.fields["surname_cyr"].text() == "Шевченко"
    assert row.fields["birth_date"].text() == "31/02/1985"
    assert dialog.isVisible()
    lang.set_language("uk")
    assert row.error.text() == "31/02/1985 — неможлива дата."


def test_closing_keeps_a_draft_that_the_next_login_offers(qtbot, lang, services, paths,
                                                          make_main):
    dialog = QuickIntakeDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_mother(dialog.rows[0])
    type_text(dialog.tonight, "Gare du Midi")
    dialog.close()
    [draft] = services.drafts.mine()
    assert draft.label == "Shevchenko Yuliia"
    window = make_main(services)
    offer = window.offer_drafts()
    assert offer is not None and offer.list.count() == 1
    offer.resume_button.click()
    resumed = window.findChild(QuickIntakeDialog)
    assert resumed is not None
    assert resumed.rows[0].fields["surname_cyr"].text() == "Шевченко"
    assert resumed.tonight.text() == "Gare du Midi"
    resumed.register_button.click()
    assert services.drafts.mine() == []


def test_a_possible_duplicate_is_shown_with_its_reasons_before_saving(qtbot, lang, services):
    first = QuickIntakeDialog(lang, services)
    qtbot.addWidget(first)
    fill_mother(first.rows[0])
    first.register_button.click()
    again = QuickIntakeDialog(lang, services)
    qtbot.addWidget(again)
    again.show()
    row = again.rows[0]
    row.fields["surname_lat"].setText("Chevtchenko")
    row.fields["given_name_lat"].setText("Ioulia")
    row.fields["birth_date"].setText("30/07/1985")
    again.register_button.click()
    assert again.duplicates.isVisible()
    assert "même nom (toute orthographe), même date de naissance" in again.duplicates.text()
    with qtbot.waitSignal(again.open_case) as opened:  # the existing file opens from here
        again.duplicates.items.itemActivated.emit(again.duplicates.items.item(0))
    assert opened.args[0] is not None
    assert again.register_button.text() == "Enregistrer quand même"
    with qtbot.waitSignal(again.registered):
        again.register_button.click()
    with Session(services.session.engine) as db:
        assert len(db.exec(select(Person)).all()) == 2


def test_a_wrong_value_is_said_when_the_field_is_left_not_what_is_missing(qtbot, lang,
                                                                           services):
    dialog = QuickIntakeDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.rows[0]
    row.fields["birth_date"].setText("31/02/1985")
    row.fields["birth_date"].editingFinished.emit()
    assert row.error.text() == "31/02/1985 n'est pas une date possible."  # said at once
    assert "Indiquez le nom" not in row.error.text()  # the empty names wait for Register


def test_tab_order_follows_what_a_person_types_first(qtbot, lang, services):
    dialog = QuickIntakeDialog(lang, services)
    qtbot.addWidget(dialog)
    row = dialog.rows[0]
    order, widget = [], row.fields["surname_cyr"]
    for _ in range(5):
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [row.fields["given_name_cyr"], row.fields["birth_date"], row.sex,
                     row.relationship, row.fields["surname_lat"]]


def test_what_register_said_is_missing_stays_until_it_is_filled(qtbot, lang, services):
    dialog = QuickIntakeDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.rows[0]
    type_text(row.fields["surname_cyr"], "Шевченко")
    dialog.register_button.click()
    assert "Indiquez le prénom" in row.error.text()
    assert "La date de naissance est nécessaire" in row.error.text()
    # leaving another field re-checks the form but keeps what is still missing
    row.fields["surname_cyr"].editingFinished.emit()
    assert "Indiquez le prénom" in row.error.text()
    assert "La date de naissance est nécessaire" in row.error.text()
    # filling one field takes its own message away, and only that one
    type_text(row.fields["given_name_cyr"], "Юлія")
    row.fields["given_name_cyr"].editingFinished.emit()
    assert "Indiquez le prénom" not in row.error.text()
    assert "La date de naissance est nécessaire" in row.error.text()
    # a person added afterwards is not told off before Register is pressed again
    dialog.add_person.click()
    dialog.rows[1].fields["surname_cyr"].editingFinished.emit()
    assert dialog.rows[1].error.text() == ""


def test_an_odd_age_is_said_under_the_person_and_does_not_block(qtbot, lang, services, vault):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    dialog = QuickIntakeDialog(lang, volunteer)
    qtbot.addWidget(dialog)
    dialog.show()
    fill_mother(dialog.rows[0])
    dialog.add_person.click()
    child = dialog.rows[1]
    type_text(child.fields["surname_cyr"], "Шевченко")
    type_text(child.fields["given_name_cyr"], "Андрій")
    type_text(child.fields["birth_date"], "1994")
    dialog.check_as_typed()
    assert "n'a que 8 ans de moins que la personne de référence" in child.error.text()
    assert child.fields["birth_date"].styleSheet() == ""  # not marked as wrong
    with qtbot.waitSignal(dialog.registered):
        dialog.register_button.click()
    volunteer.session.close()
