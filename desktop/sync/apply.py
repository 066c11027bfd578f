"""The remote writer: records pulled from the central, applied as they are.

The unit of work stamps every write with the local actor, the time and a new version, and
queues it for the central: right for what a person does here, wrong for what arrives
from there (it would come back as a new change). Pulled records keep their author, time
and version; the name index follows them; the audit trail says they came from elsewhere
(``origin = "remote"``); nothing reaches the outbox. A field this desktop changed and has
not pushed yet keeps its local value: the central merges that change when it arrives.

A page of records and the cursor after it are written in one transaction, so a pull cut
short resumes exactly where the last page ended (docs/sync-protocol.md, "Pull").
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from desktop.core.audit.chain import append_events
from desktop.core.bulk import insert_many
from desktop.core.collector import collector_paused
from desktop.core.enums import AuditAction, OutboxStatus
from desktop.core.ids import uuid7
from desktop.core.models import (
    Person,
    PersonMerge,
    PersonNameKey,
    Record,
    SyncOutbox,
    SyncParked,
    SyncState,
    utcnow,
)
from desktop.core.models.types import UuidBlob
from desktop.core.name_index import NAME_FIELDS, index_rows, reindex_rows
from desktop.core.uow import Change, _defaults
from desktop.sync.codec import CodecError, decode, decode_value
from desktop.sync.entities import model_of
from desktop.sync.outbox import OUTBOX, outbox_rows

log = logging.getLogger(__name__)
REMOTE = "remote"
DELETED = "__deleted__"  # a pending local deletion, as the protocol names it
EVERYTHING = "*"  # a pending local creation: every field is still ours
_NAMES = {*NAME_FIELDS, "other_spellings"}


@dataclass
class Pulled:
    """One record of a pull page, decoded."""

    entity: str
    model: type[Record]
    id: uuid.UUID
    version: int
    deleted: bool
    values: dict[str, Any]
    updated_by: uuid.UUID | None
    updated_at: datetime


@dataclass
class ApplyReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    # Records not applied: this version cannot read them (an entity it does not know, a
    # value that does not fit) or this database refuses them. Parked, never half-applied.
    # (entity, id, reason, the record as received)
    skipped: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)
    merges_replayed: int = 0
    applied: list[uuid.UUID] = field(default_factory=list)

    def add(self, other: ApplyReport) -> None:
        self.created += other.created
        self.updated += other.updated
        self.deleted += other.deleted
        self.unchanged += other.unchanged
        self.skipped.extend(other.skipped)
        self.merges_replayed += other.merges_replayed
        self.applied.extend(other.applied)


def parse(raw: dict[str, Any]) -> Pulled:
    """A pulled record as Python values; CodecError when it cannot be read."""
    model = model_of(str(raw.get("entity")))
    if model is None:
        raise CodecError(f"unknown entity {raw.get('entity')!r}")
    values = raw.get("values") or {}
    if not isinstance(values, dict):
        raise CodecError("values is not an object")
    try:
        record_id = uuid.UUID(str(raw["id"]))
        version = int(raw["version"])
        updated_at = decode_value(model, "updated_at", raw["updated_at"])
        updated_by = decode_value(model, "updated_by", raw.get("updated_by"))
    except (KeyError, TypeError, ValueError) as error:
        raise CodecError(f"bad record header: {error}") from error
    fields = {name: value for name, value in decode(model, values).items()
              if name not in Record.BOOKKEEPING}
    return Pulled(entity=model.__tablename__, model=model, id=record_id, version=version,
                  deleted=bool(raw.get("deleted")), values=fields, updated_by=updated_by,
                  updated_at=updated_at)


@dataclass(frozen=True)
class Decoded:
    """A page's records read into Python values, or why one cannot be. The engine decodes
    the next page on its fetching thread while this one is written (SQLite's work releases
    the interpreter, so the two overlap)."""

    pulled: list[Pulled]
    unreadable: list[tuple[str, str, str, dict[str, Any]]]


def decode_page(records: Iterable[dict[str, Any]]) -> Decoded:
    pulled: list[Pulled] = []
    unreadable: list[tuple[str, str, str, dict[str, Any]]] = []
    for raw in records:
        try:
            pulled.append(parse(raw))
        except CodecError as error:
            unreadable.append((str(raw.get("entity")), str(raw.get("id")),
                               f"cannot be read here: {error}", raw))
    return Decoded(pulled, unreadable)


@collector_paused()  # a page of up to thousands of records: core/collector.py
def apply_page(engine: Engine, records: Sequence[dict[str, Any]], cursor: int,
               decoded: Decoded | None = None) -> ApplyReport:
    """Apply one pull page and store its cursor, all or nothing."""
    with remote_session(engine) as session:
        report = apply_records(session, records, decoded)
        session.execute(update(SyncState).values(cursor=cursor))
        session.flush()
    return report


@contextmanager
def remote_session(engine: Engine) -> Iterator[Session]:
    """A session for pulled records, holding the write lock, without foreign-key checks.
    What it flushed is committed when the block ends; an exception rolls all of it back."""
    with engine.connect() as connection:
        # The central orders records by their last write, not by their parents: a case can
        # come a page before its household's latest version. References are the central's
        # to keep; locally they are checked again once sync is done with the connection.
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.commit()
        try:
            # The write lock first, like a local unit of work: a page read under a shared
            # lock could not be written if someone wrote in between (SQLITE_BUSY at once).
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            with Session(bind=connection, expire_on_commit=False) as session:
                yield session
                connection.commit()
        finally:
            connection.rollback()  # ends a failed page; the pragma is ignored inside one
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()


def apply_records(session: Session, records: Sequence[dict[str, Any]],
                  decoded: Decoded | None = None) -> ApplyReport:
    """Apply pulled records in the caller's transaction; what cannot be applied is parked
    (``sync_parked``) with its reason, so one record never holds back the pull.

    All at once first (the fast path of a first pull); when the database refuses the
    batch (a unique value already taken here), again one record at a time, each in its own
    savepoint, so only the refused one is parked."""
    try:
        with session.begin_nested():
            report = RemoteWriter(session).apply(records, decoded)
    except IntegrityError:
        report = ApplyReport()
        for raw in records:
            try:
                with session.begin_nested():
                    report.add(RemoteWriter(session).apply([raw]))
            except IntegrityError as error:
                report.skipped.append((str(raw.get("entity")), str(raw.get("id")),
                                       _refusal(error), raw))
    parked = {_uuid_or_none(raw_id) for _entity, raw_id, _reason, _raw in report.skipped}
    _unpark(session, [record_id for record_id in report.applied if record_id not in parked])
    for entity, raw_id, reason, raw in report.skipped:
        _park(session, entity, raw_id, reason, raw)
    return report


def retry_parked(engine: Engine, limit: int = 1000) -> ApplyReport:
    """Parked records tried again (at each sync, before the pull): a newer Relais reads
    what an older one could not; a clash fixed here lets the refused record in. A parked
    record older than the one now here is dropped: the newer one already came."""
    if not parked_count(engine):  # the usual case: a read, not the write lock
        return ApplyReport()
    with remote_session(engine) as session:
        rows = list(session.scalars(select(SyncParked).order_by(SyncParked.parked_at)  # type: ignore[arg-type]
                                    .limit(limit)))
        stale = []
        retried = []
        for row in rows:
            model = model_of(row.entity)
            current = None if model is None else session.get(model, row.entity_id)
            if current is not None and current.version >= row.version:
                stale.append(row.entity_id)
            else:
                retried.append(row.record)
        _unpark(session, stale)
        report = apply_records(session, retried) if retried else ApplyReport()
        session.flush()
    return report


def parked_count(engine: Engine) -> int:
    """Pulled records waiting to be applied here."""
    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(SyncParked)) or 0)


def _park(session: Session, entity: str, raw_id: str, reason: str,
          raw: dict[str, Any]) -> None:
    record_id = _uuid_or_none(raw_id)
    if record_id is None:  # without an id nothing could ever replace or apply it
        log.warning("a pulled record without a readable id was left out: %s", reason)
        return
    version = raw.get("version")
    row = session.get(SyncParked, record_id)
    if row is None:
        session.add(SyncParked(entity_id=record_id, entity=entity[:100],
                               version=version if isinstance(version, int) else 0,
                               record=raw, reason=reason[:500]))
    else:
        row.record, row.reason, row.attempts = raw, reason[:500], row.attempts + 1
        row.version = version if isinstance(version, int) else row.version
        session.add(row)
    session.flush()


def _unpark(session: Session, ids: Sequence[uuid.UUID]) -> None:
    for start in range(0, len(ids), 500):
        session.execute(delete(SyncParked).where(
            SyncParked.entity_id.in_(ids[start:start + 500])))  # type: ignore[attr-defined]


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None


def _refusal(error: IntegrityError) -> str:
    """The database's reason (which constraint), without the values it was given."""
    return f"refused here: {str(error.orig).splitlines()[0][:200]}"


