"""Measure a legacy Excel workbook (.xls, BIFF) before the spreadsheet reader loads it.

The reader (calamine) loads every sheet of an .xls when the file is opened, one slot per
cell of the rectangle its cells span, and aborts the whole process when that allocation
fails: a 5 KB file with one cell at row 65,536, column 65,536 asks for 160 GiB. There is no
sheet size to ask it for before that, so the compound file is read here (its sectors, its
Workbook stream) and the cell records are walked, as workbook_limits.py walks an XLSX's XML.
What the reader reserves room for before reading is checked too: the size a sheet declares
(its dimensions) and the number of shared strings."""

from __future__ import annotations

import struct
from pathlib import Path

from desktop.core.errors import RelaisError
from desktop.exchange.workbook_limits import (
    MAX_CELLS,
    MAX_ROWS,
    MAX_UNPACKED,
    Extent,
    column_letters,
)

MAX_XLS_BYTES = MAX_UNPACKED
SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
END_OF_CHAIN = 0xFFFFFFFE
STREAMS = ("workbook", "book")  # BIFF8, then BIFF5 and older
BOF, EOF, SST, BOUNDSHEET, DIMENSIONS = 0x0809, 0x000A, 0x00FC, 0x0085, 0x0200
WORKSHEET = 0x0010
# Records that start with the row and column (two 16-bit numbers) of a cell, in every BIFF
# version calamine reads; MULRK and MULBLANK hold a run of cells along one row.
CELLS = {0x0001, 0x0002, 0x0003, 0x0004, 0x0005, 0x0006, 0x0201, 0x0203, 0x0204, 0x0205,
         0x0206, 0x0406, 0x027E, 0x00FD, 0x00D6}
RUNS = {0x00BD, 0x00BE}


class _Broken(Exception):
    """The compound file or its records are not what an .xls is."""


