"""Which tables sync: every ``Record`` (a table a person edits, plus conflicts, merges and
credentials). Local tables (outbox, state, name index, drafts, audit) are plain SQLModel
tables and never travel."""

from __future__ import annotations

from functools import cache

from sqlmodel import SQLModel

import desktop.core.models  # noqa: F401  (every table defined before we list them)
from desktop.core.models import Record


@cache
def synced_models() -> dict[str, type[Record]]:
    """entity name (table name) -> model, parents before children (foreign keys)."""
    found: list[type[Record]] = []
    pending = list(Record.__subclasses__())
    while pending:
        model = pending.pop(0)
        if hasattr(model, "__table__"):
            found.append(model)
        pending.extend(model.__subclasses__())
    tables = {model.__table__: model for model in found}  # type: ignore[attr-defined]

    ordered = [tables[table] for table in SQLModel.metadata.sorted_tables if table in tables]
    return {model.__tablename__: model for model in ordered}  # type: ignore[misc]


def model_of(entity: str) -> type[Record] | None:
    return synced_models().get(entity)
