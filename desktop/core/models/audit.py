"""Who saw and changed what, when. Field names only: values stay in the records themselves."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from desktop.core.enums import AuditAction
from desktop.core.ids import uuid7
from desktop.core.models.base import utcnow
from desktop.core.models.types import enum_field, uuid_field


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: uuid.UUID = uuid_field(default_factory=uuid7, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: uuid.UUID | None = uuid_field(default=None)
    action: AuditAction = enum_field(AuditAction)
    entity: str = ""
    entity_id: uuid.UUID | None = uuid_field(default=None, index=True)
    # Names of the fields an update changed; NULL for creations and deletions (whole record).
    fields: list[str] | None = Field(default=None, sa_column=Column(JSON(none_as_null=True)))
    # NULL for what was done here; "remote" for a change pulled from the central, applied
    # with its own author and time (actor_id, at are then the author's and the central's).
    origin: str | None = None
