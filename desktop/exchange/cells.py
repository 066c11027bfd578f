"""How a text cell is written so that a spreadsheet program shows it and never runs it.

A name or street typed as ``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0`` or ``@SUM(…)`` is a
formula to Excel and LibreOffice when it opens the file (OWASP, "CSV injection"). In a CSV
such a cell gets a leading single quote, which the import takes off again (``unguard``), so
an export re-imports as typed. In an XLSX it is written as a string with Excel's own "quote
prefix" style (what Excel does when one types ``'=…``): shown as typed, kept text even when
the cell is edited, and read back unchanged. A phone number (``+32 470 12 34 56``) or a
plain number (``-5``) cannot carry a formula and is left as it is, to stay readable."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

QUOTE = "'"
# The first characters a spreadsheet reads as the start of a formula (OWASP), with their
# full-width forms, which some spreadsheet programs fold to the ASCII ones.
TRIGGERS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
# A phone number: "+", then only digits and the separators people write in one; no
# operator after the first character, so "+1+1" or "-2+3" are not phones.
_PHONE = re.compile(r"\+\d[\d .()/-]*")
_PHONE_DIGITS = 6
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")

# Options for every workbook Relais writes: a string is a string, never a formula or a link;
# and no part of it in a temporary file (xlsxwriter otherwise writes each part, in clear, to
# the system's temporary folder, where a crash leaves it).
WORKBOOK_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
                    "strings_to_numbers": False, "in_memory": True}


def _readable(text: str) -> bool:
    """A value that starts like a formula but can only be a number or a phone number."""
    if _NUMBER.fullmatch(text):
        return True
    return bool(_PHONE.fullmatch(text)) and sum(c.isdigit() for c in text) >= _PHONE_DIGITS


def formula_like(text: str) -> bool:
    """Whether a spreadsheet program could take ``text`` (spaces before it ignored) for a
    formula."""
    start = text.lstrip(" \u00a0")
    return bool(start) and start[0] in TRIGGERS and not _readable(start.strip())


def guarded(text: str) -> str:
    """``text`` as a CSV cell: a formula-like value behind a single quote. A value that
    already starts with quotes before a formula-like rest gets one more, so that ``unguard``
    gives back exactly what was written."""
    return QUOTE + text if formula_like(text.lstrip(QUOTE)) else text


def unguard(cell: Any) -> Any:
    """A cell as read by the import: the quote ``guarded`` added is taken off again."""
    if isinstance(cell, str) and cell.startswith(QUOTE) and formula_like(cell.lstrip(QUOTE)):
        return cell[1:]
    return cell


# Excel counts 1900 as a leap year: its serial numbers only agree with the calendar from here.
FIRST_SERIAL_DATE = date(1900, 3, 1)


def csv_row(values: Iterable[Any], separator: str = "/") -> list[Any]:
    """A row's cells as CSV text: formula-like text guarded, a date as dd/mm/yyyy (or with
    dots: ``separator``), what a spreadsheet in Belgium reads as a date, and the import too."""
    pattern = f"%d{separator}%m{separator}%Y"
    return [guarded(v) if isinstance(v, str) else
            v.strftime(pattern) if isinstance(v, date) else v for v in values]


class XlsxCells:
    """Writes rows into one xlsxwriter worksheet: text always as a string (formula-like text
    with the quote-prefix style), numbers as numbers, dates as date cells shown dd/mm/yyyy
    (sorted and filtered as dates, read back as dates)."""

    def __init__(self, workbook: Any, sheet: Any, bold: bool = False,
                 separator: str = "/") -> None:
        self.sheet, self.separator = sheet, separator
        base = {"bold": True} if bold else {}
        self.plain = workbook.add_format(base) if bold else None
        self.quoted = workbook.add_format({**base, "quote_prefix": True})
        # dd/mm/yyyy, or dd.mm.yyyy (``separator``): as the language writes a day elsewhere
        self.dated = workbook.add_format({**base, "num_format": separator.join(
            ("dd", "mm", "yyyy"))})

    def write_row(self, row: int, values: Iterable[Any]) -> None:
        for column, value in enumerate(values):
            if value is None or value == "":
                if self.plain is not None:
                    self.sheet.write_blank(row, column, None, self.plain)
            elif isinstance(value, bool):
                self.sheet.write_boolean(row, column, value, self.plain)
            elif isinstance(value, int | float):
                self.sheet.write_number(row, column, value, self.plain)
            elif isinstance(value, date) and value >= FIRST_SERIAL_DATE:
                self.sheet.write_datetime(row, column, value, self.dated)
            elif isinstance(value, date):  # before spreadsheets' dates start: as text
                self.sheet.write_string(row, column, value.strftime(
                    self.separator.join(("%d", "%m", "%Y"))), self.plain)
            else:
                text = str(value)
                style = self.quoted if formula_like(text) else self.plain
                self.sheet.write_string(row, column, text, style)
