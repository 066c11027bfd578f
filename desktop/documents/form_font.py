"""A font for PDF form fields that covers Ukrainian, Russian and the accented Latin of
French, Dutch and German.

ReportLab's AcroForm only knows the 14 standard PDF fonts, which have no Cyrillic, so text
typed in a reader would show as nothing or as boxes. This module embeds DejaVu Sans as a
simple TrueType font whose encoding keeps ASCII and puts the Cyrillic and accented letters
in the upper half (named ``uniXXXX`` so any reader maps them to the font's glyphs), and
makes it every field's default appearance font. It is the only font the form's fields name,
so the file references no font it does not embed (tests/documents/test_embedded_fonts.py)."""

from __future__ import annotations

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.pdfbase.ttfonts import TTFontFile

from desktop.paths import FONTS

FIELD_FONT = "DejaVu"  # the resource name in /DR and in each field's /DA
UPPER = (
    [chr(c) for c in range(0x410, 0x450)]  # А … я
    + list("ЁёЄєІіЇїҐґ")
    + list("àâäçéèêëîïôöùûüÿœæßÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŒ")
    + list("’«»№–")
)
assert len(UPPER) <= 128
ENCODING = {**{chr(c): c for c in range(32, 127)},
            **{char: 128 + index for index, char in enumerate(UPPER)}}


def encode(text: str) -> bytes:
    """The bytes a content stream uses to show ``text`` in the field font ('?' for what the
    encoding lacks)."""
    return bytes(ENCODING.get(char, ord("?")) for char in text)


def decode(data: bytes) -> str:
    reverse = {code: char for char, code in ENCODING.items()}
    return "".join(reverse.get(byte, "?") for byte in data)


def _font_dictionary(writer: PdfWriter) -> DictionaryObject:
    # pypdf has no public call to add an indirect object: _add_object it is (the tests fill
    # and render a form with the locked pypdf, so a change there shows at once).
    path = FONTS / "DejaVuSans.ttf"
    metrics = TTFontFile(str(path))
    widths = []
    reverse = {code: char for char, code in ENCODING.items()}
    for code in range(32, 256):
        char = reverse.get(code)
        widths.append(FloatObject(round(metrics.charWidths.get(ord(char), 0)
                                        if char else 0, 1)))
    program = DecodedStreamObject()
    program.set_data(path.read_bytes())
    program[NameObject("/Length1")] = NumberObject(len(program.get_data()))
    program = program.flate_encode()
    descriptor = DictionaryObject({
        NameObject("/Type"): NameObject("/FontDescriptor"),
        NameObject("/FontName"): NameObject("/DejaVuSans"),
        NameObject("/Flags"): NumberObject(32),  # non-symbolic: glyphs found by name
        NameObject("/FontBBox"): ArrayObject(FloatObject(round(v, 1)) for v in metrics.bbox),
        NameObject("/ItalicAngle"): NumberObject(0),
        NameObject("/Ascent"): FloatObject(round(metrics.ascent, 1)),
        NameObject("/Descent"): FloatObject(round(metrics.descent, 1)),
        NameObject("/CapHeight"): FloatObject(round(metrics.capHeight, 1)),
        NameObject("/StemV"): NumberObject(int(metrics.stemV)),
        NameObject("/FontFile2"): writer._add_object(program),
    })
    differences = ArrayObject([NumberObject(128)] + [
        NameObject(f"/uni{ord(char):04X}") for char in UPPER])
    return DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/TrueType"),
        NameObject("/BaseFont"): NameObject("/DejaVuSans"),
        NameObject("/FirstChar"): NumberObject(32),
        NameObject("/LastChar"): NumberObject(255),
        NameObject("/Widths"): ArrayObject(widths),
        NameObject("/FontDescriptor"): writer._add_object(descriptor),
        NameObject("/Encoding"): DictionaryObject({
            NameObject("/Type"): NameObject("/Encoding"),
            NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/Differences"): differences,
        }),
    })


def use_field_font(writer: PdfWriter, size: float = 10) -> None:
    """Makes the field font the form's default and every text field's, and asks readers to
    draw the fields' appearance themselves (with that font)."""
    form = writer.root_object["/AcroForm"]
    font = writer._add_object(_font_dictionary(writer))
    resources = form.setdefault(NameObject("/DR"), DictionaryObject())
    # the field font only: ReportLab's /Helv (Helvetica) there is used by no field once each
    # takes the field font below, and it is not embedded
    resources.get_object()[NameObject("/Font")] = DictionaryObject(
        {NameObject(f"/{FIELD_FONT}"): font})
    appearance = TextStringObject(f"/{FIELD_FONT} {size:g} Tf 0 g")
    form[NameObject("/DA")] = appearance
    form[NameObject("/NeedAppearances")] = BooleanObject(True)
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/FT") in ("/Tx", "/Ch"):
                widget[NameObject("/DA")] = appearance
                _appearance_font(widget, font)


def _appearance_font(widget: DictionaryObject, font: IndirectObject) -> None:
    """ReportLab's appearance of an empty field declares Helvetica (never used: it draws
    only the box) and Helvetica is not embedded: the field font takes its place, so the
    file names no font it does not carry."""
    for entry in (widget.get("/AP") or DictionaryObject()).values():
        entry = entry.get_object()
        states = [entry] if "/Resources" in entry or "/BBox" in entry else [
            state.get_object() for state in entry.values()]
        for stream in states:
            resources = stream.get("/Resources")
            if resources is not None and "/Font" in resources.get_object():
                resources.get_object()[NameObject("/Font")] = DictionaryObject(
                    {NameObject(f"/{FIELD_FONT}"): font})
