"""Alembic environment: Relais always passes an open connection in ``config.attributes``."""

from alembic import context
from sqlmodel import SQLModel

import desktop.core.models  # noqa: F401  (registers every table on SQLModel.metadata)
from desktop.core.models.types import EnumText


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    # Enum columns are plain text in the database; render them so in new migration scripts.
    if type_ == "type" and isinstance(obj, EnumText):
        return "sa.String(length=40)"
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
