"""Alembic environment: central.db.upgrade always passes an open connection."""

from alembic import context

from central.models import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata)
with context.begin_transaction():
    context.run_migrations()
