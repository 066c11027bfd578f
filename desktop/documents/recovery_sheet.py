"""The one-page recovery sheet printed at setup: the code that unlocks the database when every
administrator password is lost. In the organisation's language beside Ukrainian is not needed
(it is for staff), so it carries the interface language and English."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from desktop.core.i18n import Translator
from desktop.documents.fonts import register_fonts
from desktop.private_files import make_private


def write_recovery_sheet(
    target: Path, tr: Translator, organisation: str, recovery_code: str, made_on: date
) -> Path:
    regular, bold = register_fonts()
    width, height = A4
    make_private(target)  # the code unlocks the whole database
    # initialFontName: ReportLab's default (Helvetica) would be named but not embedded
    canvas = Canvas(str(target), pagesize=A4, initialFontName=regular)
    canvas.setTitle(tr("recovery.sheet_title"))
    canvas.setAuthor("Relais")
    x = 25 * mm
    y = height - 30 * mm
    canvas.setFont(bold, 18)
    canvas.drawString(x, y, tr("recovery.sheet_title"))
    y -= 10 * mm
    canvas.setFont(regular, 11)
    canvas.drawString(x, y, organisation)
    y -= 6 * mm
    canvas.drawString(x, y, tr("recovery.sheet_made_on", date=made_on))
    y -= 18 * mm
    canvas.setFont(regular, 10)
    canvas.drawString(x, y, tr("recovery.sheet_code_label"))
    y -= 14 * mm
    # As large as fits the box: the code must be copied by hand without mistakes.
    size = 20.0
    while size > 10 and pdfmetrics.stringWidth(recovery_code, bold, size) > width - 2 * x - 4 * mm:
        size -= 0.5
    canvas.setFont(bold, size)
    canvas.drawString(x, y, recovery_code)
    canvas.rect(x - 4 * mm, y - 6 * mm, width - 2 * x + 8 * mm, 18 * mm)
    y -= 22 * mm
    canvas.setFont(regular, 10)
    for key in ("recovery.sheet_use", "recovery.sheet_keep", "recovery.sheet_never"):
        for line in _wrap(tr(key), 95):
            canvas.drawString(x, y, line)
            y -= 5.5 * mm
        y -= 3 * mm
    canvas.showPage()
    canvas.save()
    return target


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in filter(None, text.split(" ")):  # not split(): it breaks no-break spaces too
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines
