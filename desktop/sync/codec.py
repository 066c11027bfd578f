"""Record values <-> the protocol's JSON (docs/sync-protocol.md, "Values").

Driven by each column's SQLAlchemy type, so a new column needs no code here: UUIDs as
lower-case hyphenated text, dates ``YYYY-MM-DD``, date-times ISO 8601 in UTC with offset,
enums by value, JSON lists and objects as they are, booleans, integers, Decimals as text.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, Numeric, String
from sqlalchemy.types import TypeDecorator, TypeEngine

from desktop.core.models import Record
from desktop.core.models.types import EnumText, UuidBlob

Encoder = Callable[[Any], Any]


class CodecError(ValueError):
    """A value that does not fit its column (a bad pull, a newer desktop's value)."""


def _uuid_out(value: uuid.UUID) -> str:
    return str(value)


def _uuid_in(value: Any) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str):
        raise TypeError(f"not a UUID: {value!r}")
    return uuid.UUID(value)


def _datetime_out(value: datetime) -> str:
    if value.utcoffset() is None:  # stored naive only by an old bug: it was UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat()


encode_datetime = _datetime_out  # for values outside a record (an outbox row's time)


def _datetime_in(value: Any) -> datetime:
    parsed = datetime.fromisoformat(str(value))
    if parsed.utcoffset() is None:
        raise CodecError(f"date-time without offset: {value!r}")
    return parsed.astimezone(UTC)


def _date_in(value: Any) -> date:
    text = str(value)
    if len(text) != 10:
        raise CodecError(f"not a date: {value!r}")
    return date.fromisoformat(text)


def _bool_in(value: Any) -> bool:
    if not isinstance(value, bool):
        raise CodecError(f"not a boolean: {value!r}")
    return value


def _int_in(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CodecError(f"not an integer: {value!r}")
    return value


def _str_in(value: Any) -> str:
    if not isinstance(value, str):
        raise CodecError(f"not a text: {value!r}")
    return value


def _same(value: Any) -> Any:
    return value


def _kind(column_type: TypeEngine[Any]) -> tuple[Encoder, Encoder]:
    """(to JSON, from JSON) for a column type; ours first, then what a decorator wraps."""
    if isinstance(column_type, UuidBlob):
        return _uuid_out, _uuid_in
    if isinstance(column_type, EnumText):
        enum_class = column_type.enum_class
        return (lambda value: enum_class(value).value), enum_class
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    if isinstance(column_type, JSON):
        return _same, _same
    if isinstance(column_type, DateTime):
        return _datetime_out, _datetime_in
    if isinstance(column_type, Date):
        return date.isoformat, _date_in
    if isinstance(column_type, Boolean):
        return bool, _bool_in
    if isinstance(column_type, Numeric) and not isinstance(column_type, Float):
        return str, Decimal
    if isinstance(column_type, Integer):
        return int, _int_in
    if isinstance(column_type, String):
        return str, _str_in
    raise TypeError(f"no wire format for {column_type!r}")


@cache
def _columns(model: type[Record]) -> dict[str, tuple[Encoder, Encoder]]:
    table = model.__table__  # type: ignore[attr-defined]
    return {column.name: _kind(column.type) for column in table.columns}


def encode_value(model: type[Record], name: str, value: Any) -> Any:
    return None if value is None else _columns(model)[name][0](value)


def decode_value(model: type[Record], name: str, value: Any) -> Any:
    if value is None:
        return None
    try:
        return _columns(model)[name][1](value)
    except (ValueError, TypeError) as error:
        raise CodecError(f"{model.__tablename__}.{name}: {error}") from error


def encode(model: type[Record], values: dict[str, Any]) -> dict[str, Any]:
    """Protocol JSON of the given columns (names the model does not know are an error)."""
    return {name: encode_value(model, name, value) for name, value in values.items()}


def decode(model: type[Record], values: dict[str, Any]) -> dict[str, Any]:
    """Python values of the columns this version knows; a newer desktop's extra fields are
    left out, not refused, so an older desktop keeps syncing what it understands."""
    readers = _readers(model)
    out: dict[str, Any] = {}
    name = ""
    try:  # one loop without a call per value: a first pull decodes millions of them
        for name, value in values.items():
            read = readers.get(name)
            if read is not None:
                out[name] = None if value is None else read(value)
    except (ValueError, TypeError) as error:
        raise CodecError(f"{model.__tablename__}.{name}: {error}") from error
    return out


@cache
def _readers(model: type[Record]) -> dict[str, Encoder]:
    return {name: pair[1] for name, pair in _columns(model).items()}


def record_values(record: Record) -> dict[str, Any]:
    """Every column but the bookkeeping ones, as JSON: what a creation carries."""
    model = type(record)
    return {name: encode_value(model, name, getattr(record, name))
            for name in _columns(model) if name not in Record.BOOKKEEPING}
