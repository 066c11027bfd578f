"""The import wizard shows an export's formula-like cells as they will be imported: the
quote the export put before them (exchange/cells.py) is not part of the value."""

from desktop.core.i18n import Translator
from desktop.ui.import_wizard import ImportWizard
from tests.exchange.test_formula_injection import HOSTILE, register_hostile
from tests.ui.import_file import next_from_file


def test_the_mapping_page_shows_formula_like_names_without_the_export_quote(
        qtbot, lang, services, paths, tasks, tmp_path):
    target = tmp_path / "persons.csv"
    register_hostile(services).exports.export("persons", target, "csv", tr=Translator("fr"))
    assert "'" + HOSTILE[0] in target.read_text(encoding="utf-8-sig").replace('""', '"')
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(target))
    next_from_file(qtbot, wizard)
    page = wizard.mapping_page
    surname = [c.currentData() for c in page.combos].index("surname_latin")
    shown = page.table.item(surname, 1).text()
    assert shown.startswith(HOSTILE[0]) and "'=" not in shown
