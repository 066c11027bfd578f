"""Names with terminal escapes, bells and bidirectional overrides, read from a spreadsheet or a
filled-in PDF form, are stored without them; messages quoting a cell quote it clean."""

import xlsxwriter
from pypdf import PdfReader, PdfWriter
from sqlmodel import Session, select

from desktop.core.models import Note, Person
from desktop.documents.base import Languages
from desktop.documents.fillable_intake import fillable_intake_form

ESC, BEL, RLO = "\x1b[31m", "\a", "\u202e"
CSV = (f"Nom;Prénom;Date de naissance;Sexe;Remarques\n"
       f"Shev{ESC}chenko;Yuliia{BEL};30/07/1985;F;\"Arrived{BEL} by bus\r\nwith{RLO} her son\"\n"
       f"{RLO}Бондар;Тарас\u200b;01/01/1980;M;\n"
       f"Melnyk;Iryna;12/12/1990;Q{ESC}{RLO};\n")


def stored(services) -> list[tuple[str, str, str, str]]:
    with Session(services.session.engine) as db:
        return sorted((p.surname_lat, p.given_name_lat, p.surname_cyr, p.given_name_cyr)
                      for p in db.exec(select(Person)))


def test_a_csv_import_stores_names_and_notes_clean(services, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(CSV, encoding="utf-8")
    plan = services.imports.plan(path)
    [rejected] = plan.rejected
    # The message quotes the cell as it will be read, not the escape that was in it.
    assert rejected.key == "import.bad_sex" and rejected.params["value"] == "Q[31m"
    services.imports.run(plan, skip_invalid=True)
    assert stored(services) == [("Bondar", "Taras", "Бондар", "Тарас"),
                                ("Shev[31mchenko", "Yuliia", "", "")]
    with Session(services.session.engine) as db:
        assert db.exec(select(Note.body)).all() == ["Arrived by bus\nwith her son"]


def test_an_xlsx_import_stores_names_clean(services, tmp_path):
    path = tmp_path / "liste.xlsx"
    with xlsxwriter.Workbook(path) as workbook:
        sheet = workbook.add_worksheet()
        for row, values in enumerate([("Nom", "Prénom", "Date de naissance"),
                                      (f"{RLO}Kovalenko\x00", f"Ol{ESC}ena", "1990"),
                                      (f"Коваленко{BEL}", "Оксана\ufeff", "1992")]):
            sheet.write_row(row, 0, values)
    services.imports.run(services.imports.plan(path))
    assert stored(services) == [("Kovalenko", "Oksana", "Коваленко", "Оксана"),
                                ("Kovalenko", "Ol[31mena", "", "")]


def test_a_filled_pdf_form_is_read_clean(services, tmp_path):
    blank = fillable_intake_form(tmp_path / "form.pdf", Languages.of("fr", "uk"), "CPAS")
    writer = PdfWriter(clone_from=PdfReader(blank))
    for page in writer.pages:
        writer.update_page_form_field_values(page, {
            "person1.surname": f"Шевченко{BEL}", "person1.given_name": f"{RLO}Юлія",
            "person1.birth_date": "30/07/1985", "person2.surname": f"Shev{ESC}chenko",
            "person2.given_name": "Taras\u200b", "person2.birth_date": "2012",
            "household.street": f"Rue{BEL} Haute 5"}, auto_regenerate=False)
    writer.write(tmp_path / "filled.pdf")
    form = services.fillable.read(tmp_path / "filled.pdf")
    first, second = form.household.members
    # Still seen as Cyrillic once the bell is gone: the Latin spelling is made from it.
    assert (first.surname_cyr, first.given_name_cyr, first.surname_lat) == (
        "Шевченко", "Юлія", "Shevchenko")
    assert (second.surname_lat, second.given_name_lat) == ("Shev[31mchenko", "Taras")
    assert form.household.street == "Rue Haute 5"
    assert form.problems == []
    services.fillable.register(form)
    assert ("Shevchenko", "Yuliia", "Шевченко", "Юлія") in stored(services)
