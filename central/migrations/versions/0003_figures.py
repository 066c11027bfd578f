"""Anonymous figures: coordinator accounts, the figures files of CPAS that do not sync, and
each organisation's key that signs them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("organisation") as batch:
        batch.add_column(sa.Column("figures_key", sa.String(64), nullable=True))
    op.create_table(
        "coordinator",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(100), nullable=False, unique=True),
        sa.Column("scope", sa.String(40), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "figures_file",
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"),
                  primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("block", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("made_at", sa.String(40), nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("figures_file")
    op.drop_table("coordinator")
    with op.batch_alter_table("organisation") as batch:
        batch.drop_column("figures_key")
