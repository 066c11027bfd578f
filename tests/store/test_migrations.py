import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

import desktop.core.models  # noqa: F401
from desktop.core.errors import RelaisError
from desktop.store.backup import backup_database
from desktop.store.engine import open_engine
from desktop.store.migrate import HEAD_REVISION, current_revision, head_revision
from tests.conftest import ADMIN_PASSWORD


def test_a_new_database_is_at_the_latest_schema(session):
    assert current_revision(session.engine) == head_revision()


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
def test_migrations_describe_exactly_the_models(session):
    with session.engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_a_database_from_a_newer_version_is_refused_untouched(vault, session):
    with session.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    session.close()
    before = vault.paths.database.read_bytes()
    with pytest.raises(RelaisError) as failure:
        vault.login("admin", ADMIN_PASSWORD)
    assert failure.value.key == "store.newer_schema"
    assert vault.paths.database.read_bytes() == before
    assert not vault.paths.backups.exists()


def test_a_backup_is_an_encrypted_copy_that_opens_with_the_same_key(vault, session):
    target = backup_database(session.engine, vault.paths.database, vault.paths.backups, "test")
    copy = open_engine(target, session._data_key)
    with copy.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM organisation")).scalar_one() == 1
    copy.dispose()


NEXT_STEP = '''"""a later version adds a column

Revision ID: 0002_test
Revises: {head}
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("motto", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("motto")
'''


def test_an_older_database_is_backed_up_then_upgraded(vault, session, tmp_path, monkeypatch):
    import shutil

    from desktop.store import migrate

    session.close()
    scripts = tmp_path / "migrations"
    head = migrate.head_revision()
    shutil.copytree(migrate._SCRIPTS, scripts)
    (scripts / "versions" / "9002_test.py").write_text(NEXT_STEP.replace("{head}", head))
    monkeypatch.setattr(migrate, "_SCRIPTS", scripts)
    monkeypatch.setattr(migrate, "HEAD_REVISION", "0002_test")  # as the new version says

    upgraded = vault.login("admin", ADMIN_PASSWORD)
    assert current_revision(upgraded.engine) == "0002_test"
    with upgraded.engine.connect() as connection:
        columns = [row[1] for row in connection.execute(text("PRAGMA table_info(organisation)"))]
    assert "motto" in columns
    backups = list(vault.paths.backups.glob("relais-*-pre-migration.db"))
    assert len(backups) == 1
    old = open_engine(backups[0], upgraded._data_key)
    assert current_revision(old) == head  # the copy is the database as it was
    old.dispose()
    upgraded.close()


def test_the_head_a_login_checks_without_alembic_is_the_scripts_head():
    assert head_revision() == HEAD_REVISION
