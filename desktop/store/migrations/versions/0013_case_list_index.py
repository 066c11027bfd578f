"""the case list in its default order from an index alone

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-29 12:15:00

The first screen after login lists every open file by number: with the number and the id in
one index of the files not deleted, SQLite reads that list without walking the table.
"""

from alembic import op
import sqlalchemy as sa


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.create_index("ix_case_file_listed", ["file_number", "id"], unique=False,
                              sqlite_where=sa.text("deleted_at IS NULL"))


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_file_listed", sqlite_where=sa.text("deleted_at IS NULL"))
