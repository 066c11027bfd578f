"""Text too long is said on the wizard's page that holds the field, under the field's name,
and what was typed stays: a 10,000-letter Latin surname was let through the household page
and said on the next page, where that field is not."""

from desktop.ui.intake_wizard import IntakeWizard
from tests.ui.test_quick_intake import fill_mother


def test_a_huge_latin_surname_is_said_on_the_household_page(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    members = wizard.members_page
    fill_mother(members.rows[0])
    members.rows[0].fields["surname_lat"].setText("Ab" * 5_000)  # pasted
    wizard.next()
    assert wizard.currentPage() is members
    assert "100 au maximum" in members.rows[0].error.text()
    assert members.rows[0].fields["surname_lat"].text() == "Ab" * 5_000


def test_a_street_too_long_is_said_under_its_name(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    fill_mother(wizard.members_page.rows[0])
    wizard.next()
    wizard.next()
    home = wizard.home_page
    assert wizard.currentPage() is home
    home.street.setText("Rue " * 1_000)
    home.partner.setText("P" * 2_001)
    wizard.next()
    assert wizard.currentPage() is home
    said = home.error.text().splitlines()
    assert [line.split("\u00a0:")[0] for line in said] == [
        lang.tr("intake.field_street"), lang.tr("intake.field_referral_partner")]
    assert home.street.text() == "Rue " * 1_000


def test_each_persons_tab_is_named_without_pasted_controls(qtbot, lang, services):
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    row = wizard.members_page.rows[0]
    fill_mother(row)
    row.fields["surname_lat"].setText("\u202eShevchenko\x1b")
    row.fields["given_name_lat"].setText("Yu\x07liia")
    wizard.next()
    assert wizard.currentPage() is wizard.details_page
    assert wizard.details_page.tabs.tabText(0) == "Yuliia Shevchenko"
