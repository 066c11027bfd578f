"""A name, street or e-mail typed as a formula is exported as text a spreadsheet shows and
never runs (OWASP CSV injection), in CSV and XLSX; a phone number stays readable; and the
export still imports back as typed."""

import csv
import re
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlmodel import Session, select

from desktop.core.i18n import Translator
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.models import Accommodation, Person
from desktop.exchange.cells import formula_like, guarded, unguard
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault
from tests.conftest import ADMIN_PASSWORD, FAST_KDF

HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3",
           "＝1+1"]
PHONE = "+32 470 12 34 56"
STREET = "=cmd|' /C notepad'!A0"
EMAIL = "=1+1@evil.example"


def register_hostile(services: Services) -> Services:
    """One household whose names, street and e-mail start like formulas."""
    services.intake.register(HouseholdInput(
        members=[PersonInput(surname_cyr="Шевченко", given_name_cyr="Юлія",
                             surname_lat=HOSTILE[0], given_name_lat=HOSTILE[1],
                             sex="F", birth_date="30/07/1985", phone=PHONE, email=EMAIL),
                 *(PersonInput(surname_cyr="Шевченко", given_name_cyr="Андрій",
                               surname_lat=name, given_name_lat="Andrii", sex="M",
                               birth_date=f"0{index}/01/2015", relationship="child")
                   for index, name in enumerate(HOSTILE[2:], 1))],
        accommodation_type="host_family", street=STREET, postal_code="4000",
        municipality_refnis="62063"))
    return services


@pytest.fixture
def hostile(services):
    return register_hostile(services)


@pytest.mark.parametrize("text", [*HOSTILE, STREET, EMAIL, "\t=1", "\r=1", "＋1", "－1",
                                  "＠SUM(A1)", " =1+1", "'=1+1", "''@x"])
def test_formula_like_text_is_quoted_in_csv_and_unquoted_on_import(text):
    assert guarded(text).startswith("'") and guarded(text) != text
    assert unguard(guarded(text)) == text


@pytest.mark.parametrize("text", [PHONE, "+32 (0)470 12.34.56", "+380-44-123-45-67", "-5",
                                  "+3", "-2.5", "Шевченко", "O'Brien", "'quoted'", "5+", ""])
def test_numbers_phones_and_names_stay_as_typed(text):
    assert not formula_like(text.lstrip("'"))
    assert guarded(text) == text and unguard(text) == text


def test_csv_export_quotes_every_formula_like_text_column(hostile, tmp_path):
    target = tmp_path / "persons.csv"
    hostile.exports.export("persons", target, "csv", tr=Translator("en"))
    with target.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle, delimiter=";") for cell in row]
    for text in [*HOSTILE, STREET, EMAIL]:
        assert "'" + text in cells, text
        assert text not in cells, text
    assert PHONE in cells
    # Whatever the column, no cell starts as a formula would.
    assert not [c for c in cells if c and formula_like(c) and c != PHONE]


def test_households_and_cases_exports_quote_too(hostile, tmp_path):
    for kind in ("households", "cases"):
        target = tmp_path / f"{kind}.csv"
        hostile.exports.export(kind, target, "csv")
        with target.open(encoding="utf-8-sig", newline="") as handle:
            cells = [cell for row in csv.reader(handle, delimiter=";") for cell in row]
        assert not [c for c in cells if formula_like(c)], kind
    assert "'" + HOSTILE[0] in cells  # the head's name in the cases export


def sheet_xml(target: Path) -> str:
    with zipfile.ZipFile(target) as archive:
        return "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                       if name.startswith("xl/worksheets/"))


def test_xlsx_export_holds_no_formula_and_shows_the_text_as_typed(hostile, tmp_path):
    target = tmp_path / "persons.xlsx"
    hostile.exports.export("persons", target, "xlsx", tr=Translator("en"))
    xml = sheet_xml(target)
    assert "<f>" not in xml and "<f " not in xml
    assert "<hyperlink" not in xml
    rows = CalamineWorkbook.from_path(str(target)).get_sheet_by_index(0).to_python()
    cells = {cell for row in rows for cell in row}
    assert {*HOSTILE, STREET, EMAIL, PHONE} <= cells
    # Excel's quote-prefix style keeps such a cell text when someone edits it.
    with zipfile.ZipFile(target) as archive:
        assert 'quotePrefix="1"' in archive.read("xl/styles.xml").decode("utf-8")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_with_formula_like_names_imports_as_typed(hostile, tmp_path, fmt):
    target = tmp_path / f"persons.{fmt}"
    hostile.exports.export("persons", target, fmt, tr=Translator("fr"))
    other_vault = Vault(DataPaths.portable(tmp_path / "other"), kdf=FAST_KDF)
    session, _ = other_vault.create(NewOrganisation("CPAS de Liège", "62063", "fr"),
                                    "admin", ADMIN_PASSWORD, language="fr")
    try:
        other = Services.for_session(session)
        plan = other.imports.plan(target)
        assert plan.rejected == []
        other.imports.run(plan)
        with Session(session.engine) as db:
            people = db.exec(select(Person)).all()
            streets = {a.street for a in db.exec(select(Accommodation))}
        assert {p.surname_lat for p in people} == {HOSTILE[0], *HOSTILE[2:]}
        assert {p.given_name_lat for p in people} == {HOSTILE[1], "Andrii"}
        assert {p.phone for p in people} == {PHONE, ""}
        assert {p.email for p in people} == {EMAIL, ""}
        assert streets == {STREET}
    finally:
        session.close()


def test_monthly_figures_spreadsheets_hold_no_formula(services, tmp_path):
    from desktop.documents.monthly_report import monthly_xlsx

    services.demo.generate(5, seed=1)
    figures = services.figures.monthly("2026-01")
    target = monthly_xlsx(tmp_path / "figures.xlsx", figures, Translator("fr"))
    assert not re.search(r"<f[ >]", sheet_xml(target))
