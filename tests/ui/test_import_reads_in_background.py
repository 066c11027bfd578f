"""The import wizard reads the chosen file off the GUI thread: Next shows that the file is
being read and returns at once, so a large file never freezes the window."""

from desktop.ui.import_wizard import ImportWizard
from tests.exchange.test_import import FRENCH_CSV, write
from tests.ui.import_file import next_from_file


def test_next_reads_the_file_in_the_background_then_moves_on(qtbot, lang, services, paths,
                                                             tasks, tmp_path):
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.path.setText(str(write(tmp_path / "liste.csv", FRENCH_CSV)))
    wizard.next()
    # Back in the event loop before the file is read: still here, saying it reads, and
    # neither Next nor the file can be changed meanwhile.
    assert wizard.currentPage() is page
    assert page.reading and page.busy.isVisible()
    assert page.reading_label.isVisible() and page.reading_label.text() == "Lecture du fichier…"
    assert not page.isComplete() and not page.path.isEnabled()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    assert not page.busy.isVisible() and not page.reading_label.isVisible()
    assert page.path.isEnabled()
    assert wizard.mapping_page.combos[2].currentData() == "surname"


def test_a_file_that_cannot_be_read_is_said_and_another_can_be_chosen(qtbot, lang, services,
                                                                      paths, tasks, tmp_path):
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.file_page
    page.path.setText(str(tmp_path / "missing.csv"))
    next_from_file(qtbot, wizard)
    assert wizard.currentPage() is page and "missing.csv" in page.error.text()
    assert page.path.isEnabled() and page.isComplete() and not page.busy.isVisible()
    page.path.setText(str(write(tmp_path / "liste.csv", FRENCH_CSV)))
    next_from_file(qtbot, wizard)
    assert wizard.currentPage() is wizard.mapping_page
    assert page.error.text() == ""


def test_a_file_read_after_the_wizard_was_cancelled_goes_nowhere(qtbot, lang, services, paths,
                                                                 tasks, tmp_path):
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(write(tmp_path / "liste.csv", FRENCH_CSV)))
    wizard.next()
    wizard.reject()
    qtbot.waitUntil(lambda: not wizard.file_page.reading, timeout=10_000)
    assert wizard.table_rows == [] and wizard.mapping is None and wizard.file_page.ready is None
