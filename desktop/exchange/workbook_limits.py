"""Measure an XLSX or ODS workbook before the spreadsheet reader loads it.

The reader (calamine) allocates one slot per cell of the rectangle between the first and the
last cell holding a value, and aborts the whole process when that allocation fails: a 1.6 KB
sheet whose only cell is XFD1048576 asks for 512 GiB. So the zip is checked first (what it
unpacks to, really, not what its headers claim), then every sheet is streamed with expat
(no tree kept) to find how far its values reach, and a workbook beyond the limits is refused
with a message instead of being loaded."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from desktop.core.errors import RelaisError

MAX_ROWS = 100_000
MAX_CELLS = 10_000_000  # rows × columns of the rectangle the reader would allocate
MAX_UNPACKED = 100 * 1024 * 1024  # bytes, all members together (zip bombs)
CHUNK = 64 * 1024
ODS_CONTENT = "content.xml"  # every table of an ODS file
_REF = re.compile(r"([A-Za-z]{0,8})(\d{0,12})")


@dataclass
class Extent:
    """How far values reach in a sheet: the last row and column holding one (1-based)."""

    rows: int = 0
    columns: int = 0

    def add(self, row: int, column: int) -> None:
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)


def check_workbook(path: Path) -> None:
    """Raise a RelaisError when the workbook at ``path`` is too large to load safely."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED:
                raise _unpacked_too_large(path)
            for member in members:
                _unpack_within_limit(archive, member)
            extents: list[Extent] = []
            for member in members:
                name = member.filename.lower()
                if "worksheets/" in name and name.endswith(".xml"):
                    _scan(archive, member, _XlsxScanner(extents))
                elif name == ODS_CONTENT:
                    _scan(archive, member, _OdsScanner(extents))
    except RelaisError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
            EOFError, ValueError, expat.ExpatError, zlib.error) as exc:
        # zlib.error: sound zip headers over a damaged compressed member (found by fuzzing)
        raise RelaisError("import.not_a_spreadsheet", file=path.name) from exc
    for extent in extents:
        if extent.rows > MAX_ROWS or extent.rows * extent.columns > MAX_CELLS:
            # the catalogs write the limits out (100,000 rows, 10 million cells)
            raise RelaisError("import.sheet_too_large", file=path.name, row=extent.rows,
                              column=column_letters(extent.columns))


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "A"


def _unpacked_too_large(path: Path) -> RelaisError:
    return RelaisError("import.file_too_large", file=path.name,
                       megabytes=MAX_UNPACKED // (1024 * 1024))


def _unpack_within_limit(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    # zipfile stops at the declared size and checks the CRC: a member whose header lies
    # about its size fails here (BadZipFile) instead of unpacking without end in the reader.
    with archive.open(member) as stream:
        while stream.read(CHUNK):
            pass


def _scan(archive: zipfile.ZipFile, member: zipfile.ZipInfo, scanner: _Scanner) -> None:
    parser = expat.ParserCreate()
    parser.StartElementHandler = scanner.start
    if scanner.needs_end:
        parser.EndElementHandler = scanner.end
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    scanner.finish()


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _number(text: str | None, default: int = 1) -> int:
    return int(text) if text and text.isdigit() and len(text) <= 12 else default


class _Scanner:
    needs_end = True  # whether end tags are reported (each one is a Python call)

    def __init__(self, extents: list[Extent]) -> None:
        self.extents = extents
        self.extent = Extent()  # one per sheet: sheets are loaded one at a time
        extents.append(self.extent)

    def start(self, name: str, attrs: dict[str, str]) -> None: ...

    def end(self, name: str) -> None: ...

    def finish(self) -> None:
        """The sheet has ended."""


class _XlsxScanner(_Scanner):
    """Rows and cells without an ``r`` attribute follow the previous one, as in the reader.

    Only start tags are handled (a cell counts once a ``v``, ``is`` or ``f`` opens inside
    it, and is settled when the next cell or row starts, or the sheet ends): half the
    callbacks of a start/end pair, which is most of the time this check takes."""

    needs_end = False

    def __init__(self, extents: list[Extent]) -> None:
        super().__init__(extents)
        self.row = self.column = 0
        self.cell: tuple[int, int] | None = None
        self.valued = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name if ":" not in name else _local(name)
        if tag == "c":
            self._settle()
            row, column = self.row, self.column + 1
            ref = attrs.get("r")
            if ref:
                row, column = _parse_ref(ref, row, column)
            self.row, self.column = max(row, 1), column
            self.cell = (row, column)
        elif tag == "v" or tag == "is" or tag == "f":
            self.valued = self.cell is not None
        elif tag == "row":
            self._settle()
            self.row = _number(attrs.get("r"), self.row + 1)
            self.column = 0

    def finish(self) -> None:
        self._settle()

    def _settle(self) -> None:
        if self.valued and self.cell is not None:
            self.extent.add(*self.cell)
        self.cell, self.valued = None, False


def _parse_ref(ref: str, row: int, column: int) -> tuple[int, int]:
    match = _REF.fullmatch(ref.strip())
    if match is None:
        return row, column  # the reader refuses it; nothing to measure
    letters, digits = match.groups()
    if letters:
        column = 0
        for letter in letters.upper():
            column = column * 26 + ord(letter) - ord("A") + 1
    if digits:
        row = int(digits)
    return row, column


class _OdsScanner(_Scanner):
    """Counts repeated rows and cells: one element may stand for a million of them."""

    def __init__(self, extents: list[Extent]) -> None:
        super().__init__(extents)
        self.row_end = self.row_start = 0
        self.column = 0
        self.cell: tuple[int, int] | None = None
        self.valued = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "table":
            self.row_end = 0
            self.extent = Extent()
            self.extents.append(self.extent)
        elif tag == "table-row":
            self.row_start = self.row_end + 1
            self.row_end += _number(attrs.get("table:number-rows-repeated"))
            self.column = 0
        elif tag in ("table-cell", "covered-table-cell"):
            self.column += _number(attrs.get("table:number-columns-repeated"))
            self.cell = (self.row_end, self.column)
            self.valued = "office:value-type" in attrs
        elif tag == "p" and self.cell is not None:
            self.valued = True

    def end(self, name: str) -> None:
        if _local(name) in ("table-cell", "covered-table-cell") and self.cell is not None:
            if self.valued:
                self.extent.add(*self.cell)
            self.cell = None
