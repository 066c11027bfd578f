"""The figures document written as PDF (for reading), CSV (long form, headers in the
reader's language, values as codes and numbers, a hidden value empty), XLSX (the same rows)
or JSON (the document)."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

from central.coordination.words import say
from figures.document import CSV_COLUMNS, csv_rows

# A text cell starting like a formula is written with a leading quote (OWASP CSV injection):
# an organisation's name is typed by an operator, and a spreadsheet would run it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
FORMATS = (".csv", ".xlsx", ".json", ".pdf")


def _safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def headers(lang: str) -> list[str]:
    return [say(lang, f"csv.{name}") for name in CSV_COLUMNS]


def write(doc: dict[str, Any], path: Path, lang: str) -> None:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(suffix)
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.close(descriptor)
    try:
        if suffix == ".json":
            partial.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
        elif suffix == ".pdf":
            from central.coordination.pdf import write_pdf

            write_pdf(doc, partial, lang)
        elif suffix == ".csv":
            with open(partial, "w", encoding="utf-8-sig", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(headers(lang))
                for row in csv_rows(doc):
                    writer.writerow(["" if v is None else _safe(v) for v in row])
        else:
            _xlsx(doc, partial, lang)
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def _xlsx(doc: dict[str, Any], path: Path, lang: str) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False,
                                           "strings_to_urls": False})
    sheet = book.add_worksheet(doc["month"])
    bold = book.add_format({"bold": True})
    for column, title in enumerate(headers(lang)):
        sheet.write_string(0, column, title, bold)
    for line, row in enumerate(csv_rows(doc), start=1):
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int | float):
                sheet.write_number(line, column, value)
            else:
                sheet.write_string(line, column, str(value))
    sheet.freeze_panes(1, 0)
    book.close()
