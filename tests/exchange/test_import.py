"""Importing messy lists as CPAS keep them: French, Dutch, German and Ukrainian headers,
title rows, merged cells, hidden sheets, formulas, several date formats, Windows encodings,
duplicates and broken rows."""

import json
from datetime import date

import pytest
import xlsxwriter
from sqlmodel import Session, func, select

from desktop.core.enums import Relationship, Role, Sex
from desktop.core.errors import AccessDenied, RelaisError
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.models import CaseFile, HouseholdMember, IdentityDocument, Person
from tests.conftest import login_as

# Windows-1251 holds Cyrillic but not French accents: headers typed without them, as happens.
FRENCH_CSV = """Liste CPAS Liege — accueil Ukraine;;;;;;;
Export du 03/11/2024;;;;;;;
N° menage;Lien;Nom;Prenom;Sexe;Date de naissance;N° passeport;Telephone
1;chef de menage;Шевченко;Юлія;Ж;30/07/1985;FA123456;0470 12 34 56
1;enfant;Шевченко;Андрій;M;2015-03-02;;
2;Chef;Kovalenko;Olena;F;31257;FB654321;
3;chef;Bondar;Taras;M;31/02/1980;;
4;chef;Melnyk;Iryna;V;12/12/1990;12345;
5;chef;Бондар;Тетяна;F;01/01/1970;;
5;grand-tante;Бондар;Ганна;F;01/01/1940;;
"""


def count(services, model) -> int:
    with Session(services.session.engine) as db:
        return db.exec(select(func.count()).select_from(model)).one()


def write(path, text: str, encoding: str = "cp1251"):
    path.write_bytes(text.encode(encoding))
    return path


def test_a_french_csv_in_windows_1251_with_title_rows(services, tmp_path):
    plan = services.imports.plan(write(tmp_path / "liste.csv", FRENCH_CSV))
    assert plan.mapping.header_row == 2  # the header is on line 3
    assert set(plan.mapping.columns.values()) >= {"household", "relationship", "surname",
                                                  "given_name", "sex", "birth_date",
                                                  "document_number", "phone"}
    rejected = {(r.line, r.key) for r in plan.rejected}
    assert (7, "date.impossible") in rejected  # 31/02/1980, line as a spreadsheet shows it
    assert (8, "intake.ua_passport_format") in rejected
    assert (10, "import.bad_relationship") in rejected  # "grand-tante"
    assert (9, "import.household_rejected") in rejected  # the rest of household 5 waits
    assert plan.persons == 3 and len(plan.households) == 2
    yuliia = plan.households[0].household.members[0]
    assert (yuliia.surname_cyr, yuliia.surname_lat, yuliia.sex) == (
        "Шевченко", "Shevchenko", Sex.FEMALE.value)
    assert plan.households[0].household.members[1].relationship == Relationship.CHILD
    assert plan.households[1].household.members[0].birth_date == "29/07/1985"  # Excel serial
    with pytest.raises(RelaisError, match="rows_rejected"):
        services.imports.run(plan)  # rows rejected: nothing written unless asked
    assert count(services, Person) == 0
    result = services.imports.run(plan, skip_invalid=True)
    assert (result.created, result.households) == (3, 2)
    assert count(services, Person) == 3 and count(services, CaseFile) == 2


def test_importing_the_same_file_twice_creates_nothing_the_second_time(services, tmp_path):
    path = write(tmp_path / "liste.csv", FRENCH_CSV)
    services.imports.run(services.imports.plan(path), skip_invalid=True)
    again = services.imports.plan(path)
    assert again.persons == 0
    assert {d.reason for d in again.duplicates} == {"duplicate.same_name"}
    assert len(again.duplicates) == 3
    services.imports.run(again, skip_invalid=True)
    assert count(services, Person) == 3


def test_a_person_from_an_intake_is_a_duplicate_not_a_new_person(services, tmp_path):
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Chevtchenko", given_name_lat="Ioulia", birth_date="30/07/1985")]))
    plan = services.imports.plan(write(tmp_path / "liste.csv", FRENCH_CSV))
    assert [d.line for d in plan.duplicates if d.reason == "duplicate.same_name"] == [4]
    assert plan.duplicates[0].person_id is not None
    result = services.imports.run(plan, skip_invalid=True)
    # Her child, new in the list, joins her household rather than making one of its own.
    assert (result.created, result.households) == (2, 1)
    assert len(services.case_files.open(case_id).members) == 2


def test_a_dutch_workbook_with_merged_cells_hidden_sheet_formulas_and_dates(services,
                                                                           tmp_path):
    path = tmp_path / "opvang.xlsx"
    book = xlsxwriter.Workbook(str(path))
    hidden = book.add_worksheet("oud")
    hidden.write_row(0, 0, ["Naam", "Voornaam"])
    hidden.write_row(1, 0, ["Niet", "Importeren"])
    hidden.hide()
    sheet = book.add_worksheet("Lijst")
    book.worksheets_objs.reverse()  # the visible sheet is not the first one in the file
    dates = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Gezin", "Relatie", "Naam", "Voornaam", "Geslacht",
                           "Geboortedatum", "Postcode", "Straat", "Opvang"])
    sheet.merge_range(1, 0, 2, 0, "G1")  # one household cell over two rows
    sheet.write_row(1, 1, ["gezinshoofd", "Кравченко", "Оксана", "V"])
    sheet.write_datetime(1, 5, __import__("datetime").datetime(1981, 6, 6), dates)
    sheet.write_row(1, 6, ["4000", "Rue de la Gare 5", "gastgezin"])
    sheet.write_row(2, 1, ["kind", "Кравченко", "Марія", "V"])
    sheet.write_formula(2, 5, "=DATE(2012,1,15)", dates, date(2012, 1, 15))
    book.close()
    plan = services.imports.plan(path)
    assert plan.rejected == []
    [household] = plan.households
    assert [m.given_name_cyr for m in household.household.members] == ["Оксана", "Марія"]
    assert household.household.members[1].birth_date == "15/01/2012"
    assert household.household.municipality_refnis == "62063"
    assert household.household.accommodation_type == "host_family"
    services.imports.run(plan)
    assert count(services, HouseholdMember) == 2


