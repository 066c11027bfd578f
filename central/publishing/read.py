"""A coordinator's directory list (CSV or XLSX) read into entries, by the desktop's header
rules. A file with any bad row is refused whole: a regional entry reaches every CPAS of the
region, so nothing is published from a list half understood. Every input has a limit."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from central.publishing import columns as words
from directory.columns import (
    CELL_MAX,
    MAX_LANGUAGES,
    MAX_MUNICIPALITIES,
    MAX_ROWS,
    MAX_WAITING_DAYS,
    TEXT_LIMITS,
    fold,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024  # an XLSX is a zip: its inflated size is bounded too
MAX_COLUMNS = 60
EARLIEST = date(1900, 1, 1)
POSTAL_CODE = re.compile(r"\d{4}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
YES = {fold(w) for w in ("oui", "ja", "yes", "x", "1", "true", "vrai", "так", "waar",
                         "wahr", "")}
NO = {fold(w) for w in ("non", "nee", "nein", "no", "0", "false", "faux", "ні", "onwaar",
                        "falsch")}


class RefusedFile(Exception):
    """The whole file is refused: a key and its values, or the rows' problems."""

    def __init__(self, key: str, problems: list[RowProblem] | None = None,
                 **values: str) -> None:
        super().__init__(key)
        self.key, self.values, self.problems = key, values, problems or []


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str  # the header as written in the file ("" when no column is to blame)
    key: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class Row:
    line: int
    entry_id: str  # "" for a new entry (or one found by its name)
    values: dict[str, Any]  # the record's values but scope, owner


class _Bad(Exception):
    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def read_file(path: Path) -> list[Row]:
    table = _table(Path(path))
    header_row, mapping = _header(table)
    if "name" not in mapping.values():
        raise RefusedFile("publish.no_name_column", file=Path(path).name)
    headers = table[header_row]
    data = [(line, row) for line, row in enumerate(table[header_row + 1:], header_row + 2)
            if any(_text(c) for c in row)]
    if len(data) > MAX_ROWS:
        raise RefusedFile("publish.too_many_rows", max=str(MAX_ROWS))
    rows: list[Row] = []
    problems: list[RowProblem] = []
    for line, raw in data:
        cells = {name: raw[i] if i < len(raw) else None for i, name in mapping.items()}
        try:
            rows.append(Row(line, _text(cells.get(words.ID)).lower(), _values(cells)))
        except _Bad as bad:
            column = next((str(headers[i]) for i, name in mapping.items()
                           if name == bad.values.get("column")), "")
            values = {k: v for k, v in bad.values.items() if k != "column"}
            problems.append(RowProblem(line, column, bad.key, values))
    if problems:
        raise RefusedFile("publish.bad_rows", problems, count=str(len(problems)))
    return rows


# -- the file ---------------------------------------------------------------------------------

