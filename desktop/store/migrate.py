"""Bring a database to the schema this version of Relais expects.

Before any upgrade the file is backed up. A database whose revision this version does not know
was written by a newer Relais and is refused untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Engine

from desktop.core.errors import RelaisError
from desktop.core.write_lock import take_write_lock
from desktop.store.backup import backup_database

if TYPE_CHECKING:
    from alembic.config import Config

_SCRIPTS = Path(__file__).resolve().parent / "migrations"
# The newest migration, said here so that a login on an up-to-date database never imports
# Alembic (and Mako, Pygments: 200 modules) to learn it. tests/store/test_migrations.py
# checks it is the scripts' head.
HEAD_REVISION = "0013"


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    return {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def _at_head(engine: Engine) -> bool:
    """Whether the database is at HEAD_REVISION, read without Alembic."""
    with engine.connect() as connection:
        if not connection.execute(text(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        )).first():
            return False
        return [row[0] for row in connection.execute(text(
            "SELECT version_num FROM alembic_version"))] == [HEAD_REVISION]


def check_not_newer(engine: Engine) -> str | None:
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise RelaisError("store.newer_schema")
    return current


def upgrade_to_head(engine: Engine, database: Path, backups: Path) -> Path | None:
    """Upgrade if needed; returns the backup made before upgrading, if any."""
    if _at_head(engine):
        return None
    from alembic import command

    current = check_not_newer(engine)
    if current == head_revision():
        return None
    backup = backup_database(engine, database, backups, "pre-migration") if current else None
    config = _config()
    with engine.begin() as connection:
        # one transaction, one writer: a second process opening meanwhile waits, then
        # finds the schema at head and Alembic has nothing left to do
        take_write_lock(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    return backup
