"""The intake form's fields, defined once for the paper form, the fillable PDF and the
transcription screen, so the three keep the same order and the same field names.

A field has two names: ``name`` for the code and the fillable PDF's fields, never printed,
and ``ref``, the short number printed beside its label on paper and shown on the
transcription screen, so a typist finds on the screen the field read on the sheet: the
household's fields are A1, A2…, person 2's fields 2.1, 2.2…"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.core.enums import AccommodationType, DocumentType, Relationship, Sex

PERSONS = 4  # person blocks on one form
HOUSEHOLD = "A"  # the household's block: its heading and its fields' refs (A1, A2…)


@dataclass(frozen=True)
class FormField:
    name: str  # stable and readable: "person1.birth_date", "household.street"
    label_key: str
    choice_prefix: str = ""  # choices are labelled by the message f"{prefix}.{value}"
    choices: tuple[str, ...] = ()
    checkbox: bool = False
    room: float = 9  # height in mm to write by hand on the paper form
    hint: str = ""  # printed in the paper box, e.g. the date pattern
    ref: str = ""  # printed beside the label: "A3", "2.4"; set by numbered()


def _values(enum) -> tuple[str, ...]:
    return tuple(member.value for member in enum)


def numbered(fields: list[FormField], prefix: str) -> list[FormField]:
    return [replace(field, ref=f"{prefix}{index}") for index, field in enumerate(fields, 1)]


def household_fields() -> list[FormField]:
    return numbered([
        FormField("household.accommodation", "doc.accommodation", "accommodation",
                  _values(AccommodationType)),
        FormField("household.host", "doc.host"),
        FormField("household.street", "doc.street", room=11),
        FormField("household.postal_code", "doc.postal_code"),
        FormField("household.municipality", "doc.municipality"),
        FormField("household.consent", "doc.consent", checkbox=True),
    ], HOUSEHOLD)


def person_fields(number: int) -> list[FormField]:
    key = f"person{number}"
    documents = (DocumentType.PASSPORT, DocumentType.ID_CARD, DocumentType.INTERNAL_PASSPORT,
                 DocumentType.BIRTH_CERTIFICATE, DocumentType.OTHER)
    return numbered([
        FormField(f"{key}.surname", "doc.surname", room=10),
        FormField(f"{key}.given_name", "doc.given_name", room=10),
        FormField(f"{key}.patronymic", "doc.patronymic"),
        FormField(f"{key}.birth_date", "doc.birth_date", hint="__ __ / __ __ / __ __ __ __"),
        FormField(f"{key}.sex", "doc.sex", "sex", _values((Sex.FEMALE, Sex.MALE, Sex.OTHER))),
        FormField(f"{key}.relationship", "doc.relationship", "relationship",
                  _values(Relationship)),
        FormField(f"{key}.nationality", "doc.nationality"),
        FormField(f"{key}.national_number", "doc.national_number"),
        FormField(f"{key}.document_type", "doc.document_type", "document_type",
                  _values(documents)),
        FormField(f"{key}.document_number", "doc.document_number"),
        FormField(f"{key}.phone", "doc.phone"),
        FormField(f"{key}.email", "doc.email"),
        FormField(f"{key}.languages", "doc.languages"),
    ], f"{number}.")


def all_fields() -> list[FormField]:
    return household_fields() + [f for n in range(1, PERSONS + 1) for f in person_fields(n)]


def refs() -> dict[str, str]:
    """Each field's printed ref by its name."""
    return {field.name: field.ref for field in all_fields()}
