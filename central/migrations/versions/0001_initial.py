"""The central's first schema: organisations, devices, enrolment codes, records, changes,
batches and merge redirects.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
ID = sa.String(36)


def upgrade() -> None:
    op.create_table(
        "organisation",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("refnis", sa.String(5), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("record_id", ID, nullable=True),
        sa.Column("seq", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("horizon", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("next_series", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "device",
        sa.Column("id", ID, primary_key=True),
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"),
                  nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("series", sa.String(10), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("revoked_at", sa.DateTime, nullable=True),
        sa.Column("download_horizon", sa.BigInteger, nullable=False, server_default="0"),
    )
    op.create_index("ix_device_organisation_id", "device", ["organisation_id"])
    op.create_table(
        "enrol_code",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"),
                  nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime, nullable=True),
    )
    op.create_table(
        "record",
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"),
                  primary_key=True),
        sa.Column("entity", sa.String(40), primary_key=True),
        sa.Column("id", ID, primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("deleted", sa.Boolean, nullable=False),
        sa.Column("values", JSON, nullable=False),
        sa.Column("stamps", JSON, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("updated_by", ID, nullable=True),
        sa.Column("updated_at", sa.String(40), nullable=True),
        sa.Column("written_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_record_org_seq", "record", ["organisation_id", "seq"], unique=True)
    op.create_table(
        "change",
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"),
                  primary_key=True),
        sa.Column("change_id", ID, primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("result", JSON, nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("handled_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "batch",
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"),
                  primary_key=True),
        sa.Column("batch_id", ID, primary_key=True),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("response", JSON, nullable=False),
        sa.Column("device_id", ID, nullable=False),
        sa.Column("handled_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "merge_redirect",
        sa.Column("organisation_id", sa.Integer, sa.ForeignKey("organisation.id"),
                  primary_key=True),
        sa.Column("other_id", ID, primary_key=True),
        sa.Column("keep_id", ID, nullable=False),
        sa.Column("repoint", JSON, nullable=False),
        sa.Column("batch_id", ID, nullable=False),
    )


def downgrade() -> None:
    for table in ("merge_redirect", "batch", "change", "record", "enrol_code", "device",
                  "organisation"):
        op.drop_table(table)
