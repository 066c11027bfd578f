"""The import wizard and the export dialog, driven like a CPAS worker would."""

from PySide6.QtWidgets import QWizard
from sqlmodel import Session, func, select

from desktop.core.models import Person
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.import_wizard import ImportWizard
from tests.exchange.test_import import FRENCH_CSV, write
from tests.ui.import_file import next_from_file


def test_import_wizard_from_file_to_import(qtbot, lang, services, paths, tasks, tmp_path):
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(tmp_path / "missing.csv"))
    next_from_file(qtbot, wizard)
    assert wizard.currentPage() is wizard.file_page
    assert "missing.csv" in wizard.file_page.error.text()
    wizard.file_page.path.setText(str(write(tmp_path / "liste.csv", FRENCH_CSV)))
    next_from_file(qtbot, wizard)
    mapping = wizard.mapping_page
    assert wizard.currentPage() is mapping
    assert mapping.combos[2].currentData() == "surname"
    mapping.name.setText("cpas liege")
    mapping._save()
    assert "cpas liege" in mapping.saved.text()
    wizard.next()
    report = wizard.report_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    assert "3 personnes dans 2 ménages" in report.summary.text()
    assert report.problems.rowCount() == 4
    assert not report.isComplete()  # rows rejected: only with the checkbox
    report.skip_invalid.setChecked(True)
    assert report.isComplete()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.next()
    with Session(services.session.engine) as db:
        assert db.exec(select(func.count()).select_from(Person)).one() == 3
    qtbot.waitUntil(lambda: wizard.button(QWizard.WizardButton.FinishButton).isEnabled())
    # done: only Close is left, and the line left out is said
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    assert wizard.run_page.label.text().splitlines()[1] == \
        "4 lignes n'ont pas été importées à cause d'un problème\u00a0: lignes 7, 8, 9, 10."


def test_export_dialog_writes_the_chosen_columns(qtbot, lang, services, tasks, tmp_path):
    services.demo.generate(30, seed=3)
    dialog = ExportDialog(lang, services, tasks)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("cases"))
    dialog.format.setCurrentIndex(dialog.format.findData("csv"))
    # The columns are named in the interface language, not by their codes.
    shown = [dialog.columns.item(index).text() for index in range(dialog.columns.count())]
    assert "N° de dossier" in shown and "Statut" in shown
    assert [text for text in shown if "_" in text] == []
    for index in range(dialog.columns.count()):
        if dialog.columns.item(index).text() not in ("N° de dossier", "Statut"):
            dialog.columns.item(index).setCheckState(
                __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.CheckState.Unchecked)
    target = tmp_path / "cases.csv"
    dialog.export(target)
    qtbot.waitUntil(lambda: dialog.done_label.text() != "", timeout=10_000)
    # Written in the interface language: labels, not codes.
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "N° de dossier;Statut"
    assert {line.split(";")[1] for line in lines[1:]} <= {"Ouvert", "Suivi", "Clôturé"}


def test_the_mapping_page_shows_the_columns_left_out(qtbot, lang, services, paths, tasks,
                                                      tmp_path):
    from tests.exchange.test_ignored_columns import LIST

    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    beyond = LIST + "Melnyk;Iryna;05/06/1990;;;;;0470 12 34 56\n"  # data past the last header
    wizard.file_page.path.setText(str(write(tmp_path / "liste.csv", beyond, "utf-8")))
    next_from_file(qtbot, wizard)
    page = wizard.mapping_page
    labels = [page.table.verticalHeaderItem(i).text() for i in range(page.table.rowCount())]
    assert labels == ["A", "B", "C", "D", "E", "F", "G", "H"]  # H has no header: choosable
    assert page.combos[7].accessibleName() == "Signifie H"
    notice = page.ignored
    assert notice.isVisible()
    assert notice.text().endswith(": D «\u00a0Nom de famille\u00a0» (même contenu que A), "
                                  "E «\u00a0Remarques du bénévole\u00a0», F, "
                                  "G «\u00a0Lieu de naissance\u00a0», H")
    assert ("colonne D «\u00a0Nom de famille\u00a0»\u00a0: «\u00a0Nom (tout alphabet)\u00a0» "
            "vient déjà de la colonne A") in notice.toolTip()  # why, for each one
    assert "non reconnue" in page.table.item(4, 0).toolTip() and \
        page.table.item(4, 0).font().italic()
    # Still choosable: giving E a meaning takes it off the list; the notes are imported.
    page.combos[4].setCurrentIndex(page.combos[4].findData("notes"))
    assert "E «\u00a0" not in notice.text() and not page.table.item(4, 0).font().italic()
    # Choosing a meaning a first column already holds puts the second one on the list.
    page.combos[2].setCurrentIndex(page.combos[2].findData("given_name"))
    assert "C «\u00a0Date de naissance (jj/mm/aaaa)\u00a0» (même contenu que B)" in notice.text()
    page.combos[2].setCurrentIndex(page.combos[2].findData("birth_date"))
    wizard.resize(1000, 640)
    wizard.grab().save("/tmp/B-mapping.png")
    wizard.next()
    report = wizard.report_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    assert [c.letter for c in wizard.plan.ignored_columns] == ["D", "F", "G", "H"]
    assert report.ignored.isVisible()
    assert "G «\u00a0Lieu de naissance\u00a0»" in report.ignored.text()
    wizard.grab().save("/tmp/B-report.png")


