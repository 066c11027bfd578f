"""Editing a registered person: what is typed or erased is saved or said, never ignored."""

from sqlmodel import Session, select

from desktop.core.intake_input import HouseholdInput
from desktop.core.models import IdentityDocument, Person
from desktop.ui.person_dialog import PersonDialog
from tests.core.test_intake import mother


def open_mother(qtbot, lang, services) -> PersonDialog:
    services.intake.register(HouseholdInput(members=[mother()]))
    with Session(services.session.engine) as db:
        person_id = db.exec(select(Person.id)).one()
    dialog = PersonDialog(lang, services, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_erasing_a_stored_document_number_is_said_not_ignored(qtbot, lang, services):
    dialog = open_mother(qtbot, lang, services)
    dialog.details.document["number"].clear()
    dialog.save()
    assert dialog.isVisible()
    assert lang.tr("intake.document_number_required") in dialog.error.text()
    with Session(services.session.engine) as db:
        assert db.exec(select(IdentityDocument.number)).one() == "FA123456"


def test_need_details_without_a_need_are_said_before_saving(qtbot, lang, services):
    dialog = open_mother(qtbot, lang, services)
    dialog.details.fields["specific_need_details"].setText("Insuline le matin")
    dialog.save()
    assert dialog.isVisible()
    assert lang.tr("intake.need_details_without_need") in dialog.error.text()


def test_every_language_a_person_has_is_shown_and_kept(qtbot, lang, services):
    from tests.core.test_intake import mother as a_mother

    person = a_mother()
    person.languages = ["uk", "pl", "ka", "crh"]  # as imported or merged
    services.intake.register(HouseholdInput(members=[person]))
    with Session(services.session.engine) as db:
        person_id = db.exec(select(Person.id)).one()
    dialog = PersonDialog(lang, services, person_id)
    qtbot.addWidget(dialog)
    dialog.show()
    extra = dialog.details.language_boxes.extra
    assert {code: box.text() for code, box in extra.items()} == {
        "pl": "Polonais", "ka": "Géorgien", "crh": "Tatar de Crimée"}
    assert all(box.isChecked() and box.isVisible() for box in extra.values())
    dialog.details.languages["fr"].setChecked(True)
    extra["ka"].setChecked(False)  # unticking is the one way to remove a language
    dialog.save()
    with Session(services.session.engine) as db:
        assert db.get(Person, person_id).languages == ["uk", "pl", "crh", "fr"]
    from desktop.core.i18n import language_name

    assert (language_name("pl", "uk"), language_name("xx", "nl")) == ("Польська", "xx")


def test_a_problem_is_said_after_its_label_with_the_french_colon(qtbot, lang, services):
    dialog = open_mother(qtbot, lang, services)  # in French
    dialog.details.fields["national_number"].setText("85073003329")
    dialog.save()
    label, message = lang.tr("intake.field_national_number"), lang.tr("nrn.checksum")
    assert f"{label}\u00a0: {message}" in dialog.error.text()  # "… BIS : Le numéro …"
