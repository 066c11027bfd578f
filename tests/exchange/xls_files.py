"""Small legacy Excel (.xls, BIFF8) workbooks built byte by byte: a compound file holding one
Workbook stream with one sheet, its strings in the shared string table."""

from __future__ import annotations

import struct
from pathlib import Path

SECTOR = 512
FREE, END, FAT_SECTOR, NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
MINI_CUTOFF = 4096

Cell = tuple[int, int, str | float]  # row, column (0-based), value


def _record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def _bof(kind: int) -> bytes:
    return _record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0x0DBB, 0x07CC, 0, 6))


def _unicode(text: str, short: bool = False) -> bytes:
    size = struct.pack("<B" if short else "<H", len(text))
    return size + b"\x01" + text.encode("utf-16-le")


def workbook_stream(cells: list[Cell], dimensions: tuple[int, int, int, int] | None = None,
                    sheet: str = "Liste") -> bytes:
    strings = sorted({value for _, _, value in cells if isinstance(value, str)})
    index = {text: number for number, text in enumerate(strings)}
    sst = _record(0x00FC, struct.pack("<II", len(strings), len(strings))
                  + b"".join(_unicode(text) for text in strings))
    name = _unicode(sheet, short=True)
    codepage = _record(0x0042, struct.pack("<H", 1200))
    globals_size = len(_bof(5)) + len(codepage) + 4 + 6 + len(name) + len(sst) + 4
    boundsheet = _record(0x0085, struct.pack("<IBB", globals_size, 0, 0) + name)
    stream = _bof(5) + codepage + boundsheet + sst + _record(0x000A, b"")
    assert len(stream) == globals_size
    rows = [row for row, _, _ in cells] or [0]
    columns = [column for _, column, _ in cells] or [0]
    first_row, last_row, first_column, last_column = dimensions or (
        min(rows), max(rows) + 1, min(columns), min(max(columns) + 1, 0xFFFF))
    body = _bof(0x10) + _record(0x0200, struct.pack("<IIHHH", first_row, last_row,
                                                    first_column, last_column, 0))
    for row, column, value in cells:
        if isinstance(value, str):
            body += _record(0x00FD, struct.pack("<HHHI", row, column, 0, index[value]))
        else:
            body += _record(0x0203, struct.pack("<HHHd", row, column, 0, value))
    stream += body + _record(0x000A, b"")
    return stream


def compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """A version 3 compound file holding ``stream`` in ordinary sectors (padded past the
    mini stream's cutoff, so that no mini stream is needed)."""
    stream = stream.ljust(MINI_CUTOFF, b"\x00")
    sectors = -(-len(stream) // SECTOR)
    assert sectors + 2 <= SECTOR // 4, "one FAT sector holds this file"
    directory = sectors + 1
    fat = [FAT_SECTOR] + [n + 1 for n in range(1, sectors)] + [END, END]
    fat += [FREE] * (SECTOR // 4 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16)
              + struct.pack("<HHHHH6sIIIIIIIII", 0x3E, 3, 0xFFFE, 9, 6, bytes(6), 0, 1,
                            directory, 0, MINI_CUTOFF, END, 0, END, 0)
              + struct.pack("<109I", 0, *([FREE] * 108)))
    entries = (_entry("Root Entry", 5, child=1, start=END, size=0)
               + _entry(name, 2, child=NO_STREAM, start=1, size=len(stream))
               + _empty_entry() * 2)
    return (header + struct.pack("<128I", *fat) + stream.ljust(sectors * SECTOR, b"\x00")
            + entries)


def _entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
    encoded = (name + "\x00").encode("utf-16-le")
    return (encoded.ljust(64, b"\x00") + struct.pack("<HBBIII", len(encoded), kind, 1,
                                                     NO_STREAM, NO_STREAM, child)
            + bytes(16 + 4 + 16) + struct.pack("<IQ", start, size))


def _empty_entry() -> bytes:
    return bytes(64) + struct.pack("<HBBIII", 0, 0, 0, NO_STREAM, NO_STREAM, NO_STREAM) \
        + bytes(36) + struct.pack("<IQ", 0, 0)


def xls(path: Path, cells: list[Cell] | list[list[Cell]],
        dimensions: tuple[int, int, int, int] | None = None) -> Path:
    flat = [cell for item in cells for cell in (item if isinstance(item, list) else [item])]
    path.write_bytes(compound_file(workbook_stream(flat, dimensions)))
    return path
