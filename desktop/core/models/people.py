"""Households and the persons in them, with their documents, protection dates and needs."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Column, Index, Integer, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from desktop.core.enums import (
    DatePrecision,
    DocumentType,
    NationalNumberKind,
    Relationship,
    Sex,
    SpecificNeedType,
)
from desktop.core.models.base import Record
from desktop.core.models.types import enum_field, uuid_field


class Household(Record, table=True):
    __tablename__ = "household"
    # One paper form, one household: a reference typed twice (two desktops, a race) is
    # refused by the database itself. Empty means "not typed from paper".
    __table_args__ = (Index("ux_household_reference", "reference", unique=True,
                            sqlite_where=text("reference <> ''"),
                            postgresql_where=text("reference <> ''")),)

    organisation_id: uuid.UUID = uuid_field(foreign_key="organisation.id", index=True)
    reference: str = ""
    members_in_ukraine: int = 0


# Last nine digits of a phone number, punctuation removed: the key phone search uses. The
# index ix_person_phone_tail (migration 0003) is on exactly this expression.
PHONE_TAIL_SQL = (
    "substr(replace(replace(replace(replace(replace(phone, ' ', ''), '-', ''), '.', ''), "
    "'/', ''), '+', ''), -9)"
)


class Person(Record, table=True):
    __tablename__ = "person"

    organisation_id: uuid.UUID = uuid_field(foreign_key="organisation.id", index=True)
    surname_cyr: str = ""
    given_name_cyr: str = ""
    patronymic_cyr: str = ""
    surname_lat: str = ""
    given_name_lat: str = ""
    patronymic_lat: str = ""
    # Spellings made by other administrations (French, Dutch, German habits, old passports).
    other_spellings: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    sex: Sex = enum_field(Sex, Sex.UNKNOWN)
    birth_date: date | None = Field(default=None, index=True)
    birth_precision: DatePrecision = enum_field(DatePrecision, DatePrecision.DAY)
    birth_place: str = ""
    birth_oblast: str = ""  # ISO 3166-2:UA code, e.g. UA-46
    nationality: str = "UKR"  # ISO 3166-1 alpha-3
    civil_status: str = ""
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    interpreter_needed: bool = False
    phone: str = Field(default="", index=True)
    email: str = ""
    messaging: str = ""
    contact_consent: bool = False
    # Restricted by law: only roles with the 'view_national_number' permission read or write it.
    national_number: str | None = Field(default=None, index=True)
    national_number_kind: NationalNumberKind | None = enum_field(NationalNumberKind, None)
    arrived_on: date | None = None
    left_ukraine_on: date | None = None
    last_place_in_ukraine: str = ""
    # Set when the person was anonymised (retention or erasure on request): names,
    # identifiers, contact and free text are gone; shown as "Anonymised person".
    anonymised_at: datetime | None = None


class PersonNameKey(SQLModel, table=True):
    """Search index: one row per person and Latin form of a name token, with the token's
    consonant skeleton as ``key`` (see core/name_index.py). Local and derived, never synced."""

    __tablename__ = "person_name_key"
    # ``id`` only grows (AUTOINCREMENT never hands a number out twice, where a plain rowid
    # reuses the numbers of the last rows deleted): the in-memory index reads the rows
    # written since it last looked by ``id``, and a rename writes its rows anew.
    # The key index holds the person and form too: search reads the rows of a key from the
    # index alone.
    __table_args__ = (Index("ix_person_name_key_key", "key", "person_id", "form"),
                      UniqueConstraint("person_id", "form", name="uq_person_name_key_form"),
                      {"sqlite_autoincrement": True})

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True,
                                                          autoincrement=True))
    person_id: uuid.UUID = uuid_field(foreign_key="person.id")
    form: str
    key: str
    # ``names.normal`` of the form: the triggers that keep ``name_form`` (below) cannot
    # compute it, so each row carries it.
    normal: str


class NameForm(SQLModel, table=True):
    """Each distinct Latin form of ``person_name_key`` with its normal form, key and how many
    rows hold it. Derived, local, never synced: written only by the triggers on
    ``person_name_key`` (migration 0012, ``name_index.NEAR_INDEX_TRIGGERS``), so that every
    path that changes names (edit, merge, pull, erasure, rebuild, restore) keeps it right,
    and a form nobody holds any more is gone with its last row."""

    __tablename__ = "name_form"
    __table_args__ = (Index("ix_name_form_normal", "normal"), {"sqlite_with_rowid": False})

    form: str = Field(primary_key=True)
    normal: str
    key: str
    rows: int


class NameDeletion(SQLModel, table=True):
    """A Latin or normal form of ``name_form`` minus one of its first letters, for near
    spellings (symmetric deletion: two words one edit apart share a deletion, or one is a
    deletion of the other). Written by the triggers on ``name_form`` only."""

    __tablename__ = "name_deletion"
    __table_args__ = ({"sqlite_with_rowid": False},)

    deletion: str = Field(primary_key=True)
    variant: str = Field(primary_key=True)


class HouseholdMember(Record, table=True):
    __tablename__ = "household_member"

    household_id: uuid.UUID = uuid_field(foreign_key="household.id", index=True)
    person_id: uuid.UUID = uuid_field(foreign_key="person.id", index=True)
    relationship: Relationship = enum_field(Relationship, Relationship.OTHER)
    dependant: bool = False
    still_in_ukraine: bool = False


class IdentityDocument(Record, table=True):
    __tablename__ = "identity_document"

    person_id: uuid.UUID = uuid_field(foreign_key="person.id", index=True)
    document_type: DocumentType = enum_field(DocumentType)
    number: str = Field(default="", index=True)
    country: str = "UKR"
    issued_on: date | None = None
    expires_on: date | None = Field(default=None, index=True)


class ProtectionStatus(Record, table=True):
    """The Belgian administrative path: attestation, annex 15, A card."""

    __tablename__ = "protection_status"

    person_id: uuid.UUID = uuid_field(foreign_key="person.id", index=True)
    attestation_on: date | None = None
    annex15_issued_on: date | None = None
    annex15_expires_on: date | None = Field(default=None, index=True)
    a_card_number: str = ""
    a_card_issued_on: date | None = None
    a_card_expires_on: date | None = Field(default=None, index=True)


class SpecificNeed(Record, table=True):
    """Special-category data (GDPR art. 9): volunteers may know a need exists, not its details."""

    __tablename__ = "specific_need"

    person_id: uuid.UUID = uuid_field(foreign_key="person.id", index=True)
    need_type: SpecificNeedType = enum_field(SpecificNeedType)
    details: str = ""
    urgent: bool = False
