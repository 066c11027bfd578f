"""The partner directory's window and the case window's "Choose a partner…": filters,
administrators' editing, regional entries read-only, the referral with its entry, its
outcome and its letter."""

from __future__ import annotations

from datetime import date

import pytest
from shiboken6 import isValid
from sqlmodel import Session, select

from desktop.core.enums import PartnerKind, PartnerScope, ReferralStatus, Role
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.models import PartnerService, Referral
from desktop.core.uow import UnitOfWork
from desktop.ui.case_window import CaseWindow
from desktop.ui.partners.dialog import PartnersDialog
from desktop.ui.partners.editor import PartnerEditor
from tests.conftest import login_as


@pytest.fixture
def directory(qtbot, lang, services, tasks):
    dialog = PartnersDialog(lang, services, tasks)
    qtbot.addWidget(dialog)
    return dialog


def names(dialog) -> list[str]:
    return [p.name for p in dialog.browser.partners]


def test_an_empty_directory_offers_the_examples_then_filters_them(directory):
    assert directory.empty.isVisibleTo(directory)
    assert directory.examples_button.isVisibleTo(directory)
    directory.load_examples()
    assert len(names(directory)) == 12
    assert not directory.examples_button.isVisibleTo(directory)
    browser = directory.browser
    browser.kind.setCurrentIndex(browser.kind.findData(PartnerKind.HOUSING))
    assert names(directory) == ["Agence immobilière sociale Les Tilleuls"]
    browser.kind.setCurrentIndex(0)
    browser.language.setCurrentIndex(browser.language.findData("ru"))
    assert "Espace d'écoute Ancre" in names(directory)
    assert len(names(directory)) == 5
    browser.municipality.setText("Namur")  # the examples are in Liège
    assert names(directory) == []
    browser.municipality.setText("Lie")  # not one municipality: said, not filtered
    assert browser.hint.isVisibleTo(directory) and len(names(directory)) == 5
    browser.municipality.setText("4000")
    assert not browser.hint.isVisibleTo(directory) and len(names(directory)) == 5


def test_an_administrator_adds_an_entry_and_a_problem_keeps_what_was_typed(directory, qtbot):
    editor = directory.add()
    qtbot.addWidget(editor)
    editor.kind.setCurrentIndex(editor.kind.findData(PartnerKind.LEGAL_AID))
    editor.fields["name"].setText("Permanence juridique Exemple")
    editor.fields["municipality"].setText("Lie")
    editor.fields["email"].setText("droit@example.org")
    editor.languages.boxes["uk"].setChecked(True)
    editor.save()
    assert editor.isVisible() or editor.result() == 0
    assert "Lie" in editor.error.text()  # not one municipality: said, nothing saved
    assert editor.fields["name"].text() == "Permanence juridique Exemple"
    editor.fields["municipality"].setText("Liège")
    editor.fields["municipalities"].setText("Liège, 5000")
    editor.fields["verified_on"].setText(date.today().strftime("%d/%m/%Y"))
    editor.save()
    assert editor.result() == PartnerEditor.DialogCode.Accepted
    (partner,) = directory.browser.partners
    assert (partner.kind, partner.municipality_refnis, partner.municipalities,
            partner.languages) == (PartnerKind.LEGAL_AID, "62063", ["62063", "92094"], ["uk"])
    assert directory.browser.current().id == partner.id  # selected after saving
    assert "droit@example.org" in directory.browser.details.text()


def test_a_regional_entry_is_shown_but_not_editable(directory, services, session):
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.add(PartnerService(kind=PartnerKind.INTEGRATION_PATHWAY, name="Parcours régional",
                               scope=PartnerScope.REGIONAL, owner="region:WAL"))
    directory.refresh()
    directory.browser.table.selectRow(0)
    assert not directory.edit_button.isEnabled()
    assert directory.edit() is None
    assert directory.message.text() == directory.lang.tr("partners.regional_read_only")


def test_a_volunteer_reads_the_directory_without_keeping_it(qtbot, lang, vault, services,
                                                             tasks):
    services.partners.load_examples()
    volunteer = login_as(vault, services, "vol", Role.VOLUNTEER)
    dialog = PartnersDialog(lang, volunteer, tasks)
    qtbot.addWidget(dialog)
    assert len(names(dialog)) == 12
    for button in (dialog.add_button, dialog.edit_button, dialog.import_button,
                   dialog.examples_button):
        assert not button.isVisibleTo(dialog)
    assert dialog.export_button.isVisibleTo(dialog)


def test_a_referral_picks_a_partner_records_its_outcome_and_makes_its_letter(
        qtbot, lang, services, session, monkeypatch):
    services.partners.load_examples()
    case_id = services.intake.register(HouseholdInput(
        members=[PersonInput(surname_cyr="Коваль", given_name_cyr="Олена",
                             surname_lat="Koval", given_name_lat="Olena",
                             birth_date="1990")],
        accommodation_type="rental", postal_code="4000", municipality_refnis="62063"))
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    picker = window.referral.choose()
    qtbot.addWidget(picker)
    assert picker.browser.municipality_refnis() == "62063"  # the household's, first
    browser = picker.browser
    browser.kind.setCurrentIndex(browser.kind.findData(PartnerKind.LANGUAGE_COURSES))
    browser.table.selectRow(0)
    picker.choose()
    assert window.partner.text() == "Atelier de langue Horizon"
    window.purpose.setText("cours de français")
    window._add_referral()
    with Session(session.engine) as db:
        (referral,) = db.exec(select(Referral))
    horizon = {p.name: p.id for p in services.partners.search()}["Atelier de langue Horizon"]
    assert referral.partner_id == horizon
    assert referral.partner == "Atelier de langue Horizon"
    assert window.referral.partner_id is None  # the form is empty again

    window.referrals.selectRow(0)
    window.referral.status.setCurrentIndex(
        window.referral.status.findData(ReferralStatus.WAITING))
    window._record_outcome()
    assert window.referrals.item(0, 2).text() == lang.tr("referral_status.waiting")
    assert window.referrals.item(0, 4).text() == date.today().strftime("%d/%m/%Y")
    window.referral.status.setCurrentIndex(0)
    window.referrals.clearSelection()
    window.referrals.selectRow(0)  # the box follows the selected referral
    assert window.referral.status.currentData() == ReferralStatus.WAITING

    window.referrals.selectRow(0)
    letter = window.open_referral_letter()
    qtbot.addWidget(letter)
    assert (letter.partner.text(), letter.purpose.text()) == ("Atelier de langue Horizon",
                                                              "cours de français")
    assert letter.partner_id == referral.partner_id
    made = letter.make()
    from io import BytesIO

    from pypdf import PdfReader

    text = PdfReader(BytesIO(made)).pages[0].extract_text()
    assert "Rue de l'Exemple 3, 4000 Liège" in text


def test_typing_over_a_chosen_partner_makes_it_free_text(qtbot, lang, services):
    services.partners.load_examples()
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]))
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.referral.take(services.partners.search()[0])
    assert window.referral.partner_id is not None
    qtbot.keyClicks(window.partner, " bis")
    assert window.referral.partner_id is None


def test_the_window_s_demo_data_loads_the_examples_like_the_command(qtbot, make_main,
                                                                    services):
    window = make_main(services)
    dialog = window.open_demo()
    dialog.persons.setValue(10)
    dialog._start()
    # The dialog closes and deletes itself when done (quickly for 10 persons).
    qtbot.waitUntil(lambda: not isValid(dialog) or not dialog.isVisible(), timeout=30_000)
    assert len(services.partners.search()) == 12
