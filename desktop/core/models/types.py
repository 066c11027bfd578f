"""Column types shared by the models."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy import LargeBinary, String
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field


class UuidBlob(TypeDecorator[uuid.UUID]):
    """UUIDs as 16 bytes in SQLite (half the size of SQLAlchemy's 32-character text, in every
    table and index: about a third of the file at 100,000 persons) and as the native type
    in PostgreSQL."""

    impl = LargeBinary(16)
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.UUID(as_uuid=True))
        return dialect.type_descriptor(LargeBinary(16))

    def process_bind_param(self, value: Any, dialect: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, uuid.UUID):
            value = uuid.UUID(str(value))
        return value if dialect.name == "postgresql" else value.bytes

    def process_result_value(self, value: Any, dialect: Any) -> uuid.UUID | None:
        if value is None or isinstance(value, uuid.UUID):
            return value
        return uuid.UUID(bytes=bytes(value))

    def bind_processor(self, dialect: Any) -> Any:
        if dialect.name == "postgresql":
            return super().bind_processor(dialect)

        # The hot path of bulk inserts (a million values for 100,000 persons): no dispatch.
        def to_bytes(value: Any) -> Any:
            try:
                return value.int.to_bytes(16, "big")  # what UUID.bytes does, one call less
            except AttributeError:
                return None if value is None else uuid.UUID(str(value)).bytes

        return to_bytes


UUID_TYPE = UuidBlob()


def uuid_field(**kwargs: Any) -> Any:
    """A UUID column (key, foreign key or reference) stored as ``UuidBlob``."""
    return Field(sa_type=UUID_TYPE, **kwargs)


class EnumText(TypeDecorator[StrEnum]):
    """Stores an enum's value as plain text ('social_worker', not 'SOCIAL_WORKER').

    Plain text (no CHECK constraint, no PostgreSQL enum type) lets a newer version add a value
    without a migration, and is what sync puts on the wire.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[StrEnum]) -> None:
        super().__init__(length=40)
        self.enum_class = enum_class

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        if type(value) is self.enum_class:  # the usual case: no lookup by value
            return value._value_
        return self.enum_class(value).value

    def process_result_value(self, value: Any, dialect: Any) -> StrEnum | None:
        if value is None:
            return None
        return self.enum_class(value)


def enum_field(enum_class: type[StrEnum], default: Any = ..., **kwargs: Any) -> Any:
    return Field(default=default, sa_type=EnumText(enum_class), **kwargs)
