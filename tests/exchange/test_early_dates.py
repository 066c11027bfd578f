"""A birth before 1900 is refused by every way in (issue 9, item 14): a CSV cell, a
spreadsheet's own date cell, a year alone, the fillable PDF form and the person edit."""

from datetime import date, datetime

import pytest
import xlsxwriter

from desktop.core.i18n import Translator
from desktop.core.intake import IntakeRejected
from desktop.core.intake_input import HouseholdInput, PersonInput
from tests.exchange.test_fillable import FILLED

HEADER = "Nom;Prénom;Sexe;Date de naissance\n"


@pytest.mark.parametrize("typed", ["01/01/1800", "1800-01-01", "1899", "31.12.1899"])
def test_a_csv_row_born_before_1900_is_refused_with_its_line(services, tmp_path, typed):
    path = tmp_path / "liste.csv"
    path.write_text(HEADER + "Bondar;Taras;M;01/01/1980\n"
                    + f"Melnyk;Iryna;F;{typed}\n", encoding="utf-8")
    plan = services.imports.plan(path)
    assert plan.persons == 1
    said = [(r.line, Translator("fr")(r.key, **r.params)) for r in plan.rejected]
    assert [(line, "01/01/1900" in text) for line, text in said] == [(3, True)]


def test_a_spreadsheet_date_cell_before_1900_is_refused(services, tmp_path):
    path = tmp_path / "liste.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    when = book.add_format({"num_format": "dd/mm/yyyy"})
    for column, title in enumerate(["Nom", "Prénom", "Sexe", "Date de naissance"]):
        sheet.write(0, column, title)
    for row, (surname, born) in enumerate([("Bondar", datetime(1980, 1, 1)),
                                           ("Melnyk", datetime(1800, 1, 1))], 1):
        sheet.write_row(row, 0, [surname, "Olena", "F"])
        if born.year >= 1900:
            sheet.write_datetime(row, 3, born, when)
        else:  # Excel's dates start in 1900: an earlier one is kept as text
            sheet.write_string(row, 3, born.strftime("%d/%m/%Y"))
    book.close()
    plan = services.imports.plan(path)
    assert plan.persons == 1
    assert [r.line for r in plan.rejected] == [3]


def test_a_filled_form_born_in_1800_is_a_problem_on_its_field(services):
    form = services.fillable.from_values({**FILLED, "person1.birth_date": "01/01/1800"})
    assert ("person1.birth_date", "date.too_early") in {(p.field, p.key) for p in form.problems}


def test_editing_a_birth_date_to_1800_is_refused(services):
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Melnyk", given_name_lat="Iryna", sex="F", birth_date="01/01/1980",
        relationship="head")]))
    person_id = services.case_files.open(case_id).members[0].person.id
    form = services.people.form(person_id)
    form.birth_date = "01/01/1800"
    with pytest.raises(IntakeRejected) as rejected:
        services.people.save(person_id, form)
    assert "date.too_early" in {p.key for p in rejected.value.problems}
    assert services.case_files.open(case_id).members[0].person.birth_date == date(1980, 1, 1)
