"""Where sync stands (for `sync status`), and the conflicts a person decides.

Resolving a conflict is two ordinary local changes (docs/sync-protocol.md, "Conflicts"):
the conflict marked resolved with the choice, and, when the chosen value is not the one
this desktop holds (the central's), the record's field set to it. Both go up with the next
push; the other desktops see the conflict resolved and the value with their next pull.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.enums import ConflictResolution, ConflictStatus, OutboxStatus
from desktop.core.errors import AccessDenied, RelaisError, ValidationError
from desktop.core.models import SyncConflict, SyncOutbox, SyncParked, SyncState
from desktop.core.restricted import field_hidden, record_hidden
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork
from desktop.sync.codec import CodecError, decode_value, encode_datetime
from desktop.sync.entities import model_of
from desktop.sync.field_values import read_value

DELETED = "__deleted__"
# Records whose fields only make sense together (a user's key pair): a conflict on one of
# them is resolved for all of its fields at once, with one side, never with a typed value.
WHOLE_ENTITIES = frozenset({"user_credential"})


@dataclass
class Status:
    server: str
    device: str
    series: str
    pending: dict[str, int] = field(default_factory=dict)  # entity -> changes waiting
    last_success: datetime | None = None
    last_error: str | None = None
    open_conflicts: int = 0
    problems: list[dict[str, Any]] = field(default_factory=list)
    # Received records not applied here yet (sync_parked), tried again at every sync.
    parked: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"server": self.server, "device": self.device, "series": self.series,
                "pending": self.pending,
                "last_success": encode_datetime(self.last_success) if self.last_success
                else None, "last_error": self.last_error,
                "open_conflicts": self.open_conflicts, "problems": self.problems,
                "parked": self.parked}


def status(engine: Engine) -> Status | None:
    """None on a desktop that is not enrolled."""
    with Session(engine) as db:
        state = db.scalar(select(SyncState))
        if state is None:
            return None
        pending = dict(db.execute(
            select(SyncOutbox.entity, func.count()).where(  # type: ignore[call-overload]
                SyncOutbox.status == OutboxStatus.PENDING).group_by(SyncOutbox.entity)).all())
        problems = [{"change_id": str(row.change_id), "entity": row.entity,
                     "entity_id": str(row.entity_id), "op": row.op, "reason": row.reason}
                    for row in db.scalars(select(SyncOutbox).where(
                        SyncOutbox.status == OutboxStatus.PROBLEM).order_by(SyncOutbox.seq))]
        parked = [{"entity": row.entity, "entity_id": str(row.entity_id),
                   "version": row.version, "reason": row.reason, "attempts": row.attempts}
                  for row in db.scalars(select(SyncParked).order_by(SyncParked.parked_at)  # type: ignore[arg-type]
                                        .limit(100))]
        conflicts = db.scalar(select(func.count()).select_from(SyncConflict).where(
            SyncConflict.status == ConflictStatus.OPEN,  # type: ignore[arg-type]
            SyncConflict.deleted_at.is_(None)))  # type: ignore[union-attr]
        return Status(server=state.server_url, device=state.device_id, series=state.series,
                      pending=dict(sorted(pending.items())), last_success=state.last_success_at,
                      last_error=state.last_error, open_conflicts=int(conflicts or 0),
                      problems=problems, parked=parked)


def open_conflicts(engine: Engine) -> list[SyncConflict]:
    with Session(engine) as db:
        return list(db.scalars(select(SyncConflict).where(
            SyncConflict.status == ConflictStatus.OPEN,  # type: ignore[arg-type]
            SyncConflict.deleted_at.is_(None))  # type: ignore[union-attr]
            .order_by(SyncConflict.created_at)))


def conflict_dict(conflict: SyncConflict) -> dict[str, Any]:
    return {"id": str(conflict.id), "entity": conflict.entity,
            "entity_id": str(conflict.entity_id), "field": conflict.field,
            "base": conflict.base, "theirs": conflict.theirs, "mine": conflict.mine,
            "status": str(conflict.status),
            "resolution": str(conflict.resolution) if conflict.resolution else None}


def resolve(engine: Engine, actor: Actor, conflict_id: str, keep: str,
            value: Any = None) -> SyncConflict:
    """``keep``: ``mine`` or ``theirs`` (the protocol's sides), ``value`` with the chosen
    ``value`` (typed text, or a bool or list from an editor), or any other text: a value
    for the field as the command line gives it (text, or JSON for a number, a boolean, a
    list). The value is read and checked like a normal edit. RelaisError when there is no
    such open conflict or the value does not fit; AccessDenied for a role that may not edit
    cases or may not read the field."""
    actor.require(Permission.EDIT_CASES)
    try:
        key = uuid.UUID(conflict_id)
    except ValueError:
        raise RelaisError("sync.conflict_not_found", id=conflict_id) from None
    with UnitOfWork(engine, actor) as uow:
        conflict = uow.session.get(SyncConflict, key)
        if conflict is None or conflict.status != ConflictStatus.OPEN:
            raise RelaisError("sync.conflict_not_found", id=conflict_id)
        model = model_of(conflict.entity)
        record = uow.session.get(model, conflict.entity_id) if model else None
        if model is None or record is None:
            raise RelaisError("sync.conflict_not_found", id=conflict_id)
        if record_hidden(actor, conflict.entity, record) or field_hidden(
                actor, conflict.entity, conflict.field):
            raise AccessDenied("error.access_denied")
        typed = keep not in ("mine", "theirs")
        if typed:
            resolution, chosen = ConflictResolution.VALUE, value if keep == "value" else keep
        else:
            resolution = ConflictResolution(keep)
            chosen = conflict.mine if keep == "mine" else conflict.theirs
        if conflict.field == DELETED:
            if typed:
                raise ValidationError("sync.value_not_editable", field=conflict.field)
            _choose_deletion(uow, record, chosen)
        elif typed:
            if conflict.entity in WHOLE_ENTITIES:
                raise ValidationError("sync.value_not_editable", field=conflict.field)
            new = read_value(model, conflict.field, chosen)
            if getattr(record, conflict.field) != new:
                uow.update(record, **{conflict.field: new})
        else:
            # A key pair's fields belong together: one side's public key with the other's
            # wrapped private key opens for no one, so the whole record takes that side.
            together = _open_of_record(uow, conflict) if conflict.entity in WHOLE_ENTITIES \
                else [conflict]
            for each in together:
                _take_side(uow, model, record, each, keep)
            return conflict
        uow.update(conflict, status=ConflictStatus.RESOLVED, resolution=resolution)
        return conflict


def _open_of_record(uow: UnitOfWork, conflict: SyncConflict) -> list[SyncConflict]:
    return [conflict, *uow.session.scalars(select(SyncConflict).where(
        SyncConflict.entity == conflict.entity,  # type: ignore[arg-type]
        SyncConflict.entity_id == conflict.entity_id,  # type: ignore[arg-type]
        SyncConflict.id != conflict.id,  # type: ignore[arg-type]
        SyncConflict.field != DELETED,  # type: ignore[arg-type]
        SyncConflict.status == ConflictStatus.OPEN,  # type: ignore[arg-type]
        SyncConflict.deleted_at.is_(None)))]  # type: ignore[union-attr]


def _take_side(uow: UnitOfWork, model: Any, record: Any, conflict: SyncConflict,
               keep: str) -> None:
    """The field gets the value of side ``keep`` (``mine`` or ``theirs``)."""
    chosen = conflict.mine if keep == "mine" else conflict.theirs
    try:
        new = decode_value(model, conflict.field, chosen)
    except (CodecError, KeyError, TypeError, ValueError):
        raise RelaisError("sync.conflict_bad_value", field=conflict.field) from None
    if getattr(record, conflict.field) != new:
        uow.update(record, **{conflict.field: new})
    uow.update(conflict, status=ConflictStatus.RESOLVED,
               resolution=ConflictResolution(keep))


def _choose_deletion(uow: UnitOfWork, record: Any, chosen: Any) -> None:
    """A conflict between a deletion (``True``) and an edit (its fields)."""
    if chosen is True:
        uow.delete(record)
    elif isinstance(chosen, dict):
        model = type(record)
        fields = {}
        for name, wire in chosen.items():
            if name in model.model_fields and name not in record.BOOKKEEPING:
                fields[name] = decode_value(model, name, wire)
        if fields:
            uow.update(record, **fields)
