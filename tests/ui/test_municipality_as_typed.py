"""A municipality that what was typed names unambiguously is chosen as typed (W1-03), and a
postal code fills the intake's municipality (W1-34a); a shared code offers both."""

from desktop.core.reference import reference_data
from desktop.ui.intake_wizard import IntakeWizard
from desktop.ui.setup_wizard import SetupWizard


def test_the_setup_chooses_a_single_match_as_typed(qtbot, lang, vault):
    wizard = SetupWizard(lang, vault, reference_data())
    qtbot.addWidget(wizard)
    page = wizard.organisation_page
    qtbot.keyClicks(page.search, "4000")  # no Enter, no click
    assert page.municipality().refnis == "62063" and page.isComplete()
    assert "CPAS de Liège" in page.preview.text()
    page.search.clear()
    qtbot.keyClicks(page.search, "Luik")
    assert page.isComplete()
    page.search.setText("1040")  # Bruxelles or Etterbeek: the person chooses
    assert page.results.count() == 2 and not page.isComplete()


def open_home_page(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    return wizard.home_page


def test_a_postal_code_fills_the_intake_municipality(qtbot, lang, services):
    home = open_home_page(qtbot, lang, services)
    qtbot.keyClicks(home.postal_code, "4000")
    assert home.municipality.text() == "Liège" and home.picker.refnis() == "62063"
    home.postal_code.setText("1050")  # changed: the filled name follows, both offered
    assert home.municipality.text() == "1050"
    offered = {home.municipalities.item(row).text().split(" / ")[0]
               for row in range(home.municipalities.count())}
    assert offered == {"Bruxelles", "Ixelles"}


def test_a_municipality_the_person_typed_is_never_replaced(qtbot, lang, services):
    home = open_home_page(qtbot, lang, services)
    qtbot.keyClicks(home.municipality, "Namur")
    qtbot.keyClicks(home.postal_code, "4000")
    assert home.municipality.text() == "Namur"  # a mismatch is said on Next, not overwritten
    home.municipality.setText("Bruxelles")
    home.postal_code.setText("1040")
    assert home.municipality.text() == "Bruxelles" and home.picker.refnis() == "21004"
