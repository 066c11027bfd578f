"""partner services directory; referral partner and outcome

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 09:20:00

The directory of partner services (issue 13), synced like every record. A referral may name
its directory entry (partner_id; the partner's name stays as text, typed or copied) and
dates its outcome (outcome_on). The referral statuses gain waiting and no_show: enum values
are plain text, no data to move.
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('partner_service',
    sa.Column('id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_by', sa.LargeBinary(length=16), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('municipalities', sa.JSON(), nullable=True),
    sa.Column('street', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('postal_code', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('municipality_refnis', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('phone', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('website', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('languages', sa.JSON(), nullable=True),
    sa.Column('opening_hours', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('waiting', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('waiting_days', sa.Integer(), nullable=True),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('scope', sa.String(length=40), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('listed', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('partner_service', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_partner_service_kind'), ['kind'], unique=False)

    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.add_column(sa.Column('partner_id', sa.LargeBinary(length=16), nullable=True))
        batch_op.add_column(sa.Column('outcome_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_referral_partner_id'), ['partner_id'], unique=False)
        batch_op.create_foreign_key('fk_referral_partner_id', 'partner_service', ['partner_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('referral', schema=None) as batch_op:
        batch_op.drop_constraint('fk_referral_partner_id', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_referral_partner_id'))
        batch_op.drop_column('outcome_on')
        batch_op.drop_column('partner_id')

    with op.batch_alter_table('partner_service', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_partner_service_kind'))

    op.drop_table('partner_service')