def test_an_ods_file_with_german_and_ukrainian_headers(services, tmp_path):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name="Liste")
    for values in (["Nachname", "ім'я", "Geschlecht", "дата народження", "Passnummer"],
                   ["Ткачук", "Володимир", "Ч", "05.05.1977", "EK111222"]):
        row = TableRow()
        for value in values:
            cell = TableCell(valuetype="string")  # as LibreOffice writes text cells
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    path = tmp_path / "liste.ods"
    document.save(str(path))
    plan = services.imports.plan(path)
    member = plan.households[0].household.members[0]
    assert (member.surname_cyr, member.given_name_cyr, member.sex, member.birth_date) == (
        "Ткачук", "Володимир", "M", "05/05/1977")
    assert member.documents[0].number == "EK111222"


@pytest.mark.parametrize(("name", "content", "key"), [
    ("empty.csv", b"", "import.empty"),
    ("blank.csv", b";;;\n;;\n", "import.empty"),
    ("photo.xlsx", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "import.not_a_spreadsheet"),
    ("secret.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
     "import.password_protected"),
    ("notes.docx", b"PK\x03\x04rest", "import.not_a_spreadsheet"),
    ("headers.csv", "Ville;Pays\nLiège;BE\n".encode(), "import.no_name_column"),
])
def test_files_that_cannot_be_imported_say_why(services, tmp_path, name, content, key):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RelaisError) as failure:
        services.imports.plan(path)
    assert failure.value.key == key


def test_a_cp1252_csv_with_comma_delimiter_and_a_saved_mapping(services, tmp_path, paths):
    from desktop.exchange.mappings import load_mapping, save_mapping

    path = write(tmp_path / "list.csv", "Famille,Qui,Née le\nCôté,Zoé,12/03/1991\n",
                 "cp1252")
    saved = {"Famille": "surname", "Qui": "given_name", "Née le": "birth_date"}
    plan = services.imports.plan(path, saved=saved)
    assert plan.households[0].household.members[0].surname_lat == "Côté"
    save_mapping(paths, "mairie", plan.mapping, plan.headers)
    assert load_mapping(paths, "mairie") == saved


def test_only_roles_that_edit_cases_import(vault, services, tmp_path):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    with pytest.raises(AccessDenied):
        volunteer.imports.plan(write(tmp_path / "liste.csv", FRENCH_CSV))
    volunteer.session.close()


def test_cancelling_writes_nothing(services, tmp_path):
    plan = services.imports.plan(write(tmp_path / "liste.csv", FRENCH_CSV))
    with pytest.raises(RelaisError, match="cancelled"):
        services.imports.run(plan, skip_invalid=True, cancelled=lambda: True)
    assert count(services, Person) == 0 and count(services, IdentityDocument) == 0


def test_cli_import_json_contract(tmp_path):
    from tests.test_cli import PASSWORD, cli

    folder = str(tmp_path / "relais")
    assert cli("--data-dir", folder, "init", "--org-refnis", "62063", "--admin", "admin",
               "--password-stdin", stdin=PASSWORD)[0] == 0
    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    path = write(tmp_path / "liste.csv", FRENCH_CSV)
    code, out, _ = cli("--data-dir", folder, "--lang", "fr", "import", str(path), "--json",
                       env=env)
    report = json.loads(out)
    assert code == 1 and report["created"] == 0  # rows rejected: nothing written
    assert {"line": 7, "reason": "31/02/1980 n'est pas une date possible."} in report[
        "rejected"]
    code, out, _ = cli("--data-dir", folder, "import", str(path), "--json", "--dry-run",
                       env=env)
    assert code == 0 and json.loads(out)["created"] == 3
    code, out, _ = cli("--data-dir", folder, "import", str(path), "--json",
                       "--skip-invalid", env=env)
    report = json.loads(out)
    assert code == 0 and (report["created"], report["households"]) == (3, 2)
    code, out, _ = cli("--data-dir", folder, "import", str(path), "--json",
                       "--skip-invalid", env=env)
    report = json.loads(out)
    assert report["created"] == 0 and len(report["duplicates"]) == 3
    assert all(d["person_id"] for d in report["duplicates"])


def test_grouping_rows_into_households_can_be_chosen(services, tmp_path):
    path = write(tmp_path / "liste.csv", FRENCH_CSV)
    assert len(services.imports.plan(path).households) == 2
    alone = services.imports.plan(path, grouping="alone")
    assert all(len(h.household.members) == 1 for h in alone.households)
    assert len(alone.households) == 4  # the child of household 1 becomes its own
    by_address = tmp_path / "adresses.csv"
    by_address.write_text("Nom;Prénom;Né le;Rue;Code postal\n"
                          "Koval;Olena;01/01/1980;Rue Haute 1;4000\n"
                          "Koval;Nazar;01/01/2010;Rue Haute 1;4000\n"
                          "Koval;Ivan;01/01/1950;Rue Basse 9;4000\n", encoding="utf-8")
    plan = services.imports.plan(by_address)
    assert sorted(len(h.household.members) for h in plan.households) == [1, 2]
