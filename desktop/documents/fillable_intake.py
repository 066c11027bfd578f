"""The fillable intake form (PDF AcroForm): anyone can fill it in an ordinary PDF reader and
Relais reads it back into a new intake. Field names are stable and readable
(``person1.surname``, ``household.street``); choices store the enum value, whatever the
label language. Fields use an embedded font with Cyrillic (see form_font)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, NameObject, TextStringObject
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from desktop.core.enums import AccommodationType, DocumentType, Relationship, Sex
from desktop.documents.base import DocumentWriter, Languages, Target, p, spacer, styles
from desktop.documents.form_font import use_field_font

FORM_VERSION = "intake-fillable-1"
PERSONS = 4
LABEL_WIDTH, FIELD_WIDTH, ROW_HEIGHT = 62 * mm, 112 * mm, 11 * mm


@dataclass(frozen=True)
class Field:
    name: str  # e.g. "person1.birth_date"
    label_key: str
    options: tuple[tuple[str, str], ...] = ()  # (label, stored value) for a choice
    checkbox: bool = False


class FieldRow(Flowable):
    """One labelled field: the label in both languages with the field name under it."""

    def __init__(self, field: Field, languages: Languages) -> None:
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
        elif field.options:
            # ReportLab draws option labels in Helvetica: it gets the stored values here and
            # the bilingual labels are written afterwards (_label_options)
            form.choice(value=[""], options=[("", ""), *((v, v) for _, v in field.options)],
                        width=FIELD_WIDTH, height=ROW_HEIGHT - 1.5 * mm, fontSize=10,
                        fieldFlags="combo", tooltip=field.name, **common)
        else:
            form.textfield(value="", width=FIELD_WIDTH, height=ROW_HEIGHT - 1.5 * mm,
                           fontSize=10, maxlen=200, tooltip=field.name, **common)


def _choices(languages: Languages, prefix: str, values) -> tuple[tuple[str, str], ...]:
    return tuple((languages.both(f"{prefix}.{v.value}"), v.value) for v in values)


def household_fields(languages: Languages) -> list[Field]:
    return [
        Field("household.accommodation", "doc.accommodation",
              _choices(languages, "accommodation", AccommodationType)),
        Field("household.host", "doc.host"),
        Field("household.street", "doc.street"),
        Field("household.postal_code", "doc.postal_code"),
        Field("household.municipality", "doc.municipality"),
        Field("household.consent", "doc.consent", checkbox=True),
    ]


def person_fields(languages: Languages, number: int) -> list[Field]:
    key = f"person{number}"
    documents = (DocumentType.PASSPORT, DocumentType.ID_CARD, DocumentType.INTERNAL_PASSPORT,
                 DocumentType.BIRTH_CERTIFICATE, DocumentType.OTHER)
    return [
        Field(f"{key}.surname", "doc.surname"),
        Field(f"{key}.given_name", "doc.given_name"),
        Field(f"{key}.patronymic", "doc.patronymic"),
        Field(f"{key}.birth_date", "doc.birth_date"),
        Field(f"{key}.sex", "doc.sex", _choices(languages, "sex", (Sex.FEMALE, Sex.MALE,
                                                                    Sex.OTHER))),
        Field(f"{key}.relationship", "doc.relationship",
              _choices(languages, "relationship", Relationship)),
        Field(f"{key}.nationality", "doc.nationality"),
        Field(f"{key}.national_number", "doc.national_number"),
        Field(f"{key}.document_type", "doc.document_type",
              _choices(languages, "document_type", documents)),
        Field(f"{key}.document_number", "doc.document_number"),
        Field(f"{key}.phone", "doc.phone"),
        Field(f"{key}.email", "doc.email"),
        Field(f"{key}.languages", "doc.languages"),
    ]


def _label_options(form: PdfWriter, fields: list[Field]) -> None:
    """Each choice offers its labels in both languages. The label itself is the stored
    value (readers show the value, not an export/display pair); the import maps it back."""
    by_name = {f.name: f for f in fields}
    for page in form.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            field = by_name.get(str(widget.get("/T", "")))
            if field is not None:
                widget[NameObject("/Opt")] = ArrayObject(
                    [TextStringObject("")] +
                    [TextStringObject(label) for label, _value in field.options])


def fillable_intake_form(target: Target, languages: Languages, organisation: str,
                         made_on: date | None = None) -> Target:
    s = styles()
    writer = DocumentWriter(languages, organisation, "doc.fillable_title", FORM_VERSION,
                            made_on)
    story: list = [p(writer.title, s.title), p(languages.both("doc.fillable_intro"), s.small),
                   spacer(3), p(languages.both("doc.household"), s.heading)]
    story += [FieldRow(f, languages) for f in household_fields(languages)]
    for number in range(1, PERSONS + 1):
        rows = [FieldRow(f, languages) for f in person_fields(languages, number)]
        # the heading stays with the first names; the rest may continue on the next page
        story += [spacer(3), KeepTogether([p(f"{number}.", s.heading), *rows[:3]]), *rows[3:]]
    story += [spacer(4), p(languages.both("doc.declaration"), s.body)]
    drawn = io.BytesIO()
    writer.write(drawn, story)
    form = PdfWriter(clone_from=PdfReader(drawn))
    use_field_font(form)
    _label_options(form, [f for f in household_fields(languages) if f.options] +
                   [f for n in range(1, PERSONS + 1) for f in person_fields(languages, n)
                    if f.options])
    if isinstance(target, Path):
        with target.open("wb") as out:
            form.write(out)
    else:
        form.write(target)
    return target
