"""The figures document as a PDF for a person to read: per organisation, each table with its
rows and columns in words (labels.py), a hidden cell as "–". DejaVu Sans, embedded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from central.coordination.labels import label

_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"
HIDDEN = "–"


def _fonts() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(_FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(_FONTS / "DejaVuSans-Bold.ttf")))


def _number(value: Any) -> str:
    if value is None:
        return HIDDEN
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def write_pdf(doc: dict[str, Any], path: Path, lang: str) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _fonts()
    body = ParagraphStyle("body", fontName="DejaVuSans", fontSize=9, leading=12)
    head = ParagraphStyle("head", parent=body, fontName="DejaVuSans-Bold", fontSize=14,
                          leading=18, spaceAfter=4)
    org_head = ParagraphStyle("org", parent=head, fontSize=12, spaceBefore=10)
    table_head = ParagraphStyle("table", parent=body, fontName="DejaVuSans-Bold",
                                spaceBefore=6, spaceAfter=2)
    column_head = ParagraphStyle("column", parent=body, fontName="DejaVuSans-Bold",
                                 fontSize=7, leading=9, alignment=2)  # right, wrapped
    colon = "\u00a0: " if lang == "fr" else ": "
    story: list[Any] = [
        Paragraph(f"{label('title', lang)} — {doc['month']}", head),
        Paragraph(f"{label('scope', lang)}{colon}{doc.get('scope') or '—'} · {doc['schema']}",
                  body),
        Paragraph(f"{HIDDEN} {label('hidden', lang).lstrip('– ')}", body)]
    if not doc["organisations"]:
        story.append(Paragraph(label("none_found", lang), body))
    for org in doc["organisations"]:
        story.append(Paragraph(f"{org['refnis']} {org['name']}", org_head))
        story.append(Paragraph(label(f"origin_{org['origin']}", lang), body))
        for table in org["tables"]:
            story.append(Paragraph(label(table["key"], lang), table_head))
            two_way = bool(table["rows"]) and "total" in table["rows"][0]
            header = ["", *(label(c, lang) for c in table["columns"])]
            if two_way:
                header.append(label("total", lang))
            data = [header]
            for row in table["rows"]:
                cells = [label(row["row"], lang, table["key"]),
                         *(_number(v) for v in row["values"])]
                if two_way:
                    cells.append(_number(row["total"]))
                data.append(cells)
            if table["totals"]:
                cells = [label("total", lang), *(_number(v) for v in table["totals"]["values"])]
                if two_way:
                    cells.append(_number(table["totals"]["total"]))
                data.append(cells)
            data[0] = ["", *(Paragraph(c, column_head) for c in header[1:])]
            first = 35 if len(header) > 5 else 45  # room for "Vorgeschlagen" and the like
            grid = Table([[Paragraph(str(c), body) if i == 0 and isinstance(c, str) else c
                           for i, c in enumerate(r)] for r in data],
                         colWidths=[first * mm] + [((180 - first) * mm) / (len(header) - 1)]
                         * (len(header) - 1), repeatRows=1)
            style = [("FONT", (0, 0), (-1, -1), "DejaVuSans", 8),
                     ("FONT", (0, 0), (-1, 0), "DejaVuSans-Bold", 8),
                     ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
                     ("LEFTPADDING", (1, 0), (-1, -1), 3),
                     ("RIGHTPADDING", (1, 0), (-1, -1), 3),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.grey),
                     ("VALIGN", (0, 0), (-1, -1), "TOP")]
            if table["totals"]:
                style.append(("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.grey))
            grid.setStyle(TableStyle(style))
            story.append(grid)
        story.append(Spacer(1, 6))
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                      topMargin=15 * mm, bottomMargin=15 * mm,
                      title=f"{label('title', lang)} {doc['month']}").build(story)
