"""Figures stored per organisation and month, with the organisation's sequence number they
were computed at (the coordinator page reads them; a moved sequence means recompute).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "figures_stored",
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"),
                  primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("block", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=True),
        sa.Column("overview", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("computed_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("figures_stored")
