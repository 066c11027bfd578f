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


@pytest.mark.parametrize(("typed", "meant"), [
    ("Lie", ""),  # the beginning of Liège, Liedekerke, Lierde…: highlighted, not chosen
    ("1050", ""),  # Brussels or Ixelles: the person chooses
    ("Liège", "62063"), ("luik", "62063"), ("4000", "62063"),
])
def test_the_municipality_picker_takes_only_what_names_one_municipality(qtbot, lang, typed,
                                                                       meant):
    from desktop.ui.municipality_picker import MunicipalityPicker

    picker = MunicipalityPicker(lang, reference_data())
    qtbot.addWidget(picker)
    picker.edit.setText(typed)
    assert picker.refnis() == meant
    if not meant and picker.matches.count():
        picker.matches.itemActivated.emit(picker.matches.item(0))  # chosen in the list
        assert picker.refnis() == picker.matches.item(0).data(0x0100)
