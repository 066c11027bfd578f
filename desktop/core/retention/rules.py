"""Retention rules: one per kind, each with its own unit, off until an administrator turns it
on. The suggested values are what the dialog offers, never applied by themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from desktop.core.enums import RetentionKind
from desktop.core.models import RetentionRule

UNITS = {RetentionKind.CLOSED_FILES: "years", RetentionKind.UNFINISHED_INTAKES: "months",
         RetentionKind.DRAFTS: "days"}
SUGGESTED = {RetentionKind.CLOSED_FILES: 5, RetentionKind.UNFINISHED_INTAKES: 6,
             RetentionKind.DRAFTS: 30}
# Bounds of ``after`` per kind (the input's limit): a century, a century, ten years.
LIMITS = {RetentionKind.CLOSED_FILES: (1, 100), RetentionKind.UNFINISHED_INTAKES: (1, 1200),
          RetentionKind.DRAFTS: (1, 3650)}


@dataclass(frozen=True)
class Rule:
    kind: RetentionKind
    after: int
    enabled: bool

    @property
    def unit(self) -> str:
        return UNITS[self.kind]

    def cutoff(self, today: date) -> date:
        """Files closed (intakes opened, drafts saved) on or before this day are due."""
        if self.unit == "days":
            return date.fromordinal(today.toordinal() - self.after)
        months = self.after * 12 if self.unit == "years" else self.after
        index = today.year * 12 + today.month - 1 - months
        year, month = divmod(index, 12)
        return _clamped(year, month + 1, today.day)


def _clamped(year: int, month: int, day: int) -> date:
    """That day of that month, or the month's last day (31 March minus a month: 28/29 Feb)."""
    while True:
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def load_rules(db: Session) -> dict[RetentionKind, Rule]:
    """Every kind's rule: the stored one (the latest written, should two desktops each have
    made one before syncing), else off with the suggested value."""
    rules = {kind: Rule(kind, SUGGESTED[kind], False) for kind in RetentionKind}
    stored = db.exec(select(RetentionRule).where(RetentionRule.deleted_at.is_(None))  # type: ignore[union-attr]
                     .order_by(RetentionRule.updated_at, RetentionRule.id)).all()
    for record in stored:  # later ones overwrite earlier ones
        rules[record.kind] = Rule(record.kind, record.after, record.enabled)
    return rules


def stored_rule(db: Session, kind: RetentionKind) -> RetentionRule | None:
    return db.exec(select(RetentionRule).where(
        RetentionRule.kind == kind, RetentionRule.deleted_at.is_(None))  # type: ignore[union-attr]
        .order_by(RetentionRule.updated_at.desc(), RetentionRule.id.desc())).first()  # type: ignore[union-attr]
