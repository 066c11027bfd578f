"""The blank intake form for paper use at a reception point: boxes to write in (room for
Cyrillic), tick boxes for choices, each field's id printed small, and a QR code carrying the
form version and a reference allocated for this sheet, so typing it back links to the paper.
The field ids are the names the fillable form and the transcription will use."""

from __future__ import annotations

import secrets
from datetime import date

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from desktop.core.enums import AccommodationType, DocumentType, Relationship, Sex
from desktop.documents.base import DocumentWriter, Languages, Target, p, spacer, styles

FORM_VERSION = "intake-1"
PERSONS_PER_FORM = 4
BOX = "\u2610"  # ☐, in the embedded DejaVu font
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # nothing to confuse when typed


def new_reference() -> str:
    """A reference for one paper sheet, e.g. ``P-7KQM-X3TD``; unique enough to be
    allocated offline on any machine (40 random bits)."""
    chars = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"P-{chars[:4]}-{chars[4:]}"


def qr_payload(reference: str) -> str:
    return f"RELAIS|{FORM_VERSION}|{reference}"


def _qr(reference: str, size: float = 26 * mm) -> Drawing:
    widget = QrCodeWidget(qr_payload(reference))
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (right - left), 0, 0,
                                             size / (top - bottom), 0, 0])
    drawing.add(widget)
    return drawing


def _ticks(languages: Languages, prefix: str, values) -> str:
    return "   ".join(f"{BOX} {languages.both(f'{prefix}.{v.value}')}" for v in values)


class _Sheet:
    def __init__(self, languages: Languages) -> None:
        self.languages = languages
        self.s = styles()

    def label(self, key: str, field_id: str) -> list:
        """The label in both languages with the field id under it, small."""
        return [p(self.languages.both(key), self.s.label), p(field_id, self.s.small)]

    def boxes(self, rows: list[tuple[str, str, object, float]]) -> Table:
        """label key, field id, printed content (ticks) or None, room to write in (mm)."""
        # a row grows with its content: the height is the room left to write in
        data = [[self.label(key, field_id),
                 [p(content, self.s.body), Spacer(1, height * mm)] if content
                 else Spacer(1, height * mm)]
                for key, field_id, content, height in rows]
        table = Table(data, colWidths=[58 * mm, 116 * mm])
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
        ]))
        return table


def _household(sheet: _Sheet) -> list:
    languages = sheet.languages
    return [sheet.boxes([
        ("doc.accommodation", "household.accommodation",
         _ticks(languages, "accommodation", AccommodationType), 0),
        ("doc.host", "household.host", None, 9),
        ("doc.address", "household.address", None, 14),
        ("doc.phone", "household.phone", None, 9),
        ("doc.email", "household.email", None, 9),
        ("doc.consent", "household.consent",
         f"{BOX} {languages.both('doc.yes')}   {BOX} {languages.both('doc.no')}", 0),
    ])]


def _person(sheet: _Sheet, number: int) -> KeepTogether:
    languages, key = sheet.languages, f"person{number}"
    document_types = (DocumentType.PASSPORT, DocumentType.ID_CARD,
                      DocumentType.INTERNAL_PASSPORT, DocumentType.BIRTH_CERTIFICATE,
                      DocumentType.OTHER)
    return KeepTogether([
        p(f"{number}.", sheet.s.heading),
        sheet.boxes([
            ("doc.surname", f"{key}.surname", None, 10),
            ("doc.given_name", f"{key}.given_name", None, 10),
            ("doc.patronymic", f"{key}.patronymic", None, 9),
            ("doc.birth_date", f"{key}.birth_date", "__ __ / __ __ / __ __ __ __", 0),
            ("doc.sex", f"{key}.sex", _ticks(languages, "sex", (Sex.FEMALE, Sex.MALE,
                                                                  Sex.OTHER)), 0),
            ("doc.relationship", f"{key}.relationship",
             _ticks(languages, "relationship", Relationship), 0),
            ("doc.nationality", f"{key}.nationality", None, 9),
            ("doc.national_number", f"{key}.national_number", None, 9),
            ("doc.documents", f"{key}.document",
             _ticks(languages, "document_type", document_types) + "\n№", 7),
            ("doc.languages", f"{key}.languages", None, 9),
        ]),
    ])


def blank_intake_form(target: Target, languages: Languages, organisation: str,
                      copies: int = 1, references: list[str] | None = None,
                      made_on: date | None = None) -> tuple[Target, list[str]]:
    """``copies`` sheets, each with its own reference (returned, in order)."""
    references = references or [new_reference() for _ in range(copies)]
    sheet = _Sheet(languages)
    s = sheet.s
    writer = DocumentWriter(languages, organisation, "doc.blank_title", "blank-intake",
                            made_on)
    story: list = []
    for index, reference in enumerate(references):
        if index:
            story.append(PageBreak())
        head = Table([[[p(writer.title, s.title), p(languages.both("doc.blank_intro"),
                                                    s.small),
                        p(f"{languages.both('doc.reference')}: {reference}", s.value),
                        p(f"{FORM_VERSION}", s.small)],
                       _qr(reference)]], colWidths=[146 * mm, 28 * mm])
        head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [head, spacer(2), *_household(sheet)]
        for number in range(1, PERSONS_PER_FORM + 1):
            story += [spacer(2), _person(sheet, number)]
        story += [spacer(4), p(languages.both("doc.declaration"), s.body), spacer(3),
                  sheet.boxes([("doc.signature_person", "signature", None, 16)])]
    return writer.write(target, story), references
