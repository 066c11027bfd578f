"""Alembic environment: Relais always passes an open connection in ``config.attributes``."""

from alembic import context
from sqlmodel import SQLModel

import desktop.core.models  # noqa: F401  (registers every table on SQLModel.metadata)
from desktop.core.models.types import EnumText, UuidBlob


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # Render our column types as what SQLite stores, so scripts do not import the models.
    if type_ == "type" and isinstance(obj, EnumText):
        return "sa.String(length=40)"
    if type_ == "type" and isinstance(obj, UuidBlob):
        return "sa.LargeBinary(length=16)"  # the local database is always SQLite
    return False


connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode rebuilds tables
    render_item=render_item,
)
with context.begin_transaction():
    context.run_migrations()
