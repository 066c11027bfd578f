"""Alembic scripts for the local database (one step per schema version)."""
