"""One field of a synced record as a person edits it outside its usual screen (a conflict's
"edit a value", a rejected change edited before it is sent again): what kind of editor fits
it, and the typed text read and checked as the normal edit checks it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String
from sqlalchemy.types import TypeDecorator

from desktop.core.dates import parse_partial
from desktop.core.enums import DatePrecision
from desktop.core.errors import ValidationError
from desktop.core.identifiers import parse_national_number
from desktop.core.limits import check_text
from desktop.core.models import Record
from desktop.core.models.types import EnumText, UuidBlob
from desktop.core.text import clean_text

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MULTILINE = frozenset({"body", "notes"})


@dataclass(frozen=True)
class FieldKind:
    """``kind``: text, multiline, date, datetime, bool, int, enum, list, or fixed (a
    reference or a structure: chosen between the sides, never typed)."""

    kind: str
    enum: type[StrEnum] | None = None
    nullable: bool = True

    @property
    def editable(self) -> bool:
        return self.kind != "fixed"


def field_kind(model: type[Record], name: str) -> FieldKind:
    column = model.__table__.columns[name]  # type: ignore[attr-defined]
    column_type, nullable = column.type, bool(column.nullable)
    if isinstance(column_type, UuidBlob):
        return FieldKind("fixed", nullable=nullable)
    if isinstance(column_type, EnumText):
        return FieldKind("enum", column_type.enum_class, nullable)
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    if isinstance(column_type, JSON):
        default = model.model_fields[name].default_factory
        is_list = default is list
        return FieldKind("list" if is_list else "fixed", nullable=nullable)
    if isinstance(column_type, DateTime):
        return FieldKind("datetime", nullable=nullable)
    if isinstance(column_type, Date):
        return FieldKind("date", nullable=nullable)
    if isinstance(column_type, Boolean):
        return FieldKind("bool", nullable=nullable)
    if isinstance(column_type, Integer):
        return FieldKind("int", nullable=nullable)
    if isinstance(column_type, String):
        return FieldKind("multiline" if name in MULTILINE else "text", nullable=nullable)
    return FieldKind("fixed", nullable=nullable)


def read_value(model: type[Record], name: str, typed: Any) -> Any:
    """The Python value of what a person typed or picked for ``name``; ValidationError with
    a message for them when it does not fit (as the intake and the person edit say it)."""
    found = field_kind(model, name)
    if not found.editable:
        raise ValidationError("sync.value_not_editable", field=name)
    if found.kind in ("bool", "int", "list") and isinstance(typed, str):
        typed = _json_or_text(typed)
    if found.kind == "bool":
        if not isinstance(typed, bool):
            raise ValidationError("sync.value_not_yes_no", field=name)
        return typed
    if found.kind == "int":
        if isinstance(typed, bool) or not isinstance(typed, int):
            raise ValidationError("sync.value_not_number", field=name, value=str(typed))
        return typed
    if found.kind == "list":
        items = typed if isinstance(typed, list) else str(typed).split(",")
        values = [clean_text(str(item)).strip() for item in items]
        for value in values:
            check_text(name, value)
        return [value for value in values if value]
    text = clean_text(str(typed), multiline=found.kind == "multiline").strip()
    if found.kind == "enum":
        assert found.enum is not None
        if not text and found.nullable:
            return None
        try:
            return found.enum(text)
        except ValueError:
            raise ValidationError("sync.value_not_a_choice", field=name, value=text) from None
    if found.kind in ("date", "datetime"):
        if not text:
            if found.nullable:
                return None
            raise ValidationError("date.unreadable", field=name, value=text)
        day, precision = parse_partial(text)
        if precision != DatePrecision.DAY:
            raise ValidationError("date.unreadable", field=name, value=text)
        return day
    check_text(name, text)
    if name == "national_number" and text:
        return parse_national_number(text).digits
    if name == "email" and text and not _EMAIL.match(text):
        raise ValidationError("intake.email_invalid", field=name)
    if name == "phone" and text and len(re.sub(r"\D", "", text)) < 8:
        raise ValidationError("intake.phone_invalid", field=name)
    return None if not text and found.nullable else text


def _json_or_text(text: str) -> Any:
    """'true', '42', '["fr"]' as JSON (the command line's way); anything else as it is."""
    try:
        return json.loads(text)
    except ValueError:
        return text
