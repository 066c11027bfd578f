"""The case file of a household and what hangs off it."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, UniqueConstraint, text
from sqlmodel import Field

from desktop.core.enums import (
    AccommodationType,
    CaseStatus,
    ClosureReason,
    NoteAudience,
    ReferralStatus,
)
from desktop.core.models.base import Record
from desktop.core.models.types import enum_field, uuid_field


class CaseFile(Record, table=True):
    __tablename__ = "case_file"
    # ix_case_file_listed: the case list in its default order, read from the index alone (the
    # first screen after login: half the time of walking the table at 100,000 persons).
    __table_args__ = (UniqueConstraint("organisation_id", "file_number"),
                      Index("ix_case_file_listed", "file_number", "id",
                            sqlite_where=text("deleted_at IS NULL")))

    organisation_id: uuid.UUID = uuid_field(foreign_key="organisation.id", index=True)
    household_id: uuid.UUID = uuid_field(foreign_key="household.id", index=True)
    file_number: str = Field(index=True)
    status: CaseStatus = enum_field(CaseStatus, default=CaseStatus.OPEN, index=True)
    closure_reason: ClosureReason | None = enum_field(ClosureReason, None)
    destination_refnis: str | None = None  # set when closed as "moved" to another CPAS
    assigned_worker_id: uuid.UUID | None = uuid_field(default=None, foreign_key="user_account.id")
    opened_on: date
    closed_on: date | None = None
    # Set by a volunteer's quick intake: the CPAS still has to complete the file.
    to_be_completed: bool = Field(default=False, index=True)
    # What the household needs help with (NeedArea values), labelled when shown: never a
    # note, which a person reads as it is written.
    needs: list[str] = Field(default_factory=list, sa_column=Column(JSON))


class Accommodation(Record, table=True):
    __tablename__ = "accommodation"

    household_id: uuid.UUID = uuid_field(foreign_key="household.id", index=True)
    accommodation_type: AccommodationType = enum_field(AccommodationType)
    host_name: str = ""
    street: str = ""
    postal_code: str = ""
    municipality_refnis: str = ""
    from_date: date | None = None
    to_date: date | None = None


class Note(Record, table=True):
    __tablename__ = "note"

    case_id: uuid.UUID = uuid_field(foreign_key="case_file.id", index=True)
    audience: NoteAudience = enum_field(NoteAudience, NoteAudience.SOCIAL_WORKERS)
    body: str = ""
    # Written by a merge: the other record's differing values (field -> value), labelled
    # when shown (core/notes.py) rather than written as a text of field names.
    merged_values: dict | None = Field(default=None, sa_column=Column(JSON))


class Task(Record, table=True):
    __tablename__ = "task"

    case_id: uuid.UUID = uuid_field(foreign_key="case_file.id", index=True)
    title: str
    due_on: date | None = Field(default=None, index=True)
    assignee_id: uuid.UUID | None = uuid_field(default=None, foreign_key="user_account.id")
    done_at: datetime | None = None


class Referral(Record, table=True):
    __tablename__ = "referral"

    case_id: uuid.UUID = uuid_field(foreign_key="case_file.id", index=True)
    partner: str  # as the letter names it: the directory entry's name, or typed
    purpose: str = ""
    status: ReferralStatus = enum_field(ReferralStatus, ReferralStatus.PROPOSED)
    referred_on: date | None = None  # sent on
    # The directory entry chosen, if any (free text stays allowed).
    partner_id: uuid.UUID | None = uuid_field(default=None, foreign_key="partner_service.id",
                                              index=True)
    outcome_on: date | None = None  # when the status became an outcome
