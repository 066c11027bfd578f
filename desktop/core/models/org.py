"""The organisation (one CPAS / OCMW / ÖSHZ) and its users."""

from __future__ import annotations

import uuid

from sqlmodel import Field

from desktop.core.enums import Role
from desktop.core.models.base import Record
from desktop.core.models.types import enum_field, uuid_field


class Organisation(Record, table=True):
    __tablename__ = "organisation"

    name: str
    refnis: str = Field(index=True, max_length=5)
    # Language of the official documents: the language area of the municipality.
    document_language: str = Field(default="fr", max_length=2)


class UserAccount(Record, table=True):
    __tablename__ = "user_account"

    organisation_id: uuid.UUID = uuid_field(foreign_key="organisation.id")
    username: str = Field(unique=True, index=True)
    display_name: str = ""
    role: Role = enum_field(Role)
    active: bool = True
    must_change_password: bool = False
    # No default: whoever creates a user says which language they read (never French
    # by accident in Eupen or Gent).
    language: str = Field(max_length=2)
