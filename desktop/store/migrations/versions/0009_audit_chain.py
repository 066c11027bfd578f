"""audit: every event a link of a hash chain (chain, seq, hash), a detail for what an access
needs to be told apart, and the chain's head

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29 09:00:00

The events already written are chained in the order they happened (time, then id), as one
new chain: from this step on, any later edit, deletion or move of them is found.
"""

import uuid

from alembic import op
import sqlalchemy as sa
import sqlmodel  # noqa: F401

from desktop.core.audit.chain import GENESIS, canonical, link

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

BATCH = 20_000


def upgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.add_column(sa.Column('detail', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('chain_id', sa.LargeBinary(length=16), nullable=True))
        batch_op.add_column(sa.Column('seq', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.LargeBinary(length=32), nullable=True))
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('chain_id', sa.LargeBinary(length=16), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.LargeBinary(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    chain_existing(op.get_bind())
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.alter_column('chain_id', existing_type=sa.LargeBinary(length=16),
                              nullable=False)
        batch_op.alter_column('seq', existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.LargeBinary(length=32),
                              nullable=False)
        batch_op.create_index('ux_audit_event_chain_seq', ['chain_id', 'seq'], unique=True)
        batch_op.create_index(batch_op.f('ix_audit_event_actor_id'), ['actor_id'],
                              unique=False)


def chain_existing(connection: sa.engine.Connection) -> None:
    """One chain for the events written so far, in time order, a batch at a time."""
    chain = uuid.uuid4()
    previous, seq = GENESIS, 0
    after: tuple[str, bytes] | None = None
    select = ("SELECT id, at, actor_id, action, entity, entity_id, fields, origin "
              "FROM audit_event {where} ORDER BY at, id LIMIT ?")
    while True:
        if after is None:
            rows = connection.exec_driver_sql(select.format(where=""), (BATCH,)).all()
        else:
            rows = connection.exec_driver_sql(
                select.format(where="WHERE at > ? OR (at = ? AND id > ?)"),
                (after[0], after[0], after[1], BATCH)).all()
        if not rows:
            break
        updates = []
        for event_id, at, actor, action, entity, entity_id, fields, origin in rows:
            seq += 1
            previous = link(previous, canonical(
                chain.hex, seq, bytes(event_id).hex(), at, bytes(actor).hex() if actor else "",
                action, entity, bytes(entity_id).hex() if entity_id else "",
                None if fields is None else _load(fields), origin, None))
            updates.append((chain.bytes, seq, previous, event_id))
        connection.exec_driver_sql(
            "UPDATE audit_event SET chain_id = ?, seq = ?, hash = ? WHERE id = ?", updates)
        after = (rows[-1][1], rows[-1][0])
    connection.exec_driver_sql("INSERT INTO audit_head (id, chain_id, seq, hash) "
                               "VALUES (1, ?, ?, ?)", (chain.bytes, seq, previous))


def _load(text: str):  # noqa: ANN202
    import json
    return json.loads(text)


def downgrade() -> None:
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_actor_id'))
        batch_op.drop_index('ux_audit_event_chain_seq')
        batch_op.drop_column('hash')
        batch_op.drop_column('seq')
        batch_op.drop_column('chain_id')
        batch_op.drop_column('detail')
    op.drop_table('audit_head')
