"""What sync keeps in the local database (docs/sync-protocol.md).

Local tables, never synced: ``sync_state`` (is this database enrolled, where, how far has it
pulled), ``sync_outbox`` (each local change with its values, in local order, until the
central has answered it) and ``sync_parked`` (pulled records that could not be applied
yet). Records that do sync like any other: ``sync_conflict`` (both
values of an overlapping edit, for a person to decide), ``person_merge`` (a merge as one
operation every desktop replays) and ``user_credential`` (a user's key pair, the private key
wrapped by their password)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Integer
from sqlmodel import Field, SQLModel

from desktop.core.enums import ConflictResolution, ConflictStatus, OutboxStatus
from desktop.core.models.base import Record, utcnow
from desktop.core.models.types import enum_field, uuid_field


class SyncState(SQLModel, table=True):
    """One row (id 1) once the database is enrolled; none on an island desktop, whose
    writes then leave no outbox behind."""

    __tablename__ = "sync_state"

    id: int = Field(default=1, primary_key=True)
    server_url: str
    device_id: str
    # File-number series given by the central ("" for the first desktop, then B, C…).
    series: str = ""
    scope: str = "full"  # "full" or "volunteer": which fields the central sends us
    cursor: int = 0  # the last pulled page's cursor, written with the page
    enrolled_at: datetime = Field(default_factory=utcnow)
    last_success_at: datetime | None = None
    last_error: str | None = None


class SyncOutbox(SQLModel, table=True):
    """One local change with its values, in the wire format of the protocol."""

    __tablename__ = "sync_outbox"
    # Local order: SQLite AUTOINCREMENT never reuses a number, even after rows are purged.
    __table_args__ = {"sqlite_autoincrement": True}

    seq: int | None = Field(default=None, sa_column=Column(
        Integer, primary_key=True, autoincrement=True))
    change_id: uuid.UUID = uuid_field(unique=True)
    entity: str
    entity_id: uuid.UUID = uuid_field(index=True)
    op: str  # create | update | delete
    base_version: int | None = None
    # {"values": {...}} for a creation, {"fields": {name: [old, new]}} for an update.
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    author: uuid.UUID | None = uuid_field(default=None)
    at: datetime = Field(default_factory=utcnow)
    status: OutboxStatus = enum_field(OutboxStatus, OutboxStatus.PENDING, index=True)
    result: str | None = None  # the central's answer: applied, merged, conflict…
    reason: str | None = None  # why it was rejected
    attempts: int = 0


class SyncParked(SQLModel, table=True):
    """A pulled record this desktop could not apply: a kind or value it does not know yet
    (a newer desktop's), or one this database refuses (a paper reference or file number
    already taken here). Kept as received, latest version only, and tried again at every
    sync, so the pull goes on and nothing received is lost. Local, never synced."""

    __tablename__ = "sync_parked"

    entity_id: uuid.UUID = uuid_field(primary_key=True)
    entity: str
    version: int
    record: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
    reason: str
    parked_at: datetime = Field(default_factory=utcnow)
    attempts: int = 1


class SyncConflict(Record, table=True):
    """An edit that overlapped another device's edit of the same field: both values kept,
    with who and when, until someone chooses."""

    __tablename__ = "sync_conflict"

    entity: str
    entity_id: uuid.UUID = uuid_field(index=True)
    field: str  # a column name, or "__deleted__" for an edit against a deletion
    base: Any = Field(default=None, sa_column=Column(JSON))
    theirs: Any = Field(default=None, sa_column=Column(JSON))
    theirs_by: uuid.UUID | None = uuid_field(default=None)
    theirs_at: datetime | None = None
    mine: Any = Field(default=None, sa_column=Column(JSON))
    mine_by: uuid.UUID | None = uuid_field(default=None)
    mine_at: datetime | None = None
    status: ConflictStatus = enum_field(ConflictStatus, ConflictStatus.OPEN, index=True)
    resolution: ConflictResolution | None = enum_field(ConflictResolution, None)


class PersonMerge(Record, table=True):
    """``other`` was merged into ``keep``; ``repoint`` lists the [table, column] pairs that
    pointed at ``other`` and now point at ``keep``, so a desktop that was offline moves its
    own records the same way."""

    __tablename__ = "person_merge"

    keep_id: uuid.UUID = uuid_field(index=True)
    other_id: uuid.UUID = uuid_field(index=True)
    repoint: list[list[str]] = Field(default_factory=list, sa_column=Column(JSON))


class UserCredential(Record, table=True):
    """A user's X25519 key pair: the public key, and the private key wrapped by
    Argon2id(password) + AES-GCM (``kdf`` holds salt, nonce and costs). The password
    itself never leaves the desktop where it is typed."""

    __tablename__ = "user_credential"

    user_id: uuid.UUID = uuid_field(foreign_key="user_account.id", index=True)
    public_key: str  # base64
    wrapped_private_key: str  # base64
    kdf: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON))
