"""index persons on the last nine digits of their phone number

Revision ID: 0003
Revises: 0002
"""

from alembic import op

from desktop.core.models.people import PHONE_TAIL_SQL

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # An expression index (SQLite 3.9+): phone search stays an index lookup at 100,000
    # persons instead of a scan of every row.
    op.execute(f"CREATE INDEX ix_person_phone_tail ON person ({PHONE_TAIL_SQL})")


def downgrade() -> None:
    op.execute("DROP INDEX ix_person_phone_tail")
