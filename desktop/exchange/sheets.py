"""Read the rows of a spreadsheet as people make them: CSV in any common encoding and
delimiter (with or without BOM), XLSX or ODS (first visible sheet, cached values of
formulas, merged cells filled from their top-left cell). Line numbers are those a
spreadsheet program shows: 1-based, every row counted. Hostile files are refused with a
message, never a crash: workbooks are measured before loading (workbook_limits.py,
xls_limits.py), the reader's panics are caught, CSV text must decode to names
(csv_text.py)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import RelaisError
from desktop.exchange.csv_text import decode
from desktop.exchange.workbook_limits import MAX_UNPACKED, check_workbook
from desktop.exchange.xls_limits import check_xls

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # encrypted OOXML and old .xls
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_CSV_BYTES = MAX_UNPACKED
MAX_CELL = 131_072  # characters in one CSV cell (the csv module's own default)


@dataclass
class Table:
    rows: list[list[Any]]  # rows[i] is line i + 1 of the sheet
    sheet: str = ""


def read_table(path: Path) -> Table:
    path = Path(path)
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except OSError as exc:
        raise RelaisError("import.unreadable", file=path.name) from exc
    if not head:
        raise RelaisError("import.empty", file=path.name)
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".ods", ".xls"):
        if head == OLE_SIGNATURE and suffix != ".xls":
            raise RelaisError("import.password_protected", file=path.name)
        if suffix != ".xls" and not head.startswith(ZIP_SIGNATURE):
            raise RelaisError("import.not_a_spreadsheet", file=path.name)
        table = _read_workbook(path)
    elif suffix in (".csv", ".txt", ".tsv"):
        table = _read_csv(path)
    else:
        raise RelaisError("import.not_a_spreadsheet", file=path.name)
    if not any(any(_filled(cell) for cell in row) for row in table.rows):
        raise RelaisError("import.empty", file=path.name)
    return table


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def _read_workbook(path: Path) -> Table:
    from python_calamine import CalamineWorkbook

    if path.suffix.lower() == ".xls":
        check_xls(path)
    else:
        check_workbook(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        visible = [sheet.name for sheet in workbook.sheets_metadata
                   if str(getattr(sheet, "visible", "Visible")).endswith("Visible")]
        name = (visible or workbook.sheet_names)[0]
        sheet = workbook.get_sheet_by_name(name)
        rows = [list(row) for row in sheet.to_python(skip_empty_area=True)]
        # The used range starts at the first used cell: put back the rows and columns above
        # and to the left (once: skip_empty_area=False would already add them), so that line
        # numbers and column letters are the sheet's own.
        start_row, start_column = sheet.start or (0, 0)
        rows = [[None] * start_column + row for row in rows]
        rows = [[] for _ in range(start_row)] + rows
        for region in getattr(sheet, "merged_cell_ranges", None) or []:
            _fill_merged(rows, region)
    except RelaisError:
        raise
    except BaseException as exc:
        if not _is_panic(exc):
            raise
        text = str(exc).lower()
        key = "import.password_protected" if "password" in text or "encrypt" in text \
            else "import.not_a_spreadsheet"
        raise RelaisError(key, file=path.name) from exc
    return Table(rows=rows, sheet=name)


def _is_panic(exc: BaseException) -> bool:
    # The reader's Rust panics arrive as pyo3's PanicException, a BaseException whose module
    # only exists after the first panic: recognise it by name, let Ctrl+C and exits through.
    return isinstance(exc, Exception) or type(exc).__name__ == "PanicException"


def _fill_merged(rows: list[list[Any]], region: Any) -> None:
    (top, left), (bottom, right) = region
    if top >= len(rows) or left >= len(rows[top]):
        return
    value = rows[top][left]
    for r in range(top, min(bottom, len(rows) - 1) + 1):
        # bounded by the row itself: a hostile merge may span all 16,384 columns
        for c in range(left, min(right, len(rows[r]) - 1) + 1):
            if (r, c) != (top, left) and not _filled(rows[r][c]):
                rows[r][c] = value


def _read_csv(path: Path) -> Table:
    if path.stat().st_size > MAX_CSV_BYTES:
        raise RelaisError("import.file_too_large", file=path.name,
                          megabytes=MAX_CSV_BYTES // (1024 * 1024))
    text = decode(path.read_bytes(), path.name)
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(",;\t|", key=sample.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[list[Any]] = []
    try:
        for row in reader:
            if any(len(cell) > MAX_CELL for cell in row):
                raise RelaisError("import.cell_too_long", file=path.name, line=reader.line_num)
            rows.append(list(row))
    except csv.Error as exc:
        key = "import.cell_too_long" if "field larger" in str(exc) else "import.csv_broken"
        raise RelaisError(key, file=path.name, line=reader.line_num) from exc
    return Table(rows=rows)
