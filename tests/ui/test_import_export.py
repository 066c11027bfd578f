"""The import wizard and the export dialog, driven like a CPAS worker would."""

from PySide6.QtWidgets import QWizard
from sqlmodel import Session, func, select

from desktop.core.models import Person
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.import_wizard import ImportWizard
from tests.exchange.test_import import FRENCH_CSV, write


def test_import_wizard_from_file_to_import(qtbot, lang, services, paths, tasks, tmp_path):
    wizard = ImportWizard(lang, services, paths, tasks)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path.setText(str(tmp_path / "missing.csv"))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "missing.csv" in wizard.file_page.error.text()
    wizard.file_page.path.setText(str(write(tmp_path / "liste.csv", FRENCH_CSV)))
    wizard.next()
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
        "4 lignes n'ont pas été importées à cause d'un problème : lignes 7, 8, 9, 10."


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
    wizard.next()
    page = wizard.mapping_page
    labels = [page.table.verticalHeaderItem(i).text() for i in range(page.table.rowCount())]
    assert labels == ["A", "B", "C", "D", "E", "F", "G", "H"]  # H has no header: choosable
    assert page.combos[7].accessibleName() == "Signifie H"
    notice = page.ignored
    assert notice.isVisible()
    assert notice.text().endswith(": D « Nom de famille » (même contenu que A), "
                                  "E « Remarques du bénévole », F, G « Lieu de naissance », H")
    assert "colonne D « Nom de famille » : « Nom (tout alphabet) » vient déjà de la colonne " \
        "A" in notice.toolTip()  # why, for each one
    assert "non reconnue" in page.table.item(4, 0).toolTip() and \
        page.table.item(4, 0).font().italic()
    # Still choosable: giving E a meaning takes it off the list; the notes are imported.
    page.combos[4].setCurrentIndex(page.combos[4].findData("notes"))
    assert "E «" not in notice.text() and not page.table.item(4, 0).font().italic()
    # Choosing a meaning a first column already holds puts the second one on the list.
    page.combos[2].setCurrentIndex(page.combos[2].findData("given_name"))
    assert "C « Date de naissance (jj/mm/aaaa) » (même contenu que B)" in notice.text()
    page.combos[2].setCurrentIndex(page.combos[2].findData("birth_date"))
    wizard.resize(1000, 640)
    wizard.grab().save("/tmp/B-mapping.png")
    wizard.next()
    report = wizard.report_page
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    assert [c.letter for c in wizard.plan.ignored_columns] == ["D", "F", "G", "H"]
    assert report.ignored.isVisible() and "G « Lieu de naissance »" in report.ignored.text()
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
    wizard.next()
    page = wizard.mapping_page
    assert page.missing.isVisible()
    assert page.missing.text() == ("Absentes de ce fichier, alors que la correspondance "
                                   "enregistrée les prévoit : « GSM » (Téléphone)")
    wizard.resize(1000, 640)
    wizard.grab().save("/tmp/H-mapping-missing.png")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.plan is not None, timeout=10_000)
    assert wizard.plan.mapping.missing == {"GSM": "phone"}
