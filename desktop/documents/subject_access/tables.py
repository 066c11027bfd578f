"""Tables that stay fast when long: a cell is drawn as plain text when it fits on one line
(measuring a string is cheap; a paragraph is broken into lines word by word), and a long
table is made of blocks of ``BLOCK`` rows, each with the header, so that ReportLab never
re-measures a thousand rows at every page break."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table

from desktop.documents.base import p, styles, table_style

BLOCK = 40
PADDING = 12  # points: ReportLab's default 6 left and 6 right


def _cell(value: object, width: float) -> object:
    """Plain text when each of its lines fits the column, else a paragraph that wraps."""
    s = styles()
    text = "" if value is None else str(value)
    room = width - PADDING
    if all(stringWidth(line, s.regular, s.body.fontSize) <= room
           for line in text.split("\n")):
        return text
    return p(text, s.body)


def long_table(header: Sequence[str], rows: Sequence[Sequence[object]],
               widths: Sequence[float]) -> list[Flowable]:
    s = styles()
    points = [w * mm for w in widths]
    head = [p(text, s.label) for text in header]
    blocks: list[Flowable] = []
    for start in range(0, len(rows), BLOCK):
        data = [head] + [[_cell(value, width) for value, width in zip(row, points, strict=True)]
                         for row in rows[start:start + BLOCK]]
        table = Table(data, colWidths=points, repeatRows=1)
        table.setStyle(table_style(
            ("FONTSIZE", (0, 1), (-1, -1), s.body.fontSize),
            ("LEADING", (0, 1), (-1, -1), s.body.leading),
            ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ))
        blocks.append(table)
    return blocks
