"""The documents dialog of a case: preview, print and save, with what was typed kept."""

from datetime import date

from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from desktop.ui.case_window import CaseWindow
from tests.ui.test_case_window import register


def open_dialog(qtbot, lang, services):
    window = CaseWindow(lang, services, register(services))
    qtbot.addWidget(window)
    window.show()
    dialog = window.open_documents()
    return window, dialog


def test_preview_then_save_an_intake_form_in_french_and_ukrainian(qtbot, lang, services,
                                                                   tmp_path):
    _window, dialog = open_dialog(qtbot, lang, services)
    assert dialog.main_language.currentData() == "fr"  # the organisation's language
    assert dialog.preview() == 1
    assert dialog.pages.itemAt(0).widget().pixmap().width() > 300
    saved = dialog.save(tmp_path / "fiche.pdf")
    text = PdfReader(saved).pages[0].extract_text()
    assert "Fiche d'accueil / Реєстраційна анкета" in text and "ШЕВЧЕНКО" in text
    assert "Enregistré" in dialog.status.text()


def test_a_referral_without_partner_is_refused_and_the_typing_stays(qtbot, lang, services,
                                                                     tmp_path):
    _window, dialog = open_dialog(qtbot, lang, services)
    dialog.kind.setCurrentIndex(dialog.kind.findData("referral"))
    assert dialog.partner.isVisibleTo(dialog) and not dialog.what.isVisibleTo(dialog)
    dialog.purpose.setText("cours de néerlandais")
    assert dialog.save(tmp_path / "lettre.pdf") is None
    assert "organisation partenaire" in dialog.error.text()
    assert dialog.purpose.text() == "cours de néerlandais"
    dialog.partner.setText("Huis van het Nederlands")
    assert dialog.save(tmp_path / "lettre.pdf") is not None
    assert dialog.error.text() == ""


def test_printing_sends_every_page_to_the_printer(qtbot, lang, services, tmp_path):
    _window, dialog = open_dialog(qtbot, lang, services)
    dialog.kind.setCurrentIndex(dialog.kind.findData("slip"))
    dialog.beside_language.setCurrentIndex(dialog.beside_language.findData("none"))
    dialog.what.setText("Ouverture de compte")
    dialog.when.setText("lundi 7 décembre, 10 h")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_document(printer) == 1
    assert len(PdfReader(tmp_path / "printed.pdf").pages) == 1
    assert "1" in dialog.status.text()


def test_forms_and_monthly_figures_without_a_case(qtbot, lang, services, tmp_path):
    from desktop.ui.documents_dialog import DocumentsDialog

    services.demo.generate(80, seed=3)
    dialog = DocumentsDialog(lang, services, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.kind.itemData(i) for i in range(dialog.kind.count())] == [
        "blank", "fillable", "monthly"]
    dialog.copies.setValue(2)
    assert dialog.copies.isVisibleTo(dialog) and not dialog.month.isVisibleTo(dialog)
    pages = dialog.preview()
    assert pages >= 2 and pages % 2 == 0  # each copy on its own pages
    dialog.kind.setCurrentIndex(dialog.kind.findData("fillable"))
    saved = dialog.save(tmp_path / "form.pdf")
    assert "person1.surname" in PdfReader(saved).get_fields()
    dialog.kind.setCurrentIndex(dialog.kind.findData("monthly"))
    dialog.month.setText("2026-14")
    assert dialog.preview() == 0 and "AAAA-MM" in dialog.error.text()
    dialog.month.setText(f"{date.today():%Y-%m}")
    assert dialog.preview() >= 1
    table = dialog.save_table(tmp_path / "figures.csv")
    assert "Personnes par sexe et âge" in table.read_text("utf-8-sig")


def test_an_administrator_sets_a_logo_that_every_document_then_carries(qtbot, lang, services,
                                                                         paths, tmp_path):
    from PIL import Image

    from desktop.settings import Settings
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(lang, Settings(), paths, services.secrets, None, services.documents)
    qtbot.addWidget(dialog)
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_text("no picture here")
    assert not dialog.choose_logo(not_an_image)
    assert "n'est pas une image" in dialog.logo_error.text()
    assert services.documents.logo is None
    picture = tmp_path / "cpas.png"
    Image.new("RGB", (1200, 400), "navy").save(picture)
    assert dialog.choose_logo(picture)
    assert "logo est imprimé" in dialog.logo_state.text()
    form = services.documents.fillable_intake(tmp_path / "f.pdf",
                                              services.documents.languages("fr", "uk"))
    page = PdfReader(form).pages[0]
    assert any(xobject.get_object()["/Subtype"] == "/Image"
               for xobject in page["/Resources"]["/XObject"].values())
    dialog.remove_logo()
    assert services.documents.logo is None


def test_the_monthly_report_is_made_off_the_gui_thread(qtbot, lang, services, tasks,
                                                       tmp_path):
    from desktop.ui.documents_dialog import DocumentsDialog

    services.demo.generate(60, seed=5)
    dialog = DocumentsDialog(lang, services, None, None, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind.setCurrentIndex(dialog.kind.findData("monthly"))
    assert dialog.preview() == 0  # handed to the worker
    assert dialog.progress.isVisibleTo(dialog) and not dialog.preview_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.shown_pages > 0, timeout=10_000)
    assert dialog.preview_button.isEnabled() and not dialog.progress.isVisibleTo(dialog)
    dialog.save(tmp_path / "figures.pdf")
    qtbot.waitUntil(lambda: (tmp_path / "figures.pdf").exists(), timeout=10_000)
    assert "Enregistré" in dialog.status.text()
    assert dialog.save_table(tmp_path / "figures.xlsx") is None  # handed to the worker
    qtbot.waitUntil(lambda: (tmp_path / "figures.xlsx").exists(), timeout=10_000)
    qtbot.waitUntil(lambda: "figures.xlsx" in dialog.status.text(), timeout=10_000)
    dialog.month.setText("mars")
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert "AAAA-MM" in dialog.error.text() and dialog.preview_button.isEnabled()


def test_choosing_another_document_clears_the_preview_and_the_saved_line(
        qtbot, lang, services, tasks, tmp_path):
    from desktop.ui.documents_dialog import DocumentsDialog

    services.demo.generate(30, seed=7)
    dialog = DocumentsDialog(lang, services, None, None, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preview() >= 1  # the blank form
    dialog.kind.setCurrentIndex(dialog.kind.findData("monthly"))
    assert dialog.shown_pages == 0 and dialog.pages.count() == 0  # not the blank form's
    dialog.preview()
    qtbot.waitUntil(lambda: dialog.shown_pages > 0, timeout=10_000)
    dialog.save(tmp_path / "monthly.pdf")
    qtbot.waitUntil(lambda: "monthly.pdf" in dialog.status.text(), timeout=10_000)
    dialog.kind.setCurrentIndex(dialog.kind.findData("fillable"))
    assert dialog.pages.count() == 0 and dialog.status.text() == ""
    # a monthly preview still being made when the choice changes is not shown after it
    dialog.kind.setCurrentIndex(dialog.kind.findData("monthly"))
    dialog.preview()
    dialog.beside_language.setCurrentIndex(dialog.beside_language.findData("none"))
    qtbot.waitUntil(lambda: dialog.preview_button.isEnabled(), timeout=10_000)
    assert dialog.pages.count() == 0 and dialog.shown_pages == 0