def test_the_mapping_page_says_which_saved_columns_the_file_lacks(qtbot, lang, services,
                                                                   paths, tasks, tmp_path):
    from desktop.exchange.columns import Mapping
    from desktop.exchange.mappings import save_mapping

    save_mapping(paths, "cpas liege", Mapping(0, {0: "surname", 1: "given_name",
                                                  2: "phone"}), ["Nom", "Prénom", "GSM"])
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(write(tmp_path / "liste.csv",
                                            "Nom;Prénom\nKoval;Olena\n", "utf-8")))
    wizard.file_page.saved.setCurrentIndex(wizard.file_page.saved.findData("cpas liege"))
    next_from_file(qtbot, wizard)
    page = wizard.mapping_page
    assert page.missing.isVisible()
    assert page.missing.text() == ("Absentes de ce fichier, alors que la correspondance "
                                   "enregistrée les prévoit\u00a0: «\u00a0GSM\u00a0» (Téléphone)")
    wizard.resize(1000, 640)
    wizard.grab().save("/tmp/H-mapping-missing.png")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    assert wizard.plan.mapping.missing == {"GSM": "phone"}
    report = wizard.report_page  # said again where the import is decided
    assert report.missing.isVisible()
    assert report.missing.text().endswith(": «\u00a0GSM\u00a0» (Téléphone)")
    wizard.grab().save("/tmp/M-report-missing.png")


def test_the_mapping_table_fits_the_width_for_every_file(qtbot, lang, services, paths,
                                                        tasks, tmp_path):
    from tests.ui.test_table_columns import reaches_right_edge

    remark = " ".join(["Arrivée avec sa grand-mère, attend un rendez-vous à l'hôpital."] * 4)
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.resize(1093, 614)
    wizard.show()
    table = wizard.mapping_page.table
    for name, rows in (("remarques.csv", f"Nom;Prénom;Remarques\nKoval;Olena;{remark}\n"),
                       ("court.csv", "Nom;Prénom\nKoval;Olena\n")):
        wizard.file_page.path.setText(str(write(tmp_path / name, rows, "utf-8")))
        next_from_file(qtbot, wizard)
        qtbot.wait(10)
        # The meanings reach the right edge, and a long remark does not push them past it.
        assert reaches_right_edge(table)
        assert table.horizontalHeader().length() <= table.viewport().width(), name
        wizard.grab().save(f"/tmp/M-mapping-{name}.png")
        wizard.back()  # another file: the table is filled and sized again
    wizard.file_page.path.setText(str(tmp_path / "remarques.csv"))
    next_from_file(qtbot, wizard)
    assert table.item(2, 1).toolTip() == remark  # whole, where the cell cuts it


def test_the_file_to_import_is_chosen_among_types_named_in_the_interface_language(
        qtbot, lang, services, paths, tasks):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from tests.ui.test_file_dialogs import answer_next_file_dialog

    lang.set_language("nl")
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    [browse] = [b for b in wizard.file_page.findChildren(QPushButton)
                if b.text() == lang.tr("importer.browse")]
    seen: dict = {}
    answer_next_file_dialog(seen)
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    assert seen["filters"] == [
        "Rekenblad (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt)",
        "Excel-werkmap (*.xlsx *.xlsm *.xls)", "OpenDocument-rekenblad (*.ods)",
        "CSV-bestand (*.csv)"]
    assert wizard.file_page.path.text() == ""  # cancelled: nothing chosen


def test_a_long_reason_on_the_report_is_read_whole(qtbot, lang, services, paths, tasks,
                                                   tmp_path):
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.resize(1093, 614)
    wizard.show()
    rows = ("Nom;Prénom;Né le;Rue;Code postal;Commune;Type de document;N° de document\n"
            "Koval;Olena;01/02/1980;Rue Haute 5;4000;Lie;;\n"
            "Bondar;Taras;01/02/1980;Rue Basse 5;1050;;Passeport;\n")
    wizard.file_page.path.setText(str(write(tmp_path / "liste.csv", rows, "utf-8")))
    next_from_file(qtbot, wizard)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    problems = wizard.report_page.problems
    municipality, document = problems.item(0, 1), problems.item(1, 1)
    assert municipality.text().startswith("«\u00a0Lie\u00a0» ne désigne pas une seule commune")
    assert "la colonne G «\u00a0Type de document\u00a0»" in document.text()
    # On as many lines as it needs, not cut at the table's edge; whole in the tooltip too.
    assert problems.rowHeight(0) > problems.rowHeight(1)
    assert municipality.toolTip() == municipality.text()
    wizard.grab().save("/tmp/M-report-long.png")
