"""Who saw and changed what, when. Field names only: values stay in the records themselves."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from desktop.core.enums import AuditAction
from desktop.core.ids import uuid7
from desktop.core.models.base import utcnow
from desktop.core.models.types import enum_field


class AuditEvent(SQLModel, table=True):
    __tablename__ = "audit_event"

    id: uuid.UUID = Field(default_factory=uuid7, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: uuid.UUID | None = Field(default=None)
    action: AuditAction = enum_field(AuditAction)
    entity: str = ""
    entity_id: uuid.UUID | None = Field(default=None, index=True)
    fields: list[str] = Field(default_factory=list, sa_column=Column(JSON))
