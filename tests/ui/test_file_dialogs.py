"""File dialogs speak the interface language: Qt's own labels, and the file name suggested
(what and when, never who)."""

from datetime import date

import pytest
from PySide6.QtCore import QFileInfo, Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit

from desktop.core.file_names import WHATS, suggested_name
from desktop.core.i18n import LANGUAGES, Translator
from desktop.ui.export_dialog import ExportDialog
from tests.ui.test_documents_dialog import open_dialog

ENGLISH_LABELS = {"&Look in:", "File &name:", "Files of &type:"}


def answer_next_file_dialog(seen: dict) -> None:
    """Notes what the next modal file dialog shows, then cancels it."""

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        seen["labels"] = {label.text() for label in dialog.findChildren(QLabel)
                          if label.text()}
        seen["name"] = dialog.findChild(QLineEdit, "fileNameEdit").text()
        seen["filters"] = dialog.nameFilters()
        seen["folder_type"] = dialog.iconProvider().type(QFileInfo(dialog.directory().path()))
        dialog.reject()

    QTimer.singleShot(0, look)


@pytest.mark.parametrize("code", ["fr", "nl", "de", "uk"])
def test_export_save_dialog_has_no_english_label_and_a_translated_name(qtbot, lang, services,
                                                                      tasks, code):
    lang.set_language(code)
    dialog = ExportDialog(lang, services, tasks)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("households"))
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    seen: dict = {}
    answer_next_file_dialog(seen)
    # As a person does it: the button (whose `clicked(checked)` once became a file "False").
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert seen["labels"] and not seen["labels"] & ENGLISH_LABELS
    assert seen["folder_type"] != "Folder"
    expected = Translator(code)("file_name.export_households")
    assert seen["name"] == f"{expected}-{date.today().isoformat()}.xlsx"
    assert "households" not in seen["name"]
    assert dialog.done_label.text() == ""  # cancelled: nothing written


def test_documents_are_suggested_under_a_name_in_the_interface_language(qtbot, lang, services):
    lang.set_language("nl")
    _window, dialog = open_dialog(qtbot, lang, services)
    dialog.kind.setCurrentIndex(dialog.kind.findData("summary"))
    seen: dict = {}
    answer_next_file_dialog(seen)
    assert dialog.save() is None
    number = services.case_files.open(dialog.case_id).case.file_number  # "2026/000001"
    assert seen["name"] == (f"relais-dossiersamenvatting-{number.replace('/', '-')}-"
                            f"{date.today().isoformat()}.pdf")  # two cases: two names
    assert "Bestands&type:" in seen["labels"]
    assert seen["filters"] == ["PDF-document (*.pdf)"]


def test_the_figures_table_is_offered_as_described_file_types(qtbot, lang, services):
    from desktop.ui.documents_dialog import DocumentsDialog

    dialog = DocumentsDialog(lang, services, None)
    qtbot.addWidget(dialog)
    seen: dict = {}
    answer_next_file_dialog(seen)
    assert dialog.save_table() is None
    assert seen["filters"] == ["Classeur Excel (*.xlsx)", "Fichier CSV (*.csv)"]
    assert seen["name"].startswith("relais-") and "-20" in seen["name"]  # no file number


def test_the_recovery_sheet_is_suggested_in_the_interface_language(qtbot, lang, vault):
    from desktop.core.reference import reference_data
    from desktop.ui.setup_wizard import SetupWizard

    lang.set_language("uk")
    wizard = SetupWizard(lang, vault, reference_data())
    qtbot.addWidget(wizard)
    seen: dict = {}
    answer_next_file_dialog(seen)
    wizard.recovery_page._save_sheet()
    assert seen["name"] == "relais-аркуш-відновлення.pdf"
    assert "&Шукати в:" in seen["labels"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_suggested_name_exists_and_is_a_valid_file_name(code):
    tr = Translator(code)
    for what in WHATS:
        name = suggested_name(tr, what, "pdf", date(2026, 11, 27))
        assert not name.startswith("file_name."), what
        assert not set(name) & set('<>:"/\\|?*'), name
        assert name.endswith("-2026-11-27.pdf")
        numbered = suggested_name(tr, what, "pdf", date(2026, 11, 27), "2026/000123")
        assert numbered.endswith("-2026-000123-2026-11-27.pdf"), numbered


def test_every_file_dialog_goes_through_the_translated_one():
    from pathlib import Path

    import desktop

    root = Path(desktop.__file__).parent
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if "QFileDialog.get" in path.read_text(encoding="utf-8")]
    assert offenders == []
