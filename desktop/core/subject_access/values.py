"""Records as plain JSON values, as stored: enums as their stored value, dates and times in
ISO 8601, ids as text. Keys are the column names (stable, in English)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlmodel import SQLModel

# Kept from the bookkeeping columns: which record, and when it was written.
KEPT = ("id", "created_at", "updated_at")
# Never part of a person's copy: the organisation's own key, the record's internal counters.
LEFT_OUT = frozenset({"organisation_id", "created_by", "updated_by", "version", "deleted_at"})


def plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return str(value)


def record(row: SQLModel, leave_out: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Every column of ``row`` a person may read, in the model's order, ``id`` first."""
    names = [name for name in type(row).model_fields
             if name not in LEFT_OUT and name not in leave_out]
    names.sort(key=lambda name: (name not in ("id",), name in KEPT[1:]))
    return {name: plain(getattr(row, name)) for name in names}
