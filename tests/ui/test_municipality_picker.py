"""The setup page promises German names: the picker finds them, umlauts optional."""

import pytest

from desktop.core.reference import reference_data
from desktop.ui.setup_wizard import SetupWizard


@pytest.mark.parametrize("typed", ["Lüttich", "luttich", "Luettich"])
def test_the_organisation_picker_finds_liege_by_its_german_name(qtbot, lang, vault, typed):
    lang.set_language("de")
    wizard = SetupWizard(lang, vault, reference_data())
    qtbot.addWidget(wizard)
    page = wizard.organisation_page
    page.search.setText(typed)
    assert page.results.count() >= 1
    assert page.results.item(0).text().startswith("Lüttich / Liège / Luik")
    page.results.setCurrentRow(0)
    assert page.municipality().refnis == "62063"
    assert "CPAS de Liège" in page.preview.text()  # the organisation keeps its official name
