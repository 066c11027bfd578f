"""Column types shared by the models."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field


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
        return self.enum_class(value).value

    def process_result_value(self, value: Any, dialect: Any) -> StrEnum | None:
        if value is None:
            return None
        return self.enum_class(value)


def enum_field(enum_class: type[StrEnum], default: Any = ..., **kwargs: Any) -> Any:
    return Field(default=default, sa_type=EnumText(enum_class), **kwargs)
