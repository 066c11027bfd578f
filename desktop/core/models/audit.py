"""Who saw and changed what, when. Field names only: values stay in the records themselves.

Every event is a link of a hash chain (``desktop/core/audit/chain.py``): ``hash`` is SHA-256
over the previous link's hash and this event, so an event deleted, edited or moved is found
by ``relais audit verify``. One chain per database (``chain_id``, numbered by ``seq``):
events that another desktop chained keep their own chain and still verify if merged."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, LargeBinary
from sqlmodel import Field, SQLModel

from desktop.core.enums import AuditAction
from desktop.core.ids import uuid7
from desktop.core.models.base import utcnow
from desktop.core.models.types import enum_field, uuid_field


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ux_audit_event_chain_seq", "chain_id", "seq", unique=True),)

    id: uuid.UUID = uuid_field(default_factory=uuid7, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: uuid.UUID | None = uuid_field(default=None, index=True)
    action: AuditAction = enum_field(AuditAction)
    entity: str = ""
    entity_id: uuid.UUID | None = uuid_field(default=None, index=True)
    # Names of the fields an update changed; NULL for creations and deletions (whole record).
    fields: list[str] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    # NULL for what was done here; "remote" for a change pulled from the central, applied
    # with its own author and time (actor_id, at are then the author's and the central's).
    origin: str | None = None
    # What else the event needs to be understood, never a person's value: the document's
    # kind, an import's row counts, a backup's file name, a retention rule.
    detail: dict[str, Any] | None = Field(
        default=None, sa_column=Column(JSON(none_as_null=True)))
    chain_id: uuid.UUID = uuid_field()
    seq: int
    hash: bytes = Field(sa_column=Column(LargeBinary(32), nullable=False))


class AuditHead(SQLModel, table=True):
    """The last link of this database's chain (one row): the next event continues it, and
    verification checks the chain still reaches it (the newest events were not cut off)."""

    __tablename__ = "audit_head"

    id: int = Field(default=1, primary_key=True)
    chain_id: uuid.UUID = uuid_field()
    seq: int = 0
    hash: bytes = Field(sa_column=Column(LargeBinary(32), nullable=False))
