"""The audit trail read back for an administrator: events filtered by person, case, user,
action and period, newest first, with the user's name and the case's file number; the
whole chain checked. Reading the audit is itself audited (``audit_verify``); a filtered
list is not an export, its CSV is (exchange/audit_csv.py)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.audit.chain import Anchor, Verification, verify
from desktop.core.audit.related import records_of_case, records_of_person
from desktop.core.enums import AuditAction
from desktop.core.models import AuditEvent, CaseFile, HouseholdMember, UserAccount
from desktop.core.roles import Actor, Permission
from desktop.core.uow import record_access_soon

# What one screen lists; the CSV export has no such limit (it streams).
PAGE = 1_000
STREAM_BATCH = 5_000
KNOWN_MAX = 50_000  # file numbers remembered while streaming


@dataclass(frozen=True)
class AuditFilter:
    person_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    actions: frozenset[AuditAction] = frozenset()
    since: date | None = None  # from this day on (UTC)
    until: date | None = None  # up to and including this day


@dataclass
class AuditRow:
    at: datetime
    user: str  # the user's display name; "" for the system, "?" for an unknown id
    action: AuditAction
    entity: str
    entity_id: uuid.UUID | None
    fields: list[str]
    detail: dict[str, Any]
    origin: str | None
    file_number: str  # the case file the event concerns, when it is one
    chain_id: uuid.UUID
    seq: int
    hash: bytes
    actor_id: uuid.UUID | None = None


@dataclass
class AuditPage:
    rows: list[AuditRow] = field(default_factory=list)
    more: bool = False  # more events match than one page shows: narrow the filter


class AuditLog:
    """``anchors``: links of the chain kept outside the database (the backups' manifests),
    which verification also checks the chain still passes through."""

    def __init__(self, engine: Engine, actor: Actor,
                 anchors: Callable[[], list[Anchor]] = list) -> None:
        self.engine, self.actor, self.anchors = engine, actor, anchors

    def users(self) -> list[tuple[uuid.UUID, str]]:
        self.actor.require(Permission.VIEW_AUDIT)
        with Session(self.engine) as db:
            return [(user.id, user.display_name or user.username) for user in db.execute(
                select(UserAccount).order_by(UserAccount.display_name)).scalars()]

    def events(self, wanted: AuditFilter, limit: int = PAGE) -> AuditPage:
        """Newest first, at most ``limit``."""
        self.actor.require(Permission.VIEW_AUDIT)
        rows = list(self._rows(wanted, limit + 1))
        return AuditPage(rows[:limit], more=len(rows) > limit)

    def stream(self, wanted: AuditFilter) -> Iterator[AuditRow]:
        """Every matching event, oldest first, in batches (an export of a million events
        keeps its memory flat)."""
        self.actor.require(Permission.VIEW_AUDIT)
        yield from self._rows(wanted, None, oldest_first=True)

    def verify(self, progress: Callable[[int], None] | None = None) -> Verification:
        """Walk the whole chain; the check and its outcome are audited."""
        self.actor.require(Permission.VIEW_AUDIT)
        anchors = self.anchors()
        with self.engine.connect() as connection:
            result = verify(connection, progress, anchors)
        broken = result.broken
        record_access_soon(self.engine, self.actor, AuditAction.AUDIT_VERIFY, "", None, detail={
            "events": result.events, "intact": result.intact, "anchors": len(anchors),
            **({"broken_seq": broken.seq, "reason": broken.reason} if broken else {})})
        return result

    # -- reading ------------------------------------------------------------------------

    def _rows(self, wanted: AuditFilter, limit: int | None,
              oldest_first: bool = False) -> Iterator[AuditRow]:
        event = AuditEvent.__table__.c  # type: ignore[attr-defined]
        with Session(self.engine) as db:
            # Plain rows, streamed a batch at a time: no ORM object per event.
            query = select(event.at, event.actor_id, event.action, event.entity,
                           event.entity_id, event.fields, event.detail, event.origin,
                           event.chain_id, event.seq, event.hash)
            related: set[uuid.UUID] | None = None
            if wanted.case_id is not None:
                related = records_of_case(db, wanted.case_id)
            if wanted.person_id is not None:
                person = records_of_person(db, wanted.person_id)
                related = person if related is None else related & person
            if related is not None:
                query = query.where(event.entity_id.in_(related))
            if wanted.user_id is not None:
                query = query.where(event.actor_id == wanted.user_id)
            if wanted.actions:
                query = query.where(event.action.in_(sorted(wanted.actions)))
            if wanted.since is not None:
                query = query.where(event.at >= _start(wanted.since))
            if wanted.until is not None:
                query = query.where(event.at < _start(wanted.until + timedelta(days=1)))
            order = (event.at, event.seq) if oldest_first else (
                event.at.desc(), event.seq.desc())
            query = query.order_by(*order)
            if limit is not None:
                query = query.limit(limit)
            names = {user.id: user.display_name or user.username
                     for user in db.execute(select(UserAccount)).scalars()}
            result = db.execute(query.execution_options(yield_per=STREAM_BATCH))
            numbers = _FileNumbers(db)
            for batch in result.partitions():
                numbers.learn(batch)
                for (at, actor_id, action, entity, entity_id, fields, detail, origin,
                     chain_id, seq, link) in batch:
                    yield AuditRow(
                        at=at, actor_id=actor_id,
                        user="" if actor_id is None else names.get(actor_id, "?"),
                        action=action, entity=entity, entity_id=entity_id,
                        fields=list(fields or []), detail=dict(detail or {}), origin=origin,
                        file_number=numbers.of(entity, entity_id), chain_id=chain_id,
                        seq=seq, hash=link)


def _start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


class _FileNumbers:
    """The file number of the case an event concerns (the case itself, or a member of its
    household), looked up once per batch, not once per event."""

    def __init__(self, db: Session) -> None:
        self.db = db
        self.known: dict[uuid.UUID, str] = {}

    def learn(self, rows: Sequence[Any]) -> None:
        """``rows``: (at, actor, action, entity, entity_id, …) as _rows selects them."""
        if len(self.known) > KNOWN_MAX:  # an export of every event: memory stays flat
            self.known.clear()
        cases = {row[4] for row in rows if row[3] == CaseFile.__tablename__
                 and row[4] and row[4] not in self.known}
        persons = {row[4] for row in rows if row[3] == "person"
                   and row[4] and row[4] not in self.known}
        if cases:
            for case_id, number in self.db.execute(select(CaseFile.id, CaseFile.file_number)
                                                   .where(CaseFile.id.in_(cases))):
                self.known[case_id] = number
        if persons:
            for person_id, number in self.db.execute(
                    select(HouseholdMember.person_id, CaseFile.file_number)
                    .join(CaseFile, CaseFile.household_id == HouseholdMember.household_id)
                    .where(HouseholdMember.person_id.in_(persons))):
                self.known[person_id] = number

    def of(self, entity: str, entity_id: uuid.UUID | None) -> str:
        return self.known.get(entity_id, "") if entity_id else ""
