"""The directory of partner services a CPAS refers people to (issue 13): synced like every
record, so each desktop of the organisation has it offline."""

from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, Column
from sqlmodel import Field

from desktop.core.enums import PartnerKind, PartnerScope
from desktop.core.models.base import Record
from desktop.core.models.types import enum_field


class PartnerService(Record, table=True):
    __tablename__ = "partner_service"

    kind: PartnerKind = enum_field(PartnerKind, PartnerKind.OTHER, index=True)
    name: str
    # REFNIS codes of the municipalities it serves ([] = wherever people come from).
    municipalities: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    street: str = ""
    postal_code: str = ""
    municipality_refnis: str = ""  # where it is (its address)
    phone: str = ""
    email: str = ""
    website: str = ""
    # Languages spoken there (ISO 639-1: uk, ru, en, fr, nl, de…).
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    opening_hours: str = ""
    waiting: str = ""  # waiting time or capacity as the partner says it
    waiting_days: int | None = None  # the usual wait in days, when known
    verified_on: date | None = None  # last time someone checked these details
    scope: PartnerScope = enum_field(PartnerScope, PartnerScope.LOCAL)
    # Who keeps it: for a regional entry the coordinator's area ("region:WAL",
    # "province:..."), for a local one the organisation's REFNIS code.
    owner: str = ""
    # An entry no longer offered stays (referrals name it) but is not proposed.
    listed: bool = Field(default=True)
