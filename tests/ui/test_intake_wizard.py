"""The social worker's intake wizard, end to end, with an error fixed on the way and a draft."""

from PySide6.QtWidgets import QWizard
from sqlmodel import Session, select

from desktop.core.models import (
    Accommodation,
    CaseFile,
    IdentityDocument,
    Person,
    ProtectionStatus,
    Referral,
)
from desktop.ui.intake_wizard import IntakeWizard
from tests.ui.test_quick_intake import fill_mother, type_text


def test_a_social_worker_registers_a_household_through_the_wizard(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    members = wizard.members_page
    wizard.next()
    assert wizard.currentPage() is members  # nothing typed yet: stays, says why
    assert "Indiquez le nom" in members.rows[0].error.text()
    fill_mother(members.rows[0])
    members.add.click()
    child = members.rows[1]
    type_text(child.fields["surname_cyr"], "Шевченко")
    type_text(child.fields["given_name_cyr"], "Андрій")
    type_text(child.fields["birth_date"], "2015")
    wizard.next()
    details = wizard.details_page
    assert wizard.currentPage() is details and details.tabs.count() == 2
    mother = details.forms[0]
    type_text(mother.fields["patronymic_cyr"], "Петрівна")
    assert mother.fields["patronymic_lat"].text() == "Petrivna"
    mother.fields["national_number"].setText("85073003329")
    mother.document["number"].setText("FA123456")
    mother.fields["annex15_issued_on"].setText("10/03/2022")
    wizard.next()
    assert wizard.currentPage() is details
    assert "chiffres de contrôle" in mother.error.text()
    assert mother.fields["national_number"].text() == "85073003329"  # kept as typed
    mother.fields["national_number"].setText("")
    wizard.next()
    home = wizard.home_page
    assert wizard.currentPage() is home
    home.kind.setCurrentIndex(home.kind.findData("host_family"))
    qtbot.keyClicks(home.host, "Famille Dupont")
    qtbot.keyClicks(home.municipality, "Luik")
    qtbot.keyClicks(home.postal_code, "4000")
    home.needs[next(iter(home.needs))].setChecked(True)
    qtbot.keyClicks(home.partner, "FOREM")
    wizard.next()
    assert wizard.currentPage() is wizard.review_page
    assert "2 personnes seront enregistrées" in wizard.review_page.summary.text()
    with qtbot.waitSignal(wizard.registered) as registered:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    with Session(services.session.engine) as db:
        case = db.get(CaseFile, registered.args[0])
        persons = db.exec(select(Person)).all()
        accommodation = db.exec(select(Accommodation)).one()
        referral = db.exec(select(Referral)).one()
        document = db.exec(select(IdentityDocument)).one()
        protection = db.exec(select(ProtectionStatus)).one()
    assert not case.to_be_completed
    assert {p.patronymic_lat for p in persons} == {"Petrivna", ""}
    assert (accommodation.host_name, accommodation.municipality_refnis) == (
        "Famille Dupont", "62063")
    assert referral.partner == "FOREM"
    assert document.number == "FA123456"
    assert protection.annex15_expires_on.isoformat() == "2022-04-24"


def test_closing_the_wizard_keeps_a_draft_it_can_resume(qtbot, lang, services, make_main):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_mother(wizard.members_page.rows[0])
    wizard.reject()
    [draft] = services.drafts.mine()
    assert draft.kind == "intake"
    window = make_main(services)
    window.offer_drafts().resume_button.click()
    resumed = window.findChild(IntakeWizard)
    assert resumed.members_page.rows[0].fields["surname_cyr"].text() == "Шевченко"


def test_what_next_said_is_missing_stays_when_another_field_is_left(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    row = wizard.members_page.rows[0]
    wizard.next()
    assert "Indiquez le prénom" in row.error.text()
    type_text(row.fields["surname_cyr"], "Шевченко")
    row.fields["surname_cyr"].editingFinished.emit()
    assert "Indiquez le nom" not in row.error.text()  # filled: its message goes
    assert "Indiquez le prénom" in row.error.text()  # the others stay
    type_text(row.fields["given_name_cyr"], "Юлія")
    type_text(row.fields["birth_date"], "30/07/1985")
    row.fields["birth_date"].editingFinished.emit()
    assert row.error.text() == ""
    wizard.next()
    mother = wizard.details_page.forms[0]
    mother.document["issued_on"].setText("10/03/2022")  # a date without its number
    wizard.next()
    assert "Le numéro du document manque." in mother.error.text()
    type_text(mother.fields["patronymic_cyr"], "Петрівна")
    mother.fields["patronymic_cyr"].editingFinished.emit()
    assert "Le numéro du document manque." in mother.error.text()
    mother.document["number"].setText("FA123456")
    mother.document["number"].editingFinished.emit()
    assert "Le numéro du document manque." not in mother.error.text()