class RemoteWriter:
    """Writes pulled records into one open session (the caller commits)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.report = ApplyReport()
        self.audit: list[dict[str, Any]] = []
        self.new_names: dict[uuid.UUID, dict[str, Any]] = {}
        self.renamed: set[uuid.UUID] = set()
        self.new_merges: list[PersonMerge] = []

    def apply(self, raw_records: Iterable[dict[str, Any]],
              decoded: Decoded | None = None) -> ApplyReport:
        if decoded is None:
            decoded = decode_page(raw_records)
        pulled = decoded.pulled
        self.report.skipped.extend(decoded.unreadable)
        by_model: dict[type[Record], list[Pulled]] = defaultdict(list)
        self.report.applied.extend(record.id for record in pulled)
        for record in pulled:
            by_model[record.model].append(record)
        protected = self._pending_fields([record.id for record in pulled])
        seen: set[uuid.UUID] = set()
        for model, records in by_model.items():
            held = self._held(model, [r.id for r in records])
            differing = [r.id for r in records if r.id in held
                         and (r.id in protected or not _same(held[r.id], r))]
            existing = {row.id: row for row in self.session.scalars(
                select(model).where(model.id.in_(differing)))} if differing else {}  # type: ignore[attr-defined]
            rows = []
            for record in records:
                current = existing.get(record.id)
                if record.id in held and current is None:
                    # Exactly what is here already (stamps and values): a desktop's own
                    # changes come back so after its push, hundreds of thousands at an
                    # enrolment; they are compared as plain rows, not loaded as objects.
                    self.report.unchanged += 1
                elif current is not None:
                    self._update(current, record, protected.get(record.id, set()))
                elif record.id not in seen:  # a page repeats no record; if it did, once
                    rows.append(self._create(record))
                seen.add(record.id)
            if rows:  # core insert, not ORM objects: a first pull is mostly creations
                insert_many(self.session.connection(), model.__table__, rows)  # type: ignore[attr-defined]
        self.session.flush()
        self._index_names()
        for merge in self.new_merges:
            self._replay_merge(merge)
        if self.audit:
            append_events(self.session.connection(), self.audit)
        return self.report

    # -- records ------------------------------------------------------------------------

    def _held(self, model: type[Record], ids: list[uuid.UUID]) -> dict[uuid.UUID, Any]:
        """The rows here among ``ids``, as plain rows (no ORM objects)."""
        table = model.__table__  # type: ignore[attr-defined]
        return {row.id: row for row in self.session.connection().execute(
            select(table).where(table.c.id.in_(ids)))}

    def _create(self, pulled: Pulled) -> dict[str, Any]:
        """The row of a record new here: its values over the model's defaults (a volunteer
        desktop receives no restricted field), with the central's stamps."""
        row = {**_defaults(pulled.model), **pulled.values}
        # The pull says who wrote last and when; for a record new here that is all we know.
        row.update(id=pulled.id, version=pulled.version, created_at=pulled.updated_at,
                   updated_at=pulled.updated_at, created_by=pulled.updated_by,
                   updated_by=pulled.updated_by,
                   deleted_at=pulled.updated_at if pulled.deleted else None)
        self.report.created += 1
        self._audit(pulled, AuditAction.CREATE, None)
        if pulled.model is Person:
            self.new_names[pulled.id] = pulled.values
        if pulled.model is PersonMerge and not pulled.deleted:
            self.new_merges.append(PersonMerge(**row))
        return row

    def _update(self, record: Record, pulled: Pulled, protected: set[str]) -> None:
        changed = []
        if EVERYTHING not in protected:
            for name, value in pulled.values.items():
                if name not in protected and getattr(record, name) != value:
                    setattr(record, name, value)
                    changed.append(name)
        deletion = None
        if DELETED not in protected and EVERYTHING not in protected:
            if pulled.deleted and record.deleted_at is None:
                record.deleted_at, deletion = pulled.updated_at, AuditAction.DELETE
            elif not pulled.deleted and record.deleted_at is not None:
                record.deleted_at = None  # restored on the central (a conflict resolved)
                changed.append("deleted_at")
        # The central's version and stamps, not ours: the next local edit is based on them.
        record.version = pulled.version
        record.updated_at, record.updated_by = pulled.updated_at, pulled.updated_by
        self.session.add(record)
        if deletion:
            self.report.deleted += 1
            self._audit(pulled, AuditAction.DELETE, None)
        if changed:
            self.report.updated += 1
            self._audit(pulled, AuditAction.UPDATE, sorted(changed))
        if not changed and not deletion:
            self.report.unchanged += 1
        if isinstance(record, Person) and _NAMES & set(changed):
            self.renamed.add(record.id)

    def _pending_fields(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, set[str]]:
        """Per record, the fields this desktop changed and has not pushed yet."""
        protected: dict[uuid.UUID, set[str]] = defaultdict(set)
        for start in range(0, len(ids), 500):
            rows = self.session.execute(
                select(SyncOutbox.entity_id, SyncOutbox.op, SyncOutbox.payload).where(  # type: ignore[call-overload]
                    SyncOutbox.status == OutboxStatus.PENDING,
                    SyncOutbox.entity_id.in_(ids[start:start + 500])))  # type: ignore[attr-defined]
            for entity_id, op, payload in rows:
                if op == "create":
                    protected[entity_id].add(EVERYTHING)
                elif op == "delete":
                    protected[entity_id].add(DELETED)
                else:
                    protected[entity_id].update((payload or {}).get("fields", {}))
        return protected

    def _audit(self, pulled: Pulled, action: AuditAction, fields: list[str] | None) -> None:
        self.audit.append({
            "id": uuid7(), "at": pulled.updated_at, "actor_id": pulled.updated_by,
            "action": action, "entity": pulled.entity, "entity_id": pulled.id,
            "fields": fields, "origin": REMOTE,
        })

    def _index_names(self) -> None:
        rows: list[dict[str, Any]] = []
        for person_id, values in self.new_names.items():
            if person_id not in self.renamed:
                rows.extend(index_rows(person_id, values))
        rows.extend(reindex_rows(self.session, self.renamed))
        if rows:
            insert_many(self.session.connection(), PersonNameKey.__table__, rows)  # type: ignore[attr-defined]

    # -- merges -------------------------------------------------------------------------

    def _replay_merge(self, merge: PersonMerge) -> None:
        """A merge made elsewhere: this desktop's own records still attached to the merged
        person (added while offline) move to the kept one. These are changes of this
        desktop's records, so they go to the outbox like any other (the central finds
        them already done, or does them: either way every replica ends the same)."""
        changes: list[Change] = []
        for pair in merge.repoint or []:
            target = _repoint_target(pair)
            if target is None:
                continue
            model, column = target
            for record in self.session.scalars(select(model).where(
                    getattr(model, column) == merge.other_id,
                    model.deleted_at.is_(None))):  # type: ignore[attr-defined]
                base = record.version
                setattr(record, column, merge.keep_id)
                record.version = base + 1
                record.updated_at, record.updated_by = utcnow(), merge.updated_by
                self.session.add(record)
                changes.append(Change(
                    entity=model.__tablename__, entity_id=record.id,
                    action=AuditAction.UPDATE, base_version=base, new_version=base + 1,
                    fields={column: (merge.other_id, merge.keep_id)}))
        if not changes:
            return
        self.session.flush()
        self.report.merges_replayed += 1
        now = utcnow()
        for change in changes:
            self.audit.append({
                "id": uuid7(), "at": now, "actor_id": merge.updated_by,
                "action": AuditAction.UPDATE, "entity": change.entity,
                "entity_id": change.entity_id, "fields": sorted(change.fields),
                "origin": REMOTE,
            })
        if self.session.scalar(select(SyncState.id)) is not None:  # type: ignore[call-overload]
            self.session.connection().execute(
                OUTBOX.insert(), outbox_rows(changes, merge.updated_by, now))


def _same(row: Any, pulled: Pulled) -> bool:
    """Whether the row here is the pulled record already: its last write (version, author,
    time, deletion) and every value."""
    if (row.version, row.updated_by, _utc(row.updated_at), row.deleted_at is not None) != (
            pulled.version, pulled.updated_by, _utc(pulled.updated_at), pulled.deleted):
        return False
    values = row._mapping
    return all(values[name] == value for name, value in pulled.values.items())


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)  # stored naive by an old bug: it was UTC


def _repoint_target(pair: Any) -> tuple[type[Record], str] | None:
    """[table, column] of a pulled merge, only when it names a reference to a person in a
    synced table: a record from elsewhere never chooses what else is rewritten here."""
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        return None
    model = model_of(str(pair[0]))
    column = str(pair[1])
    if model is None or column in Record.BOOKKEEPING:
        return None
    table = model.__table__  # type: ignore[attr-defined]
    if column not in table.columns or not isinstance(table.columns[column].type, UuidBlob):
        return None
    return model, column
