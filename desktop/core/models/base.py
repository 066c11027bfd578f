"""Columns shared by every synchronisable record."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import ClassVar

from sqlmodel import Field, SQLModel

from desktop.core.ids import uuid7
from desktop.core.models.types import uuid_field


def utcnow() -> datetime:
    """Aware UTC; stored as UTC and read back as aware UTC on SQLite and PostgreSQL alike."""
    return datetime.now(UTC)


class Record(SQLModel):
    id: uuid.UUID = uuid_field(default_factory=uuid7, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: uuid.UUID | None = uuid_field(default=None)
    updated_at: datetime = Field(default_factory=utcnow)
    updated_by: uuid.UUID | None = uuid_field(default=None)
    version: int = Field(default=1)
    deleted_at: datetime | None = Field(default=None)

    # Columns the unit of work maintains itself; never reported as a user's change.
    BOOKKEEPING: ClassVar[frozenset[str]] = frozenset(
        {"id", "created_at", "created_by", "updated_at", "updated_by", "version", "deleted_at"}
    )
