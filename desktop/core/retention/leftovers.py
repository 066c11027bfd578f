"""Old values of anonymised records that linger elsewhere in this database, made to forget
them in the anonymisation's own transaction:

- ``sync_outbox``: earlier changes of those records, sent or not, carry their values (a
  creation all of them, an update [old, new]); each erased field's value becomes the erased
  one. A change not sent yet then carries the erased value to the central too.
- ``sync_conflict``: a conflict on an erased field keeps both sides; each becomes the erased
  value (an ordinary erase, so every desktop's copy forgets too) and an open one is settled.
- ``sync_parked``: a pulled version of such a record waiting to be applied holds its values;
  it is dropped (the anonymisation is newer than anything it could bring).

What stays elsewhere is listed in docs/security.md ("Retention and anonymisation")."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import Enum
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select, update
from sqlmodel import Session

from desktop.core.enums import ConflictResolution, ConflictStatus
from desktop.core.models import SyncConflict, SyncOutbox, SyncParked

if TYPE_CHECKING:
    from desktop.core.uow import UnitOfWork

DELETED_FIELD = "__deleted__"  # the protocol's field of an edit against a deletion
CHUNK = 500


def wire_value(value: Any) -> Any:
    """The erased values as the protocol writes them (text, null, a list, a date)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def forget_old_values(uow: UnitOfWork, erased: dict[uuid.UUID, dict[str, Any]]) -> None:
    wire = {record_id: {name: wire_value(value) for name, value in values.items()}
            for record_id, values in erased.items()}
    _forget_in_outbox(uow.session, wire)
    _forget_in_conflicts(uow, wire)
    ids = list(wire)
    for start in range(0, len(ids), CHUNK):
        uow.session.execute(delete(SyncParked).where(
            SyncParked.entity_id.in_(ids[start:start + CHUNK])))


def _forget_in_outbox(db: Session, wire: dict[uuid.UUID, dict[str, Any]]) -> None:
    ids = list(wire)
    for start in range(0, len(ids), CHUNK):
        rows = db.execute(select(SyncOutbox.seq, SyncOutbox.entity_id, SyncOutbox.payload)
                          .where(SyncOutbox.entity_id.in_(ids[start:start + CHUNK]))).all()
        for seq, entity_id, payload in rows:
            if not payload or payload.get("erase"):
                continue
            cleaned = _cleaned_payload(payload, wire[entity_id])
            if cleaned != payload:
                db.execute(update(SyncOutbox).where(SyncOutbox.seq == seq)
                           .values(payload=cleaned))


def _cleaned_payload(payload: dict[str, Any], erased: dict[str, Any]) -> dict[str, Any]:
    cleaned = dict(payload)
    if isinstance(payload.get("values"), dict):
        cleaned["values"] = {name: erased.get(name, value)
                             for name, value in payload["values"].items()}
    if isinstance(payload.get("fields"), dict):
        cleaned["fields"] = {name: [erased[name], erased[name]] if name in erased else pair
                             for name, pair in payload["fields"].items()}
    return cleaned


def _forget_in_conflicts(uow: UnitOfWork, wire: dict[uuid.UUID, dict[str, Any]]) -> None:
    ids = list(wire)
    for start in range(0, len(ids), CHUNK):
        conflicts = uow.session.scalars(select(SyncConflict).where(
            SyncConflict.entity_id.in_(ids[start:start + CHUNK]))).all()
        for conflict in conflicts:
            erased = wire[conflict.entity_id]
            if conflict.field == DELETED_FIELD:
                values = {side: _cleaned_side(getattr(conflict, side), erased)
                          for side in ("base", "theirs", "mine")}
            elif conflict.field in erased:
                values = dict.fromkeys(("base", "theirs", "mine"), erased[conflict.field])
            else:
                continue
            if conflict.status == ConflictStatus.OPEN and conflict.field != DELETED_FIELD:
                values.update(status=ConflictStatus.RESOLVED,
                              resolution=ConflictResolution.THEIRS)
            uow.erase(conflict, **values)


def _cleaned_side(side: Any, erased: dict[str, Any]) -> Any:
    """A side of a conflict against a deletion: true/false, or an object of fields."""
    if not isinstance(side, dict):
        return side
    return {name: erased.get(name, value) for name, value in side.items()}