def _table(path: Path) -> list[list[Any]]:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RefusedFile("publish.file_too_big", max=str(MAX_FILE_BYTES // 1024 // 1024))
        raw = path.read_bytes()
    except OSError:
        raise RefusedFile("publish.cannot_read", file=path.name) from None
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv(raw)
    elif suffix == ".xlsx":
        rows = _xlsx(raw, path.name)
    else:
        raise RefusedFile("publish.bad_format", file=path.name)
    if len(rows) > MAX_ROWS + 20:
        raise RefusedFile("publish.too_many_rows", max=str(MAX_ROWS))
    for line, row in enumerate(rows, 1):
        if len(row) > MAX_COLUMNS:
            raise RefusedFile("publish.too_many_columns", max=str(MAX_COLUMNS))
        for cell in row:
            if len(_text(cell, multiline=True)) > CELL_MAX:
                raise RefusedFile("publish.cell_too_long", line=str(line), max=str(CELL_MAX))
    return rows


def _csv(raw: bytes) -> list[list[Any]]:
    if b"\x00" in raw:
        raise RefusedFile("publish.not_text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    sample = text[:4096]
    delimiter = max(";,\t", key=sample.count)
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error:
        raise RefusedFile("publish.not_text") from None


def _xlsx(raw: bytes, name: str) -> list[list[Any]]:
    from python_calamine import CalamineWorkbook

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED:
                raise RefusedFile("publish.file_too_big",
                                  max=str(MAX_FILE_BYTES // 1024 // 1024))
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheet = book.get_sheet_by_index(0)
        rows = [list(row[:MAX_COLUMNS + 1]) for row in sheet.to_python(skip_empty_area=True)]
        # The used range starts at its first used cell: the rows above put back, so line
        # numbers are the sheet's own.
        start_row, start_column = sheet.start or (0, 0)
        return [[] for _ in range(start_row)] + [[None] * start_column + r for r in rows]
    except RefusedFile:
        raise
    except BaseException as error:  # the reader's Rust panics are BaseExceptions
        if not isinstance(error, Exception) and type(error).__name__ != "PanicException":
            raise
        raise RefusedFile("publish.bad_workbook", file=name) from None


def _header(table: list[list[Any]]) -> tuple[int, dict[int, str]]:
    """The first row (of the first ten) where two headers are recognised, and its columns."""
    best_row, best = 0, 0
    for index, row in enumerate(table[:10]):
        count = sum(1 for cell in row if words.recognise(cell))
        if count > best:
            best_row, best = index, count
        if count >= 2:
            break
    mapping: dict[int, str] = {}
    for index, cell in enumerate(table[best_row] if table else []):
        name = words.recognise(cell)
        if name in words.READ and name not in mapping.values():
            mapping[index] = name
    return best_row, mapping


# -- one row ----------------------------------------------------------------------------------

def _text(cell: Any, multiline: bool = False) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).replace("\r\n", "\n")
    text = "".join(ch for ch in text if ch.isprintable() or (multiline and ch == "\n"))
    # A spreadsheet's formula guard (a leading apostrophe) is not part of the value.
    return text.removeprefix("'").strip()


def _values(cells: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in TEXT_LIMITS:
        text = _text(cells.get(name))
        if len(text) > TEXT_LIMITS[name]:
            raise _Bad("publish.too_long", column=name, max=str(TEXT_LIMITS[name]))
        out[name] = text
    if not out["name"]:
        raise _Bad("publish.name_required", column="name")
    if out["postal_code"] and not POSTAL_CODE.fullmatch(out["postal_code"]):
        raise _Bad("publish.bad_postal_code", column="postal_code")
    if out["email"] and not EMAIL.fullmatch(out["email"]):
        raise _Bad("publish.bad_email", column="email")
    kind = _text(cells.get("kind"))
    out["kind"] = words.kind_words().get(fold(kind)) if kind else "other"
    if out["kind"] is None:
        raise _Bad("publish.bad_kind", column="kind", value=kind[:100])
    place = _text(cells.get("municipality"))
    out["municipality_refnis"] = _municipality(place, "municipality") if place else ""
    served = [part for part in re.split(r"\s*[,;/\n]+\s*",
                                        _text(cells.get("municipalities"), True)) if part]
    if len(served) > MAX_MUNICIPALITIES:
        raise _Bad("publish.too_many", column="municipalities", max=str(MAX_MUNICIPALITIES))
    out["municipalities"] = list(dict.fromkeys(_municipality(p, "municipalities")
                                               for p in served))
    out["languages"] = _languages(_text(cells.get("languages")))
    out["waiting_days"] = _days(cells.get("waiting_days"))
    out["verified_on"] = _date(cells.get("verified_on"))
    listed = fold(_text(cells.get("listed")))
    if listed not in YES | NO:
        raise _Bad("publish.bad_yes_no", column="listed", value=listed[:100])
    out["listed"] = listed in YES
    return out


def _municipality(typed: str, column: str) -> str:
    found = words.municipality_words().get(fold(typed))
    if found is None:
        raise _Bad("publish.unknown_municipality", column=column, value=typed[:100])
    return found


def _languages(typed: str) -> list[str]:
    found: list[str] = []
    for part in (p for p in re.split(r"\s*[,;/+]+\s*", typed) if p):
        word = fold(part)
        code = word if LANGUAGE_CODE.fullmatch(word) else words.language_words().get(word)
        if code is None:
            raise _Bad("publish.bad_language", column="languages", value=part[:100])
        if code not in found:
            found.append(code)
    if len(found) > MAX_LANGUAGES:
        raise _Bad("publish.too_many", column="languages", max=str(MAX_LANGUAGES))
    return found


def _days(cell: Any) -> int | None:
    typed = _text(cell)
    if not typed:
        return None
    if not re.fullmatch(r"\d{1,5}", typed) or int(typed) > MAX_WAITING_DAYS:
        raise _Bad("publish.bad_days", column="waiting_days", max=str(MAX_WAITING_DAYS))
    return int(typed)


def _date(cell: Any) -> str | None:
    if isinstance(cell, datetime):
        cell = cell.date()
    if isinstance(cell, date):
        found: date | None = cell
    else:
        typed = _text(cell)
        if not typed:
            return None
        found = None
        for pattern, order in ((r"(\d{4})-(\d{1,2})-(\d{1,2})", (0, 1, 2)),
                               (r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", (2, 1, 0))):
            match = re.fullmatch(pattern, typed)
            if match:
                parts = [int(x) for x in match.groups()]
                try:
                    found = date(parts[order[0]], parts[order[1]], parts[order[2]])
                except ValueError:
                    found = None
        if found is None:
            raise _Bad("publish.bad_date", column="verified_on", value=typed[:40])
    if not EARLIEST <= found <= date.today():
        raise _Bad("publish.bad_date", column="verified_on", value=found.isoformat())
    return found.isoformat()
