"""The fillable intake form (PDF AcroForm): anyone can fill it in an ordinary PDF reader and
Relais reads it back into a new intake. Field names are stable and readable
(``person1.surname``, ``household.street``); a choice stores its label in both languages,
which the import maps back to the value. Fields use an embedded font with Cyrillic (see
form_font)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, TextStringObject
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desktop.documents.base import (
    DocumentWriter,
    Languages,
    Organisation,
    Target,
    p,
    spacer,
    styles,
)
from desktop.documents.form_fields import (
    PERSONS,
    FormField,
    all_fields,
    household_fields,
    person_fields,
)
from desktop.documents.form_font import use_field_font

FORM_VERSION = "intake-fillable-1"
LABEL_WIDTH, FIELD_WIDTH, ROW_HEIGHT = 62 * mm, 112 * mm, 11 * mm


class FieldRow(Flowable):
    """One labelled field: the label in both languages with the field name under it."""

    def __init__(self, field: FormField, languages: Languages) -> None:
        super().__init__()
        self.field, self.languages = field, languages

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return LABEL_WIDTH + FIELD_WIDTH, ROW_HEIGHT

    def draw(self) -> None:
        s, canvas, field = styles(), self.canv, self.field
        label = p(self.languages.both(field.label_key), s.label)
        label.wrapOn(canvas, LABEL_WIDTH - 2 * mm, ROW_HEIGHT)
        label.drawOn(canvas, 0, ROW_HEIGHT - label.height - 0.5 * mm)
        canvas.setFont(s.regular, 5.5)
        canvas.setFillColor(colors.HexColor("#777777"))
        canvas.drawString(0, 0.8 * mm, field.name)
        common = {"name": field.name, "x": LABEL_WIDTH, "y": 0.6 * mm,
                  "borderColor": colors.HexColor("#777777"), "borderWidth": 0.6,
                  "fillColor": colors.HexColor("#f4f7fb"), "relative": True}
        form = canvas.acroForm
        if field.checkbox:
            form.checkbox(size=7.5 * mm, buttonStyle="check", checked=False,
                          tooltip=field.name, **common)
        elif field.choices:
            # ReportLab draws option labels in Helvetica: it gets the stored values here and
            # the bilingual labels are written afterwards (_label_options)
            form.choice(value=[""], options=[("", ""), *((v, v) for v in field.choices)],
                        width=FIELD_WIDTH, height=ROW_HEIGHT - 1.5 * mm, fontSize=10,
                        fieldFlags="combo", tooltip=field.name, **common)
        else:
            form.textfield(value="", width=FIELD_WIDTH, height=ROW_HEIGHT - 1.5 * mm,
                           fontSize=10, maxlen=200, tooltip=field.name, **common)


def _options(field: FormField, languages: Languages) -> list[str]:
    return [languages.both(f"{field.choice_prefix}.{value}") for value in field.choices]


def _label_options(form: PdfWriter, languages: Languages) -> None:
    """Each choice offers its labels in both languages. The label itself is the stored
    value (readers show the value, not an export/display pair); the import maps it back."""
    by_name = {f.name: f for f in all_fields() if f.choices}
    for page in form.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            field = by_name.get(str(widget.get("/T", "")))
            if field is not None:
                widget[NameObject("/Opt")] = ArrayObject(
                    [TextStringObject("")] +
                    [TextStringObject(label) for label in _options(field, languages)])


def fillable_intake_form(target: Target, languages: Languages, organisation: Organisation,
                         made_on: date | None = None) -> Target:
    s = styles()
    writer = DocumentWriter(languages, organisation, "doc.fillable_title", FORM_VERSION,
                            made_on)
    story: list = [p(writer.title, s.title), p(languages.both("doc.fillable_intro"), s.small),
                   spacer(3), p(languages.both("doc.household"), s.heading)]
    story += [FieldRow(f, languages) for f in household_fields()]
    for number in range(1, PERSONS + 1):
        rows = [FieldRow(f, languages) for f in person_fields(number)]
        # the heading stays with the first names; the rest may continue on the next page
        story += [spacer(3), KeepTogether([p(f"{number}.", s.heading), *rows[:3]]), *rows[3:]]
    story += [spacer(4), p(languages.both("doc.declaration"), s.body)]
    drawn = io.BytesIO()
    writer.write(drawn, story)
    form = PdfWriter(clone_from=PdfReader(drawn))
    use_field_font(form)
    _label_options(form, languages)
    # what the field font replaced (ReportLab's Helvetica) is left unreferenced: not written
    form.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    if isinstance(target, Path):
        with target.open("wb") as out:
            form.write(out)
    else:
        form.write(target)
    return target
