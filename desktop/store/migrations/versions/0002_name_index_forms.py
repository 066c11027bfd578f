"""name index keeps the Latin form of each name token (typos, aliases)

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A derived, local index: dropped and rebuilt from the persons, nothing to carry over.
    with op.batch_alter_table("person_name_key", schema=None) as batch_op:
        batch_op.drop_index("ix_person_name_key_key")
    op.drop_table("person_name_key")
    op.create_table(
        "person_name_key",
        sa.Column("person_id", sa.LargeBinary(length=16), nullable=False),
        sa.Column("form", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("person_id", "form"),
    )
    with op.batch_alter_table("person_name_key", schema=None) as batch_op:
        batch_op.create_index("ix_person_name_key_key", ["key"], unique=False)
    # Filled at the next login: later migrations (0007, 0012) make the table again and reset
    # PRAGMA user_version, and the login rebuilds it with the code of its own version (this
    # step once called that code, which now writes columns this schema has not yet).
    op.execute("PRAGMA user_version = 0")


def downgrade() -> None:
    with op.batch_alter_table("person_name_key", schema=None) as batch_op:
        batch_op.drop_index("ix_person_name_key_key")
    op.drop_table("person_name_key")
    op.create_table(
        "person_name_key",
        sa.Column("person_id", sa.LargeBinary(length=16), nullable=False),
        sa.Column("key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("person_id", "key"),
    )
    with op.batch_alter_table("person_name_key", schema=None) as batch_op:
        batch_op.create_index("ix_person_name_key_key", ["key"], unique=False)
