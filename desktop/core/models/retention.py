"""Retention rules, set by an administrator and synced, so every desktop of the organisation
applies the same ones (desktop/core/retention/). One record per kind; should two desktops
each create one before they sync, the most recently written wins."""

from __future__ import annotations

from desktop.core.enums import RetentionKind
from desktop.core.models.base import Record
from desktop.core.models.types import enum_field


class RetentionRule(Record, table=True):
    __tablename__ = "retention_rule"

    kind: RetentionKind = enum_field(RetentionKind, index=True)
    # Years for closed files, months for unfinished intakes, days for drafts.
    after: int
    enabled: bool = False
