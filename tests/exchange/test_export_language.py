"""Every export kind speaks the export's language (issue 15, item 6): headers, enumerated
values, countries, languages and yes/no as words; dates as date cells in XLSX and dd/mm/yyyy
in CSV, a birth date known to the month or the year as exactly that. With ``codes``: the
canonical column names, the stored codes and ISO dates, for another program."""

from __future__ import annotations

import csv
import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from desktop.core.countries import country_name
from desktop.core.enums import (
    AccommodationType,
    CaseStatus,
    ClosureReason,
    DocumentType,
    Relationship,
    Sex,
)
from desktop.core.i18n import Translator
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.exchange.exporter import COLUMNS, column_label_key
from desktop.exchange.labels import LANGUAGE_CODES, label

LANGUAGES = ["fr", "nl", "de", "en", "uk"]
# Which enumeration each column's values come from.
ENUMERATED = {"relationship": Relationship, "sex": Sex, "document_type": DocumentType,
              "accommodation_type": AccommodationType, "status": CaseStatus,
              "closure_reason": ClosureReason}
YES_NO = ("to_be_completed", "piis")
DATES = ("birth_date", "arrival_date", "opened_on", "closed_on")


@pytest.fixture
def demo(services):
    services.demo.generate(60, seed=5)  # every case status, closed cases with reasons
    services.intake.register(HouseholdInput(
        members=[PersonInput(surname_cyr="Ткаченко", given_name_cyr="Ірина", sex="X",
                             birth_date="1979", nationality="MDA", languages=["ru", "de"]),
                 PersonInput(surname_cyr="Ткаченко", given_name_cyr="Софія", sex="F",
                             birth_date="03/2012", relationship="grandchild",
                             nationality="BLR")],
        accommodation_type="unknown", street="Rue Féronstrée 12", postal_code="4000",
        municipality_refnis="62063"))
    return services


def read(path: Path) -> list[list]:
    if path.suffix == ".xlsx":
        return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def columns_of(rows: list[list], names: tuple[str, ...]) -> dict[str, list]:
    return {name: [row[index] for row in rows[1:]] for index, name in enumerate(names)}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("kind", ["persons", "households", "cases"])
def test_every_export_kind_is_written_in_the_export_language(demo, tmp_path, kind, lang,
                                                             fmt):
    tr = Translator(lang)
    target = tmp_path / f"{kind}.{fmt}"
    demo.exports.export(kind, target, fmt, tr=tr)
    rows = read(target)
    names = COLUMNS[kind]
    assert rows[0] == [tr(column_label_key(name)) for name in names]
    cells = columns_of(rows, names)
    for name, enum in ENUMERATED.items():
        if name in cells:
            words = {label(tr, value) for value in enum}
            assert set(cells[name]) - {""} <= words, name
            assert set(cells[name]) - {""}, f"{name}: no value to check"
    for name in YES_NO:
        if name in cells:
            assert set(cells[name]) <= {tr("exporter.yes"), tr("exporter.no")}
            assert "" not in cells[name]
    if "nationality" in cells:
        countries = {country_name(code, lang) for code in ("UKR", "RUS", "MDA", "BLR")}
        assert country_name("MDA", lang) in cells["nationality"]
        assert set(cells["nationality"]) <= countries
    if "languages" in cells:
        names_of = {tr(f"language.{code}") for code in LANGUAGE_CODES}
        assert {word for cell in cells["languages"] for word in cell.split(", ")} <= names_of
    if "municipality" in cells:
        assert set(cells["municipality"]) <= {"Liège", "Luik", "Lüttich"}
    for name in DATES:
        if name in cells:
            dated = [cell for cell in cells[name] if cell != ""]
            assert dated, name
            if fmt == "xlsx" and name != "birth_date":
                assert all(isinstance(cell, date) for cell in dated), name
            elif fmt == "csv":
                dot = re.escape("." if lang in ("de", "uk") else "/")  # as days elsewhere
                assert all(re.fullmatch(rf"(\d\d{dot})?(\d\d{dot})?\d{{4}}", cell)
                           for cell in dated), name


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_partial_birth_date_stays_text_and_a_whole_one_is_a_date(demo, tmp_path, fmt):
    target = tmp_path / f"persons.{fmt}"
    demo.exports.export("persons", target, fmt, tr=Translator("de"))
    cells = columns_of(read(target), COLUMNS["persons"])
    births = dict(zip(cells["given_name"], cells["birth_date"], strict=True))
    assert births["Ірина"] == "1979" and births["Софія"] == "03.2012"  # German: dots
    whole = [cell for cell in cells["birth_date"]
             if not isinstance(cell, str) or re.fullmatch(r"\d\d\.\d\d\.\d{4}", cell)]
    partial = [cell for cell in cells["birth_date"] if cell not in whole]
    assert len(whole) > len(partial) >= 2
    assert all(re.fullmatch(r"(\d\d\.)?\d{4}", cell) for cell in partial)
    assert all(isinstance(cell, date if fmt == "xlsx" else str) for cell in whole)
    if fmt == "xlsx":  # the date cells are shown as German dates are written
        with zipfile.ZipFile(target) as book:
            assert 'formatCode="dd.mm.yyyy"' in book.read("xl/styles.xml").decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("kind", ["persons", "households", "cases"])
def test_codes_for_machine_exchange(demo, tmp_path, kind, fmt):
    target = tmp_path / f"{kind}.{fmt}"
    demo.exports.export(kind, target, fmt, tr=Translator("uk"), codes=True)
    rows = read(target)
    names = COLUMNS[kind]
    assert rows[0] == list(names)
    cells = columns_of(rows, names)
    for name, enum in ENUMERATED.items():
        if name in cells:
            assert set(cells[name]) - {""} <= {value.value for value in enum}, name
    for name in YES_NO:
        if name in cells:
            assert set(cells[name]) <= {"yes", "no"} and "" not in cells[name]
    if "nationality" in cells:
        assert {"UKR", "MDA"} <= set(cells["nationality"]) <= {"UKR", "RUS", "MDA", "BLR"}
    if "languages" in cells:
        assert {code for cell in cells["languages"] for code in cell.split(",")} <= \
            set(LANGUAGE_CODES)
    if "municipality" in cells:
        assert set(cells["municipality"]) == {"62063"}
    for name in DATES:
        if name in cells:
            dated = [cell for cell in cells[name] if cell != ""]
            assert dated and all(isinstance(cell, str) and re.fullmatch(
                r"\d{4}(-\d\d)?(-\d\d)?", cell) for cell in dated), name
