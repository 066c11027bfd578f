"""Typing a paper form back in, and a filled PDF form shown before it is registered."""

from desktop.core.paper_reference import new_reference
from desktop.documents.base import Languages
from desktop.documents.fillable_intake import fillable_intake_form
from desktop.ui.transcription import TranscriptionDialog
from tests.exchange.test_fillable import fill


def make(qtbot, lang, services) -> TranscriptionDialog:
    dialog = TranscriptionDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(widget, value) -> None:
    widget.setCurrentIndex(widget.findData(value))


def test_tab_order_follows_the_paper(qtbot, lang, services):
    dialog = make(qtbot, lang, services)
    names = list(dialog.widgets)
    assert names[:3] == ["reference", "household.accommodation", "household.host"]
    assert names.index("person1.surname") < names.index("person1.birth_date") < \
        names.index("person2.surname")
    dialog.reference.setFocus()
    for expected in names[1:4]:
        dialog.focusNextChild()
        assert dialog.focusWidget() is dialog.widgets[expected]


def test_a_typed_paper_form_is_checked_registered_and_linked_by_its_reference(
        qtbot, lang, services):
    dialog = make(qtbot, lang, services)
    reference = new_reference()
    dialog.reference.setText(reference.lower().replace("-", " "))  # as people type it
    choose(dialog.widgets["household.accommodation"], "rental")
    dialog.widgets["household.postal_code"].setText("4000")
    dialog.widgets["person1.surname"].setText("Бондаренко")
    dialog.widgets["person1.given_name"].setText("Ірина")
    dialog.widgets["person1.birth_date"].setText("31.02.1980")
    choose(dialog.widgets["person1.sex"], "F")
    assert dialog.register() is None  # an impossible date: said, nothing written
    assert "1.4 · Date de naissance\u00a0: " in dialog.error.text()  # as the sheet numbers it
    assert "person1" not in dialog.error.text()
    assert dialog.widgets["person1.birth_date"].styleSheet()
    assert dialog.widgets["person1.surname"].text() == "Бондаренко"  # the typing stays
    dialog.widgets["person1.birth_date"].setText("28.02.1980")
    case_id = dialog.register()
    assert case_id is not None and "Enregistré\u00a0: dossier" in dialog.status.text()
    assert services.case_files.resolve(reference) == case_id
    person = services.case_files.open(case_id).members[0].person
    assert (person.surname_lat, person.given_name_lat) == ("Bondarenko", "Iryna")

    dialog.clear()  # the same sheet typed a second time
    dialog.reference.setText(reference)
    dialog.widgets["person1.surname"].setText("Бондаренко")
    dialog.widgets["person1.given_name"].setText("Ірина")
    dialog.widgets["person1.birth_date"].setText("28/02/1980")
    assert dialog.register() is None
    assert "déjà été encodée" in dialog.error.text()


def test_a_filled_pdf_opens_in_the_screen_with_its_duplicates_shown(qtbot, lang, services,
                                                                     tmp_path):
    blank = fillable_intake_form(tmp_path / "f.pdf", Languages.of("fr", "uk"), "CPAS")
    fill(blank, tmp_path / "filled.pdf", {
        "person1.surname": "Мельник", "person1.given_name": "Андрій",
        "person1.birth_date": "1990-01-15", "person1.sex": "Homme / Чоловіча"})
    dialog = make(qtbot, lang, services)
    assert dialog.load_pdf(tmp_path / "filled.pdf")
    assert dialog.widgets["person1.surname"].text() == "Мельник"
    assert dialog.widgets["person1.sex"].currentData() == "M"
    assert dialog.register() is not None

    again = make(qtbot, lang, services)
    assert again.load_pdf(tmp_path / "filled.pdf")
    assert again.duplicates.isVisible() and "Melnyk" in again.duplicates.text()
    assert again.register() is not None  # seen, registered anyway on the second click


def test_a_pdf_that_is_not_a_form_is_refused_in_the_users_language(qtbot, lang, services,
                                                                    tmp_path):
    other = tmp_path / "other.pdf"
    other.write_bytes(b"not a pdf")
    dialog = make(qtbot, lang, services)
    assert not dialog.load_pdf(other)
    assert "Rien n'a été importé" in dialog.error.text()


def test_the_menu_says_why_a_pdf_could_not_be_read(qtbot, make_main, services, tmp_path):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 half a file")
    window = make_main(services)
    dialog = window.open_transcription(from_pdf=True, path=broken)
    assert dialog is not None and dialog.isVisible()
    assert "Rien n'a été importé" in dialog.error.text()


def test_each_field_shows_the_number_printed_on_the_paper_not_its_internal_name(
        qtbot, lang, services):
    from PySide6.QtWidgets import QLabel

    dialog = make(qtbot, lang, services)
    shown = {label.buddy(): label.text() for label in dialog.findChildren(QLabel)
             if label.buddy() is not None}
    surname = shown[dialog.widgets["person2.surname"]]
    assert "2.1" in surname and "Nom" in surname
    assert "A3" in shown[dialog.widgets["household.street"]]
    assert not any("person" in text or "household." in text for text in shown.values())
