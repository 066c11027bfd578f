"""Open conflicts as a person reads them: per field, the value before, this desktop's and the
other desktop's, each with who (a name, not an id) and when; the record named by its case
and person; restricted values left out for a role that may not read them (in the service,
not only in the window). The dialog and ``relais sync conflicts`` read the same listing."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.enums import ConflictStatus, OutboxStatus
from desktop.core.models import Record, SyncConflict, SyncOutbox, SyncState, UserAccount
from desktop.core.record_place import RecordPlace, place_of
from desktop.core.restricted import field_hidden, field_restricted, record_hidden
from desktop.core.roles import Actor, Permission
from desktop.sync.codec import CodecError, decode_value
from desktop.sync.conflicts import DELETED, WHOLE_ENTITIES
from desktop.sync.entities import model_of
from desktop.sync.field_values import FieldKind, field_kind


@dataclass(frozen=True)
class Side:
    value: Any  # the field's value; for a deletion conflict True, or the edit's fields
    by: str  # the author's name ("" when unknown here)
    at: datetime | None


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    entity: str
    entity_id: uuid.UUID
    field: str
    kind: FieldKind | None  # None for a deletion against an edit
    base: Any
    mine: Side  # this desktop's side
    theirs: Side  # the other desktop's
    mine_key: str  # which side of the protocol ("mine" or "theirs") is this desktop's
    masked: bool  # a restricted field: that it changed is said, never its values
    place: RecordPlace
    may_resolve: bool

    @property
    def theirs_key(self) -> str:
        return "theirs" if self.mine_key == "mine" else "mine"

    @property
    def deletion(self) -> bool:
        return self.field == DELETED


def conflict_views(engine: Engine, actor: Actor,
                   case_id: uuid.UUID | None = None) -> list[ConflictView]:
    """The open conflicts ``actor`` may know of (of one case when ``case_id`` is given)."""
    actor.require(Permission.VIEW_CASES)
    with Session(engine) as db:
        state = db.scalar(select(SyncState))
        volunteer_device = state is not None and state.scope == "volunteer"
        names = {user.id: user.display_name or user.username
                 for user in db.scalars(select(UserAccount))}
        views = []
        for conflict in db.scalars(select(SyncConflict).where(
                SyncConflict.status == ConflictStatus.OPEN,  # type: ignore[arg-type]
                SyncConflict.deleted_at.is_(None))  # type: ignore[union-attr]
                .order_by(SyncConflict.created_at)):
            model = model_of(conflict.entity)
            if model is None:
                continue
            record = db.get(model, conflict.entity_id)
            if record_hidden(actor, conflict.entity, record):
                continue
            place = place_of(db, conflict.entity, conflict.entity_id)
            if case_id is not None and place.case_id != case_id:
                continue
            views.append(_view(db, actor, conflict, model, place, names, volunteer_device))
        return views


def _view(db: Session, actor: Actor, conflict: SyncConflict, model: type[Record],
          place: RecordPlace, names: dict[uuid.UUID, str], volunteer_device: bool
          ) -> ConflictView:
    deletion = conflict.field == DELETED
    masked = not deletion and (field_hidden(actor, conflict.entity, conflict.field) or (
        volunteer_device and field_restricted(conflict.entity, conflict.field)))

    def value(wire: Any) -> Any:
        if masked:
            return None
        if deletion:
            return _fields(actor, model, conflict.entity, wire)
        return _decoded(model, conflict.field, wire)

    mine = Side(value(conflict.mine), names.get(conflict.mine_by, "")  # type: ignore[arg-type]
                if conflict.mine_by else "", conflict.mine_at)
    theirs = Side(value(conflict.theirs), names.get(conflict.theirs_by, "")  # type: ignore[arg-type]
                  if conflict.theirs_by else "", conflict.theirs_at)
    mine_key = _local_side(db, conflict)
    if mine_key == "theirs":
        mine, theirs = theirs, mine
    return ConflictView(
        id=conflict.id, entity=conflict.entity, entity_id=conflict.entity_id,
        field=conflict.field, kind=None if deletion else _kind(model, conflict),
        base=value(conflict.base) if not deletion else False, mine=mine, theirs=theirs,
        mine_key=mine_key, masked=masked, place=place,
        may_resolve=actor.can(Permission.EDIT_CASES) and not masked)


def _kind(model: type[Record], conflict: SyncConflict) -> FieldKind:
    if conflict.entity in WHOLE_ENTITIES:  # one side's key pair or the other's, never typed
        return FieldKind("fixed")
    return field_kind(model, conflict.field)


def _decoded(model: type[Record], name: str, wire: Any) -> Any:
    try:
        return decode_value(model, name, wire)
    except (CodecError, KeyError):
        return wire


def _fields(actor: Actor, model: type[Record], entity: str, wire: Any) -> Any:
    """A deletion conflict's side: True (deleted) or the edit's fields, without those the
    role may not read."""
    if not isinstance(wire, dict):
        return wire
    return {name: _decoded(model, name, value) for name, value in wire.items()
            if name in model.model_fields and not field_hidden(actor, entity, name)}


def side_seen_here(engine: Engine, conflict_id: str, keep: str) -> str:
    """``keep`` as a person here says it ("mine": this desktop's value) turned into the
    protocol's side, which ``conflicts.resolve`` takes; any other choice passes as it is."""
    if keep not in ("mine", "theirs"):
        return keep
    try:
        key = uuid.UUID(conflict_id)
    except ValueError:
        return keep  # resolve() says there is no such conflict
    with Session(engine) as db:
        conflict = db.get(SyncConflict, key)
        if conflict is None:
            return keep
        local = _local_side(db, conflict)
    return local if keep == "mine" else ("theirs" if local == "mine" else "mine")


def _local_side(db: Session, conflict: SyncConflict) -> str:
    """The protocol calls "mine" the side whose push met the other; on the desktop that
    made the other side, that one is its own. Its sent changes tell which it made."""
    rows = db.scalars(select(SyncOutbox).where(
        SyncOutbox.entity_id == conflict.entity_id,  # type: ignore[arg-type]
        SyncOutbox.status == OutboxStatus.SENT).order_by(SyncOutbox.seq.desc()))  # type: ignore[union-attr]
    for row in rows:
        payload = row.payload or {}
        if conflict.field == DELETED:
            # The deleting desktop's side is True; the editing one's, the edit's fields.
            if row.op in ("delete", "update"):
                return "mine" if (conflict.mine is True) == (row.op == "delete") else "theirs"
            continue
        pair = (payload.get("fields") or {}).get(conflict.field)
        if pair is not None and len(pair) == 2:
            if pair[1] == conflict.mine:
                return "mine"
            if pair[1] == conflict.theirs:
                return "theirs"
    return "mine"
