"""Retention for the CLI and the window alike: rules, preview, apply, and one person's
erasure on request. Administrators only (``Permission.MANAGE_RETENTION``), checked here."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.clock import SYSTEM_CLOCK, Clock
from desktop.core.enums import AuditAction, RetentionKind
from desktop.core.errors import RelaisError, ValidationError
from desktop.core.models import IntakeDraft, Person, RetentionRule
from desktop.core.retention.anonymise import anonymise_persons
from desktop.core.retention.candidates import (
    RetentionPreview,
    due_drafts,
    due_persons,
    preview,
)
from desktop.core.retention.rules import LIMITS, Rule, load_rules, stored_rule
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork

# Persons anonymised per transaction: the write lock is let go between batches (other
# desktops' syncs and this window's saves go on) and progress can be said.
BATCH = 200
REQUEST = "request"  # the reason of an erasure on request, in the audit's detail

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True)
class RetentionResult:
    persons: dict[RetentionKind, int]
    drafts: int

    @property
    def count(self) -> int:
        return sum(self.persons.values()) + self.drafts


class RetentionService:
    def __init__(self, engine: Engine, actor: Actor, clock: Clock = SYSTEM_CLOCK) -> None:
        self.engine, self.actor, self.clock = engine, actor, clock

    # -- rules ----------------------------------------------------------------------------

    def rules(self) -> dict[RetentionKind, Rule]:
        self.actor.require(Permission.MANAGE_RETENTION)
        with Session(self.engine) as db:
            return load_rules(db)

    def set_rule(self, kind: RetentionKind, after: int, enabled: bool) -> Rule:
        """Store a rule (a synced record: every desktop of the organisation applies it)."""
        self.actor.require(Permission.MANAGE_RETENTION)
        low, high = LIMITS[kind]
        if isinstance(after, bool) or not isinstance(after, int) or not low <= after <= high:
            raise ValidationError("retention.after_out_of_range", field=kind.value,
                                  low=low, high=high)
        with UnitOfWork(self.engine, self.actor, clock=self.clock) as uow:
            record = stored_rule(uow.session, kind)
            if record is None:
                uow.add(RetentionRule(kind=kind, after=after, enabled=enabled))
            else:
                uow.update(record, after=after, enabled=enabled)
        return Rule(kind, after, enabled)

    # -- preview and apply ------------------------------------------------------------------

    def preview(self) -> RetentionPreview:
        """What the enabled rules would touch today, and why. Changes nothing."""
        self.actor.require(Permission.MANAGE_RETENTION)
        with Session(self.engine) as db:
            return preview(db, load_rules(db), self.clock.today())

    def apply(self, confirmed: RetentionPreview,
              progress: Progress | None = None) -> RetentionResult:
        """Anonymise the persons and delete the drafts of a preview the administrator
        confirmed, each still due now (a file reopened since is left alone). Batches of
        ``BATCH`` persons, each its own transaction; one retention event per rule."""
        self.actor.require(Permission.MANAGE_RETENTION)
        rules, today = confirmed.rules, self.clock.today()
        total = confirmed.count
        counts = {kind: 0 for kind in RetentionKind if kind != RetentionKind.DRAFTS}
        ids = [person.person_id for person in confirmed.persons]
        done = 0
        for start in range(0, len(ids), BATCH):
            with UnitOfWork(self.engine, self.actor, clock=self.clock) as uow:
                due = due_persons(uow.session, rules, today, only=set(ids[start:start + BATCH]))
                for kind in counts:
                    chosen = [p.person_id for p in due if p.rule == kind]
                    counts[kind] += anonymise_persons(uow, chosen, kind.value)
            done = min(start + BATCH, len(ids))
            if progress is not None:
                progress(done, total)
        drafts = 0
        with UnitOfWork(self.engine, self.actor, clock=self.clock) as uow:
            if confirmed.drafts:
                due_ids = {d.draft_id for d in due_drafts(
                    uow.session, rules, today, only={d.draft_id for d in confirmed.drafts})}
                if due_ids:
                    uow.session.execute(delete(IntakeDraft).where(IntakeDraft.id.in_(due_ids)))
                drafts = len(due_ids)
            for kind, rule in rules.items():
                if rule.enabled:
                    count = drafts if kind == RetentionKind.DRAFTS else counts[kind]
                    record = stored_rule(uow.session, kind)
                    uow.record_access(AuditAction.RETENTION, RetentionRule.__tablename__,
                                      record.id if record else None,
                                      detail={"rule": kind.value, "count": count})
        if progress is not None:
            progress(total, total)
        return RetentionResult(counts, drafts)

    # -- one person ----------------------------------------------------------------------

    def anonymise_person(self, person_id: uuid.UUID) -> None:
        """Erasure on request: the same anonymisation as a retention run, for one person,
        whatever the state of their files."""
        self.actor.require(Permission.MANAGE_RETENTION)
        with UnitOfWork(self.engine, self.actor, clock=self.clock) as uow:
            person = uow.session.get(Person, person_id)
            if person is None:
                raise RelaisError("person.not_found")
            if person.anonymised_at is not None:
                raise RelaisError("retention.already_anonymised")
            anonymise_persons(uow, [person_id], REQUEST)

    def is_anonymised(self, person_id: uuid.UUID) -> bool:
        with Session(self.engine) as db:
            person = db.get(Person, person_id)
        return person is not None and person.anonymised_at is not None
