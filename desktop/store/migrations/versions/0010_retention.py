"""retention: rules an administrator sets (synced), and a person's anonymisation time

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 10:00:00

``retention_rule`` holds one rule per kind (closed files, unfinished quick intakes, drafts),
off until an administrator sets it. ``person.anonymised_at`` marks a person whose names,
identifiers, contact and free text were removed (desktop/core/retention/).
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('retention_rule',
    sa.Column('id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('after', sa.Integer(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('retention_rule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_retention_rule_kind'), ['kind'], unique=False)
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.add_column(sa.Column('anonymised_at', sqlmodel.sql.sqltypes.UTCDateTime(),
                                      nullable=True))


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+): a batch copy would drop and rebuild ``person``,
    # which every table that refers to a person refuses while foreign keys are on.
    op.execute("ALTER TABLE person DROP COLUMN anonymised_at")
    with op.batch_alter_table('retention_rule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_retention_rule_kind'))
    op.drop_table('retention_rule')
