"""The import wizard meets a hostile workbook: the message under the file name, the window
alive, and the file name kept so another file can be chosen."""

from desktop.ui.import_wizard import ImportWizard
from tests.exchange.hostile_files import text_cell, xlsx
from tests.ui.import_file import next_from_file


def test_a_workbook_reaching_xfd1048576_is_said_under_the_file(qtbot, lang, services, paths,
                                                                 tasks, tmp_path):
    path = xlsx(tmp_path / "liste.xlsx", '<row r="1048576">' + text_cell("XFD1048576", "x")
                + "</row>", dimension="XFD1048576")
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(path))
    next_from_file(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    message = wizard.file_page.error.text()
    assert "liste.xlsx" in message and "1048576" in message and "XFD" in message
    assert wizard.file_page.path.text() == str(path)
