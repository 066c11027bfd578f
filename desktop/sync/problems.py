"""Changes the central would not take (docs/sync-protocol.md, "Push": rejected, or deferred
too often), and the two ways out of each: send it again, edited or not, or drop it.

A parked change holds nothing back: the engine pushes only pending changes. Sending again
gives the change a new id (the central remembers the id of what it rejected, with its
content) and rebuilds its values from the record as it is now, so an edit made to fix it
goes with it. Dropping it puts the record back as the central has it and leaves an audit
event. The problems panel and ``relais sync problems | resend | discard`` share this.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop.core.audit.chain import append_events
from desktop.core.enums import AuditAction, OutboxStatus
from desktop.core.errors import AccessDenied, RelaisError, ValidationError
from desktop.core.ids import uuid7
from desktop.core.models import (
    Person,
    PersonNameKey,
    Record,
    SyncOutbox,
    UserAccount,
    utcnow,
)
from desktop.core.name_index import reindex_rows
from desktop.core.record_place import RecordPlace, place_of
from desktop.core.restricted import field_hidden, record_hidden
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork
from desktop.sync.codec import CodecError, decode_value, encode_value, record_values
from desktop.sync.entities import model_of
from desktop.sync.field_values import field_kind, read_value
from desktop.sync.outbox import Outbox

# The central's reasons (central/protocol.py) and the engine's own, with their messages.
REASONS = {
    "restricted_field": "sync.problem.restricted_field",
    "too_large": "sync.problem.too_large",
    "malformed": "sync.problem.malformed",
    "unknown_entity": "sync.problem.unknown_entity",
    "exists": "sync.problem.exists",
    "change_id_reused": "sync.problem.change_id_reused",
    "not_found": "sync.problem.not_found",
    "base_version_ahead": "sync.problem.base_version_ahead",
}
UNKNOWN_REASON = "sync.problem.unknown"
# Refused whatever the value: no editor is offered, the way out is to discard.
UNFIXABLE = frozenset({"restricted_field", "unknown_entity", "exists"})
MASK = object()  # a value the reader may not see


@dataclass(frozen=True)
class Problem:
    change_id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    op: str  # create | update | delete
    reason: str  # the code, as the central gave it
    fields: dict[str, tuple[Any, Any]]  # update: name -> (old, new); MASK when restricted
    at: datetime
    by: str
    place: RecordPlace
    may_act: bool

    @property
    def editable_field(self) -> str | None:
        """The one field a simple editor can fix, for an update of one plain field."""
        if self.op != "update" or len(self.fields) != 1 or self.reason in UNFIXABLE:
            return None
        name = next(iter(self.fields))
        _old, new = self.fields[name]
        model = model_of(self.entity)
        if new is MASK or model is None or not field_kind(model, name).editable:
            return None
        return name


def reason_message(reason: str | None) -> tuple[str, dict[str, str]]:
    """(message key, params): a known reason in the user's words, any other as a generic
    sentence with its code (so support can still tell which)."""
    code = reason or "rejected"
    key = REASONS.get(code)
    return (key, {}) if key else (UNKNOWN_REASON, {"code": code})


def problems(engine: Any, actor: Actor) -> list[Problem]:
    actor.require(Permission.VIEW_CASES)
    with Session(engine) as db:
        names = {u.id: u.display_name or u.username for u in db.scalars(select(UserAccount))}
        found = []
        for row in db.scalars(select(SyncOutbox).where(
                SyncOutbox.status == OutboxStatus.PROBLEM).order_by(SyncOutbox.seq)):  # type: ignore[arg-type]
            model = model_of(row.entity)
            record = db.get(model, row.entity_id) if model else None
            if record_hidden(actor, row.entity, record):
                continue
            found.append(Problem(
                change_id=row.change_id, entity=row.entity, entity_id=row.entity_id,
                op=row.op, reason=row.reason or "rejected",
                fields=_fields(actor, model, row) if model else {}, at=row.at,
                by=names.get(row.author, "") if row.author else "",  # type: ignore[arg-type]
                place=place_of(db, row.entity, row.entity_id), may_act=_may_act(actor, row)))
        return found


def _fields(actor: Actor, model: type[Record], row: SyncOutbox) -> dict[str, tuple[Any, Any]]:
    payload = row.payload or {}
    if row.op == "update":
        pairs = {name: tuple(pair) for name, pair in (payload.get("fields") or {}).items()}
    elif row.op == "create":
        pairs = {name: (None, value) for name, value in (payload.get("values") or {}).items()
                 if value not in (None, "", [], False)}
    else:
        return {}
    out: dict[str, tuple[Any, Any]] = {}
    for name, (old, new) in pairs.items():
        if name not in model.model_fields:
            continue
        if field_hidden(actor, row.entity, name):
            out[name] = (MASK, MASK)
        else:
            out[name] = (_decoded(model, name, old), _decoded(model, name, new))
    return out


def _decoded(model: type[Record], name: str, wire: Any) -> Any:
    try:
        return decode_value(model, name, wire)
    except (CodecError, KeyError):
        return wire


def _may_act(actor: Actor, row: SyncOutbox) -> bool:
    """Editors may act on any change; anyone on their own (a volunteer's intake)."""
    return actor.can(Permission.EDIT_CASES) or (
        actor.user_id is not None and row.author == actor.user_id)


def _problem_row(db: Session, actor: Actor, change_id: str) -> SyncOutbox:
    try:
        key = uuid.UUID(change_id)
    except ValueError:
        raise RelaisError("sync.problem_not_found", id=change_id) from None
    row = db.scalar(select(SyncOutbox).where(SyncOutbox.change_id == key))  # type: ignore[arg-type]
    if row is None or row.status != OutboxStatus.PROBLEM:
        raise RelaisError("sync.problem_not_found", id=change_id)
    model = model_of(row.entity)
    record = db.get(model, row.entity_id) if model else None
    if record_hidden(actor, row.entity, record) or not _may_act(actor, row):
        raise AccessDenied("error.access_denied")
    return row


# -- send again ----------------------------------------------------------------------------

def resend(engine: Any, actor: Actor, change_id: str, field: str | None = None,
           value: Any = None) -> None:
    """Queue the change again with a new id and the record's current values; with
    ``field``, first set that field to ``value`` (read and checked like a normal edit) as
    an ordinary local change."""
    with UnitOfWork(engine, actor) as uow:
        row = _problem_row(uow.session, actor, change_id)
        model = model_of(row.entity)
        record = uow.session.get(model, row.entity_id) if model else None
        if model is None or record is None:
            raise RelaisError("sync.problem_not_found", id=change_id)
        if field is not None:
            if row.op != "update" or field not in (row.payload or {}).get("fields", {}):
                raise ValidationError("sync.value_not_editable", field=field)
            if field_hidden(actor, row.entity, field):
                raise AccessDenied("error.access_denied")
            # Folded into the parked change rather than queued beside it: a second change
            # would carry the refused value as its old value (refused again when too large).
            uow.observers = [o for o in uow.observers if not isinstance(o, Outbox)]
            version = record.version
            uow.update(record, **{field: read_value(model, field, value)})
            record.version = version  # the parked change carries the version step
            uow.session.add(record)
            uow.session.flush()
        # Edits made since (in the record's usual screen) go with it as one change: each
        # would carry the refused value as its old value, and be refused in turn.
        later = list(uow.session.scalars(select(SyncOutbox).where(
            SyncOutbox.entity_id == row.entity_id,  # type: ignore[arg-type]
            SyncOutbox.seq > row.seq,  # type: ignore[operator]
            SyncOutbox.status == OutboxStatus.PENDING, SyncOutbox.op == "update")  # type: ignore[arg-type]
            .order_by(SyncOutbox.seq)))  # type: ignore[arg-type]
        payload = _current_payload(model, record, row, later)
        for absorbed in later:
            uow.session.delete(absorbed)
        if later:  # never ahead of the central: a lower base is merged field by field
            record.version = 1 if row.op == "create" else (row.base_version or 0) + 1
            uow.session.add(record)
        if payload is None:  # the edits undid the change: nothing is left to send
            _forget(uow.session, actor, row)
            return
        row.payload, row.change_id = payload, uuid7()
        row.status, row.result, row.reason, row.attempts = OutboxStatus.PENDING, None, None, 0
        uow.session.add(row)


def _current_payload(model: type[Record], record: Record, row: SyncOutbox,
                     later: list[SyncOutbox]) -> dict[str, Any] | None:
    """The change from what the central holds to the record as it is now."""
    if row.op == "create":
        return {"values": record_values(record)}
    if row.op == "delete":
        return {}
    olds: dict[str, Any] = {}
    for change in (row, *later):  # each field's value before the first of them
        for name, (old, _new) in ((change.payload or {}).get("fields") or {}).items():
            olds.setdefault(name, old)
    fields = {}
    for name, old in olds.items():
        now = encode_value(model, name, getattr(record, name))
        if now != old:
            fields[name] = [old, now]
    return {"fields": fields} if fields else None


# -- drop ----------------------------------------------------------------------------------

def discard(engine: Any, actor: Actor, change_id: str) -> None:
    """Drop the change: the record goes back to the central's version (the change's old
    values, or no record for a creation the central refused), with an audit event; later
    changes of the same record are rebased on the version the central holds."""
    with UnitOfWork(engine, actor) as uow:
        db = uow.session
        row = _problem_row(db, actor, change_id)
        model = model_of(row.entity)
        record = db.get(model, row.entity_id) if model else None
        later = list(db.scalars(select(SyncOutbox).where(
            SyncOutbox.entity_id == row.entity_id,  # type: ignore[arg-type]
            SyncOutbox.seq > row.seq,  # type: ignore[operator]
            SyncOutbox.status.in_((OutboxStatus.PENDING, OutboxStatus.PROBLEM)))))  # type: ignore[attr-defined]
        if record is not None and model is not None:
            _revert(model, record, row)
            db.add(record)
            if isinstance(record, Person):  # the search finds the names it has again
                db.flush()
                rows = reindex_rows(db, {record.id})
                if rows:
                    db.connection().execute(PersonNameKey.__table__.insert(), rows)  # type: ignore[attr-defined]
        if row.op == "create":
            for other in later:  # the record never reached the central: nor will they
                db.delete(other)
        else:
            _rebase(row, sorted(later, key=lambda other: other.seq or 0))
            for other in later:
                db.add(other)
        _forget(db, actor, row)


def _rebase(row: SyncOutbox, later: list[SyncOutbox]) -> None:
    """Later changes of the record as if the dropped one never was: based on the version
    the central holds, and the first to change one of its fields starting from the value
    the central has (else the central would see a conflict that is none)."""
    dropped = dict((row.payload or {}).get("fields") or {})
    for other in later:
        if other.base_version is not None and row.base_version is not None:
            other.base_version = min(other.base_version, row.base_version)
        fields = dict((other.payload or {}).get("fields") or {})
        for name in [name for name in fields if name in dropped]:
            fields[name] = [dropped.pop(name)[0], fields[name][1]]
        if other.op == "update":
            other.payload = {**(other.payload or {}), "fields": fields}


def _revert(model: type[Record], record: Record, row: SyncOutbox) -> None:
    """Without a unit of work: this is the central's state coming back, not a new change."""
    if row.op == "create":
        record.deleted_at = record.deleted_at or utcnow()
        return
    if row.op == "delete":
        record.deleted_at = None
    else:
        for name, (old, new) in ((row.payload or {}).get("fields") or {}).items():
            if encode_value(model, name, getattr(record, name)) == new:
                setattr(record, name, decode_value(model, name, old))
    if row.base_version is not None:
        # One local version fewer: the central never counted this change.
        record.version = max(row.base_version, record.version - 1)


def _forget(db: Session, actor: Actor, row: SyncOutbox) -> None:
    """The change leaves the outbox; the audit trail says who dropped which fields."""
    append_events(db.connection(), [{
        "id": uuid7(), "at": utcnow(), "actor_id": actor.user_id,
        "action": AuditAction.DISCARD, "entity": row.entity, "entity_id": row.entity_id,
        "fields": sorted((row.payload or {}).get("fields") or {}) or None}])
    db.delete(row)
