"""The fillable intake form (PDF AcroForm): anyone can fill it in an ordinary PDF reader and
Relais reads it back into a new intake. Field names are stable (``person1.surname``,
``household.street``) and never printed: a reader sees each label with the field's number
(A3, 2.4), as on the paper form; a choice stores its label in both languages, which the
import maps back to the value. Fields use an embedded font with Cyrillic (see form_font)."""

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
from desktop.documents.blank_intake import labelled
from desktop.documents.form_fields import (
    HOUSEHOLD,
    PERSONS,
    FormField,
    all_fields,
    household_fields,
    person_fields,
)
from desktop.documents.form_font import use_field_font

VERSION = 1  # printed in the footer, in words
ROW_WIDTH = 174 * mm
BOX_HEIGHT, LABEL_GAP, ROW_GAP = 7.5 * mm, 0.8 * mm, 2.2 * mm
CHECKBOX_SIZE = 6 * mm


class FieldRow(Flowable):
    """One field: its label in both languages above its box, with the field's number small
    before the label, so neither can be read as the next field's. A reader's tooltip is the
    number and the label, not the field's name."""

    def __init__(self, field: FormField, languages: Languages) -> None:
        super().__init__()
        self.field = field
        text = languages.both(field.label_key)
        self.label = labelled(text, field.ref, styles().label)
        self.tooltip = f"{field.ref} {text}"
        self.box_height = CHECKBOX_SIZE if field.checkbox else BOX_HEIGHT

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, label_height = self.label.wrap(ROW_WIDTH, available_height)
        self.label_height = label_height
        return ROW_WIDTH, label_height + LABEL_GAP + self.box_height + ROW_GAP

    def draw(self) -> None:
        canvas, field = self.canv, self.field
        box_top = ROW_GAP + self.box_height
        self.label.drawOn(canvas, 0, box_top + LABEL_GAP)
        common = {"name": field.name, "x": 0, "y": ROW_GAP,
                  "borderColor": colors.HexColor("#777777"), "borderWidth": 0.6,
                  "fillColor": colors.HexColor("#f4f7fb"), "relative": True}
        form = canvas.acroForm
        if field.checkbox:
            form.checkbox(size=CHECKBOX_SIZE, buttonStyle="check", checked=False,
                          tooltip=self.tooltip, **common)
        elif field.choices:
            # ReportLab draws option labels in Helvetica: it gets the stored values here and
            # the bilingual labels are written afterwards (_label_options)
            form.choice(value=[""], options=[("", ""), *((v, v) for v in field.choices)],
                        width=ROW_WIDTH, height=BOX_HEIGHT, fontSize=10,
                        fieldFlags="combo", tooltip=self.tooltip, **common)
        else:
            form.textfield(value="", width=ROW_WIDTH, height=BOX_HEIGHT,
                           fontSize=10, maxlen=200, tooltip=self.tooltip, **common)


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
    writer = DocumentWriter(languages, organisation, "doc.fillable_title",
                            f"intake-fillable-{VERSION}", made_on,
                            footer=languages.main("doc.fillable_footer", version=VERSION))
    intro = languages.both("doc.fillable_intro", organisation=str(organisation))
    story: list = [p(writer.title, s.title), p(intro, s.small),
                   spacer(3), p(f"{HOUSEHOLD}. {languages.both('doc.household')}", s.heading)]
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
