"""needs of a case and values of a merge as data, not text

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 00:20:00

The intake used to write the ticked needs as a note ("housing · school"), which every reader
saw as raw codes. They become the case's ``needs`` list, labelled in the reader's language;
such notes are moved there and soft-deleted (the history keeps them). Likewise a merge
wrote "[merge] birth_place: …; sex: F": those values become the note's ``merged_values``.
"""

from datetime import datetime, timedelta, timezone

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# The NeedArea values of this step (a migration never follows later enum changes).
NEED_AREAS = frozenset({"income", "housing", "health", "school", "language", "work",
                        "childcare", "psychosocial", "documents"})


def upgrade() -> None:
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.add_column(sa.Column('needs', sa.JSON(), nullable=True))
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_values', sa.JSON(), nullable=True))
    move_needs_out_of_notes(op.get_bind())
    merge_notes_as_values(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_column('merged_values')
    with op.batch_alter_table('case_file', schema=None) as batch_op:
        batch_op.drop_column('needs')


# The order the old intake wrote them in (its check boxes followed NeedArea).
INTAKE_WINDOW = timedelta(minutes=5)
NEED_ORDER = ("income", "housing", "health", "school", "language", "work", "childcare",
              "psychosocial", "documents")


def needs_in(body: str) -> list[str]:
    """The codes of a note written by the old intake, or [] for a note a person wrote: only
    its exact form (codes joined by " · ", in the intake's order, each once). A worker's note
    that just says "housing" stays a note (the caller also checks when it was written)."""
    parts = body.split(" · ")
    if not parts or any(part not in NEED_AREAS for part in parts):
        return []
    ranks = [NEED_ORDER.index(part) for part in parts]
    return parts if ranks == sorted(set(ranks)) and " · ".join(parts) == body else []


def move_needs_out_of_notes(connection: sa.Connection) -> None:
    utc = sqlmodel.sql.sqltypes.UTCDateTime()
    note = sa.table("note", sa.column("id", sa.LargeBinary), sa.column("case_id", sa.LargeBinary),
                    sa.column("body", sa.String), sa.column("created_at", utc), *_versioned())
    case = sa.table("case_file", sa.column("id", sa.LargeBinary), sa.column("needs", sa.JSON),
                    sa.column("created_at", utc), *_versioned())
    now = datetime.now(timezone.utc)
    rows = connection.execute(
        sa.select(note.c.id, note.c.case_id, note.c.body, note.c.created_at,
                  case.c.created_at).join(case, case.c.id == note.c.case_id)
        .where(note.c.deleted_at.is_(None))).all()
    for note_id, case_id, body, written_at, opened_at in rows:
        codes = needs_in(body or "")
        # Only a note written by the intake itself, with its case (one transaction).
        if not codes or abs(written_at - opened_at) > INTAKE_WINDOW:
            continue
        old = connection.execute(sa.select(case.c.needs).where(case.c.id == case_id)).scalar()
        merged = list(dict.fromkeys([*(old or []), *codes]))
        connection.execute(sa.update(case).where(case.c.id == case_id).values(
            needs=merged, **_changed(case, now)))
        connection.execute(sa.update(note).where(note.c.id == note_id).values(
            deleted_at=now, **_changed(note, now)))



MERGE_MARK = "[merge] "


def merged_values_in(body: str) -> dict[str, str] | None:
    """{field: value} of a note written by the old merge, or None for any other note."""
    if not body.startswith(MERGE_MARK):
        return None
    values = {}
    for pair in body[len(MERGE_MARK):].split("; "):
        name, colon, value = pair.partition(": ")
        if not colon or not name.isidentifier() or name != name.lower():
            return None
        values[name] = value
    return values


def merge_notes_as_values(connection: sa.Connection) -> None:
    note = sa.table("note", sa.column("id", sa.LargeBinary), sa.column("body", sa.String),
                    sa.column("merged_values", sa.JSON), *_versioned())
    now = datetime.now(timezone.utc)
    rows = connection.execute(sa.select(note.c.id, note.c.body)
                              .where(note.c.body.like("[merge] %"))).all()
    for note_id, body in rows:
        values = merged_values_in(body)
        if values:
            connection.execute(sa.update(note).where(note.c.id == note_id).values(
                body="", merged_values=values, **_changed(note, now)))


def _versioned() -> list[sa.ColumnClause]:
    utc = sqlmodel.sql.sqltypes.UTCDateTime()
    return [sa.column("deleted_at", utc), sa.column("updated_at", utc),
            sa.column("version", sa.Integer)]


def _changed(table: sa.TableClause, now: datetime) -> dict:
    """A changed record is stamped as the unit of work stamps it (sync compares versions)."""
    return {"updated_at": now, "version": table.c.version + 1}