def check_xls(path: Path) -> None:
    """Raise a RelaisError when the .xls at ``path`` is too large to load safely."""
    if path.stat().st_size > MAX_XLS_BYTES:
        raise RelaisError("import.file_too_large", file=path.name,
                          megabytes=MAX_XLS_BYTES // (1024 * 1024))
    try:
        stream = workbook_stream(path.read_bytes())
        extents = _measure(stream)
    except (_Broken, struct.error, IndexError, ValueError) as exc:
        raise RelaisError("import.not_a_spreadsheet", file=path.name) from exc
    for extent in extents:
        if extent.rows > MAX_ROWS or extent.rows * extent.columns > MAX_CELLS:
            raise RelaisError("import.sheet_too_large", file=path.name, row=extent.rows,
                              column=column_letters(extent.columns))


def workbook_stream(data: bytes) -> bytes:
    """The Workbook (or Book) stream of a compound file (MS-CFB), bounded by the file."""
    if not data.startswith(SIGNATURE) or len(data) < 512:
        raise _Broken("not a compound file")
    sector_shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if sector_shift not in (9, 12) or mini_shift != 6:
        raise _Broken("sector sizes")
    size = 1 << sector_shift
    fat_count, directory_start = struct.unpack_from("<II", data, 44)
    cutoff, mini_fat_start, _, difat_start, difat_count = struct.unpack_from("<IIIII", data, 56)
    sectors = max(0, (len(data) - size) // size)

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise _Broken("sector beyond the file")
        return data[size + number * size: size * 2 + number * size]

    fat_sectors = [n for n in struct.unpack_from("<109I", data, 76) if n < sectors]
    seen: set[int] = set()
    while difat_start < sectors and difat_start not in seen and len(seen) <= difat_count:
        seen.add(difat_start)
        entries = struct.unpack(f"<{size // 4}I", sector(difat_start))
        fat_sectors += [n for n in entries[:-1] if n < sectors]
        difat_start = entries[-1]
    fat_sectors = fat_sectors[:max(fat_count, 0) or len(fat_sectors)]
    fat = [n for s in fat_sectors for n in struct.unpack(f"<{size // 4}I", sector(s))]

    def chain(start: int, table: list[int], limit: int) -> list[int]:
        found: list[int] = []
        while start != END_OF_CHAIN and start < len(table) and start < limit:
            if len(found) > limit:
                raise _Broken("a chain that loops")
            found.append(start)
            start = table[start]
        return found

    directory = b"".join(sector(n) for n in chain(directory_start, fat, sectors))
    entries = [directory[i:i + 128] for i in range(0, len(directory) - 127, 128)]
    if not entries:
        raise _Broken("no directory")
    found = {}
    for entry in entries:
        length = min(struct.unpack_from("<H", entry, 64)[0], 64)
        name = entry[:max(length - 2, 0)].decode("utf-16-le", "replace").lower()
        if entry[66] == 2 and name in STREAMS:
            found.setdefault(name, entry)
    entry = found.get("workbook") or found.get("book")
    if entry is None:
        raise _Broken("no workbook stream")
    start, length = struct.unpack_from("<IQ", entry, 116)
    length = min(length, len(data))
    if length >= cutoff:
        return b"".join(sector(n) for n in chain(start, fat, sectors))[:length]
    # A small stream lives in the mini stream (the root entry's), in 64-byte pieces.
    root_start = struct.unpack_from("<I", entries[0], 116)[0]
    mini = b"".join(sector(n) for n in chain(root_start, fat, sectors))
    mini_fat_bytes = b"".join(sector(n) for n in chain(mini_fat_start, fat, sectors))
    mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
    pieces = chain(start, mini_fat, len(mini) // 64)
    return b"".join(mini[n * 64:(n + 1) * 64] for n in pieces)[:length]


def _measure(stream: bytes) -> list[Extent]:
    """Every sheet from where the workbook says it starts (the reader seeks there, so cells
    hidden inside another record's bytes are found), and the stream as a whole."""
    sheets: list[int] = []
    extents = _walk(stream, 0, sheets)
    for start in sheets[:1024]:
        extents += _walk(stream, start, [], one_sheet=True)
    return extents


def _walk(stream: bytes, at: int, sheets: list[int], one_sheet: bool = False) -> list[Extent]:
    extents: list[Extent] = []
    extent = Extent()
    if one_sheet:
        extents.append(extent)
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        body = stream[at + 4: at + 4 + length]
        at += 4 + length
        if kind == EOF and one_sheet:
            break
        if kind == BOUNDSHEET and len(body) >= 4:
            sheets.append(struct.unpack_from("<I", body)[0])
        elif kind == BOF and len(body) >= 4 and \
                struct.unpack_from("<H", body, 2)[0] == WORKSHEET and not one_sheet:
            extent = Extent()
            extents.append(extent)
        elif kind in CELLS and len(body) >= 4:
            row, column = struct.unpack_from("<HH", body)
            extent.add(row + 1, column + 1)
        elif kind == DIMENSIONS and len(body) >= 8:
            # the reader reserves room for the sheet it declares, even without a cell in it
            # (found by fuzzing: an empty sheet declared 59,515 × 556 took 1 GiB)
            first_row, rows, first_column, columns = \
                struct.unpack_from("<IIHH", body) if len(body) >= 14 \
                else struct.unpack_from("<HHHH", body)
            if first_row > rows or first_column > columns:  # its size would wrap around
                raise _Broken("dimensions that end before they start")
            extent.add(rows, columns)
        elif kind in RUNS and len(body) >= 6:
            row, first = struct.unpack_from("<HH", body)
            last = struct.unpack_from("<H", body, len(body) - 2)[0]
            extent.add(row + 1, max(first, last, first + (len(body) - 6) // 6) + 1)
        elif kind == SST and len(body) >= 8:
            # room for this many strings is reserved before any is read: each takes at
            # least three bytes of the stream
            unique = struct.unpack_from("<i", body, 4)[0]
            if unique < 0 or unique * 3 > len(stream):
                raise _Broken("a string count beyond the file")
    return extents
