"""Unfinished intakes, kept (encrypted, like everything in the database) until finished or
discarded, so that nothing typed is lost when a window closes. Local, never synced."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from desktop.core.enums import DraftKind
from desktop.core.ids import uuid7
from desktop.core.models.base import utcnow
from desktop.core.models.types import enum_field, uuid_field


class IntakeDraft(SQLModel, table=True):
    __tablename__ = "intake_draft"

    id: uuid.UUID = uuid_field(default_factory=uuid7, primary_key=True)
    user_id: uuid.UUID = uuid_field(foreign_key="user_account.id", index=True)
    kind: DraftKind = enum_field(DraftKind)
    saved_at: datetime = Field(default_factory=utcnow)
    payload: dict = Field(default_factory=dict, sa_column=Column(JSON))
