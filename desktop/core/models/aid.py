"""Aid decisions, kept apart from the case: one row per decision, dated."""

from __future__ import annotations

import uuid
from datetime import date

from desktop.core.enums import AidCategory
from desktop.core.models.base import Record
from desktop.core.models.types import enum_field, uuid_field


class AidDecision(Record, table=True):
    __tablename__ = "aid_decision"

    case_id: uuid.UUID = uuid_field(foreign_key="case_file.id", index=True)
    category: AidCategory = enum_field(AidCategory)
    decided_on: date
    starts_on: date | None = None
    ends_on: date | None = None
    # Individual integration project (PIIS / GPMI): +10% federal reimbursement since 2023.
    piis: bool = False
