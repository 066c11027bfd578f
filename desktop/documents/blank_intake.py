"""The blank intake form for paper use at a reception point: boxes to write in (room for
Cyrillic), tick boxes for choices, each field's number (A3, 2.4) printed small beside its
label, and a QR code carrying the form version and a reference allocated for this sheet, so
typing it back links to the paper. The transcription screen shows the same numbers."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table

from desktop.core.paper_reference import new_reference
from desktop.documents.base import (
    DocumentWriter,
    Languages,
    Organisation,
    Target,
    markup,
    p,
    spacer,
    styles,
    table_style,
)
from desktop.documents.form_fields import (
    HOUSEHOLD,
    PERSONS,
    FormField,
    household_fields,
    person_fields,
)

FORM_VERSION = "intake-1"  # in the QR code only: what a reader of the sheet needs is below
VERSION = 1  # printed in the footer, in words
BOX = "\u2610"  # ☐, in the embedded DejaVu font
# A box is glued to its label (a no-break space): a line never ends on a box whose label
# starts the next line, which reads as the box of the previous choice.
TICK = BOX + "\u00a0"
REF_STYLE = '<font size="7" color="#666666"><b>{}</b></font>&nbsp;&nbsp;'


def labelled(text: str, ref: str, style) -> Paragraph:
    """A label with the field's number small before it (nothing for a field without one)."""
    return Paragraph((REF_STYLE.format(escape(ref)) if ref else "") + markup(text), style)


def qr_payload(reference: str) -> str:
    return f"RELAIS|{FORM_VERSION}|{reference}"


def _qr(reference: str, size: float = 26 * mm) -> Drawing:
    widget = QrCodeWidget(qr_payload(reference))
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0,
                                             size / (top - bottom), 0, 0])
    drawing.initialFontName = styles().regular  # not Helvetica, which is not embedded
    drawing.add(widget)
    return drawing


def _ticks(languages: Languages, field: FormField) -> str:
    return "   ".join(f"{TICK}{languages.both(f'{field.choice_prefix}.{value}')}"
                      for value in field.choices)


class _Sheet:
    def __init__(self, languages: Languages) -> None:
        self.languages = languages
        self.s = styles()

    def label(self, field: FormField) -> Paragraph:
        """The label in both languages, its number small before it."""
        return labelled(self.languages.both(field.label_key), field.ref, self.s.label)

    def content(self, field: FormField) -> str:
        """What is printed in the box: tick boxes for a choice, a pattern, or nothing."""
        if field.checkbox:
            return (f"{TICK}{self.languages.both('doc.yes')}   "
                    f"{TICK}{self.languages.both('doc.no')}")
        if field.choices:
            return _ticks(self.languages, field)
        return field.hint

    def boxes(self, fields: list[FormField]) -> Table:
        # a row grows with its content; room is left to write by hand where there is none
        data = []
        for field in fields:
            content = self.content(field)
            room = Spacer(1, (3 if content else field.room) * mm)
            data.append([self.label(field), [p(content, self.s.body), room] if content
                         else room])
        table = Table(data, colWidths=[58 * mm, 116 * mm])
        table.setStyle(table_style(
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
        ))
        return table


def blank_intake_form(target: Target, languages: Languages, organisation: Organisation,
                      copies: int = 1, references: list[str] | None = None,
                      made_on: date | None = None) -> tuple[Target, list[str]]:
    """``copies`` sheets, each with its own reference (returned, in order)."""
    references = references or [new_reference() for _ in range(copies)]
    sheet = _Sheet(languages)
    s = sheet.s
    writer = DocumentWriter(languages, organisation, "doc.blank_title", FORM_VERSION, made_on,
                            footer=languages.main("doc.blank_footer", version=VERSION))
    story: list = []
    for index, reference in enumerate(references):
        if index:
            story.append(PageBreak())
        head = Table([[[p(writer.title, s.title), p(languages.both("doc.blank_intro"),
                                                    s.small),
                        # Joined as the document's official language joins them.
                        p(languages.main.labelled(languages.both("doc.reference"),
                                                  reference), s.value)],
                       _qr(reference)]], colWidths=[146 * mm, 28 * mm])
        head.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP")))
        story += [head, spacer(2), p(f"{HOUSEHOLD}. {languages.both('doc.household')}", s.heading),
                  sheet.boxes(household_fields())]
        for number in range(1, PERSONS + 1):
            story += [spacer(2), KeepTogether([p(f"{number}.", s.heading),
                                               sheet.boxes(person_fields(number))])]
        story += [spacer(4), p(languages.both("doc.declaration"), s.body), spacer(3),
                  sheet.boxes([FormField("signature", "doc.signature_person", room=16)])]
    return writer.write(target, story), references
