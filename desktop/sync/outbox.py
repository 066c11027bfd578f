"""The sync outbox: every local change to a synced record, with its values, written in the
same transaction as the change itself and numbered in local order, until the central has
answered it (docs/sync-protocol.md, "Push").

The observer is attached to a database's engine only once that database is enrolled
(``sync_state`` has its row): an island desktop piles nothing up. Enrolment fills the
outbox with every record in the same transaction that writes ``sync_state``, so no change
made before or after it can be missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session

from desktop.core.enums import AuditAction, OutboxStatus
from desktop.core.ids import uuid7
from desktop.core.models import Record, SyncOutbox, SyncState, utcnow
from desktop.core.roles import Actor
from desktop.core.uow import Change, attach_observer
from desktop.sync.codec import encode, encode_value, record_values
from desktop.sync.entities import model_of, synced_models

OPS = {AuditAction.CREATE: "create", AuditAction.UPDATE: "update",
       AuditAction.DELETE: "delete"}
OUTBOX = SyncOutbox.__table__  # type: ignore[attr-defined]


def payload(change: Change, model: type[Record]) -> dict[str, Any]:
    """What the change carries on the wire: every value of a creation, [old, new] of each
    changed field of an update ([null, new] and ``erase`` for an anonymisation), nothing
    more for a deletion."""
    if change.action == AuditAction.CREATE:
        values = {name: value for name, value in (change.values or {}).items()
                  if name not in Record.BOOKKEEPING}
        return {"values": encode(model, values)}
    if change.action == AuditAction.UPDATE and change.erase:
        # Anonymisation: the old values (names, numbers) must not leave this desktop.
        return {"fields": {name: [None, encode_value(model, name, new)]
                           for name, (_old, new) in change.fields.items()}, "erase": True}
    if change.action == AuditAction.UPDATE:
        return {"fields": {name: [encode_value(model, name, old), encode_value(model, name, new)]
                           for name, (old, new) in change.fields.items()}}
    return {}


def outbox_rows(changes: Iterable[Change], author: Any, at: datetime) -> list[dict[str, Any]]:
    rows = []
    for change in changes:
        op = OPS.get(change.action)
        model = model_of(change.entity)
        if op is None or model is None or change.entity_id is None:
            continue  # a login, a view, an export, a local table: nothing to sync
        rows.append({
            "change_id": uuid7(), "entity": change.entity, "entity_id": change.entity_id,
            "op": op, "base_version": change.base_version, "payload": payload(change, model),
            "author": author, "at": change.at or at, "status": OutboxStatus.PENDING,
            "attempts": 0,
        })
    return rows


class Outbox:
    """Unit-of-work observer: one outbox row per change to a synced record."""

    def before_commit(self, session: Session, actor: Actor, changes: Sequence[Change]) -> None:
        rows = outbox_rows(changes, actor.user_id, utcnow())
        if rows:
            session.connection().execute(OUTBOX.insert(), rows)


def is_enrolled(engine: Engine) -> bool:
    with engine.connect() as connection:
        return connection.execute(select(SyncState.id)).first() is not None  # type: ignore[call-overload]


def attach_outbox_if_enrolled(engine: Engine) -> bool:
    """Called when a database is opened: an enrolled database records its changes."""
    if not is_enrolled(engine):
        return False
    attach_observer(engine, Outbox())
    return True


def enrol(engine: Engine, state: SyncState, upload_everything: bool) -> int:
    """Mark the database enrolled and start recording its changes. ``upload_everything``
    (the desktop that registers its organisation) queues a creation of every record, and
    a deletion after it for a tombstone, in the same transaction. Versions restart at what
    the central will hold (1, or 2 for a tombstone), since the central's history of each
    record starts with this upload. Returns the changes queued."""
    # Attached first: a unit of work started while the upload is written must commit
    # into the outbox too (it commits after us, holding the write lock after us).
    attach_observer(engine, Outbox())
    with Session(engine) as session, session.begin():
        session.add(state)
        queued = _initial_upload(session.connection()) if upload_everything else 0
    return queued


def _initial_upload(connection: Connection) -> int:
    queued = 0
    for entity, model in synced_models().items():
        table = model.__table__  # type: ignore[attr-defined]
        connection.execute(update(table).values(version=1))
        rows: list[dict[str, Any]] = []
        with Session(bind=connection) as reader:
            for record in reader.scalars(select(model).execution_options(yield_per=2000)):
                rows.append(_upload_row(entity, record, "create", None,
                                        {"values": record_values(record)}))
                if record.deleted_at is not None:
                    rows.append(_upload_row(entity, record, "delete", 1, {}))
                if len(rows) >= 5000:
                    connection.execute(OUTBOX.insert(), rows)
                    queued, rows = queued + len(rows), []
        if rows:
            connection.execute(OUTBOX.insert(), rows)
            queued += len(rows)
        connection.execute(update(table).where(table.c.deleted_at.is_not(None))
                           .values(version=2))
    return queued


def _upload_row(entity: str, record: Record, op: str, base_version: int | None,
                body: dict[str, Any]) -> dict[str, Any]:
    """A change as the record's last author made it, at its last time."""
    return {"change_id": uuid7(), "entity": entity, "entity_id": record.id, "op": op,
            "base_version": base_version, "payload": body, "author": record.updated_by,
            "at": record.updated_at, "status": OutboxStatus.PENDING, "attempts": 0}


def pending(session: Session, limit: int = 500) -> list[SyncOutbox]:
    """The next changes to push, in local order."""
    return list(session.scalars(
        select(SyncOutbox).where(SyncOutbox.status == OutboxStatus.PENDING)  # type: ignore[arg-type]
        .order_by(SyncOutbox.seq).limit(limit)))
