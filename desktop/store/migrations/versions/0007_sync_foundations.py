"""sync: outbox and state (local), conflicts, merges and user credentials (synced), the
origin of an audited change, one household per paper reference, and name index rows
numbered by an id that is never reused

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 03:30:00

A paper reference typed in twice (before this step nothing stopped two desktops, or two
windows, from doing it) is kept on the household that had it first; the later ones lose it,
stamped as a change, so the unique index can be built. The paper form then finds the first.

``person_name_key`` is derived data: it is made again with its new ``id`` column (empty)
and ``PRAGMA user_version`` is reset, so the name index is rebuilt once after the upgrade.
"""

from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    recreate_name_keys(with_id=True)
    op.create_table('person_merge',
    sa.Column('id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('keep_id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('other_id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('repoint', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person_merge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_merge_keep_id'), ['keep_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_merge_other_id'), ['other_id'], unique=False)

    op.create_table('sync_conflict',
    sa.Column('id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('entity_id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('field', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('base', sa.JSON(), nullable=True),
    sa.Column('theirs', sa.JSON(), nullable=True),
    sa.Column('theirs_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('theirs_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('mine', sa.JSON(), nullable=True),
    sa.Column('mine_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('mine_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('resolution', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_conflict_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_conflict_status'), ['status'], unique=False)

    op.create_table('sync_outbox',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('entity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('entity_id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('op', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=True),
    sa.Column('author', sa.LargeBinary(length=16), nullable=True),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('status', sa.String(length=40), nullable=False),
    sa.Column('result', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('seq'),
    sa.UniqueConstraint('change_id'),
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sync_outbox_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sync_outbox_status'), ['status'], unique=False)

    op.create_table('sync_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('server_url', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('device_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('series', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('cursor', sa.Integer(), nullable=False),
    sa.Column('enrolled_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('last_success_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('last_error', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('user_credential',
    sa.Column('id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('user_id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('public_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('wrapped_private_key', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kdf', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('user_credential', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_credential_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('origin', sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    clear_repeated_references(op.get_bind())
    op.create_index('ux_household_reference', 'household', ['reference'], unique=True,
                    sqlite_where=sa.text("reference <> ''"),
                    postgresql_where=sa.text("reference <> ''"))


def downgrade() -> None:
    recreate_name_keys(with_id=False)
    op.drop_index('ux_household_reference', table_name='household')

    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_column('origin')

    with op.batch_alter_table('user_credential', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_credential_user_id'))

    op.drop_table('user_credential')
    op.drop_table('sync_state')
    with op.batch_alter_table('sync_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_outbox_status'))
        batch_op.drop_index(batch_op.f('ix_sync_outbox_entity_id'))

    op.drop_table('sync_outbox')
    with op.batch_alter_table('sync_conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sync_conflict_status'))
        batch_op.drop_index(batch_op.f('ix_sync_conflict_entity_id'))

    op.drop_table('sync_conflict')
    with op.batch_alter_table('person_merge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_merge_other_id'))
        batch_op.drop_index(batch_op.f('ix_person_merge_keep_id'))

    op.drop_table('person_merge')


def clear_repeated_references(connection: sa.Connection) -> None:
    utc = sqlmodel.sql.sqltypes.UTCDateTime()
    household = sa.table("household", sa.column("id", sa.LargeBinary),
                         sa.column("reference", sa.String), sa.column("created_at", utc),
                         sa.column("updated_at", utc), sa.column("version", sa.Integer))
    now = datetime.now(timezone.utc)
    seen: set[str] = set()
    rows = connection.execute(
        sa.select(household.c.id, household.c.reference).where(household.c.reference != "")
        .order_by(household.c.created_at, household.c.id)).all()
    for household_id, reference in rows:
        if reference not in seen:
            seen.add(reference)
            continue
        connection.execute(sa.update(household).where(household.c.id == household_id).values(
            reference="", updated_at=now, version=household.c.version + 1))


def recreate_name_keys(with_id: bool) -> None:
    with op.batch_alter_table("person_name_key", schema=None) as batch_op:
        batch_op.drop_index("ix_person_name_key_key")
    op.drop_table("person_name_key")
    columns = [
        sa.Column("person_id", sa.LargeBinary(length=16), nullable=False),
        sa.Column("form", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
    ]
    if with_id:
        op.create_table(
            "person_name_key",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False), *columns,
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("person_id", "form", name="uq_person_name_key_form"),
            sqlite_autoincrement=True,
        )
    else:
        op.create_table("person_name_key", *columns,
                        sa.PrimaryKeyConstraint("person_id", "form"))
    with op.batch_alter_table("person_name_key", schema=None) as batch_op:
        batch_op.create_index("ix_person_name_key_key", ["key"], unique=False)
    op.execute("PRAGMA user_version = 0")  # rebuilt once at the next login
