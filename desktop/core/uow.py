"""The one place every write goes through.

A ``UnitOfWork`` stamps records (who, when, version), keeps soft deletes soft, and turns each
write into a ``Change``. Before commit it hands the changes to its observers in the same
transaction: the audit trail today, the sync outbox and local indexes alongside it. It holds
SQLite's write lock from its first statement (``core/write_lock.py``): other processes'
writes wait for it, their reads do not.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any, Protocol, TypeVar
from weakref import WeakKeyDictionary

from pydantic_core import PydanticUndefined
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from desktop.core.audit.chain import append_events
from desktop.core.bulk import insert_many
from desktop.core.clock import SYSTEM_CLOCK, Clock
from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.ids import uuid7
from desktop.core.models import Record, utcnow
from desktop.core.name_index import NameIndexer
from desktop.core.roles import Actor
from desktop.core.write_lock import begin_writing, is_busy

R = TypeVar("R", bound=Record)


@dataclass(slots=True)  # a bulk insert makes one per row: slots make them cheaper
class Change:
    """One write to one record: what sync sends and what the audit trail summarises."""

    entity: str
    entity_id: uuid.UUID | None
    action: AuditAction
    base_version: int | None
    new_version: int
    # Updates: field name -> (old value, new value), only the fields that changed.
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # Creations: every value of the new record (shared with the inserted row, not copied).
    values: dict[str, Any] | None = None
    # When the record was stamped (its updated_at): the outbox sends this time, so a
    # change says the time its desktop's clock gave it, right or wrong.
    at: datetime | None = None
    # Accesses only: what the audit needs to tell the event apart (a document's kind, an
    # import's counts), never a person's value.
    detail: dict[str, Any] | None = None
    # An anonymisation (``UnitOfWork.erase``): sync sends the new values only, never the
    # old ones, and the central writes them over any later edit (no conflict keeps a name).
    erase: bool = False


class ChangeObserver(Protocol):
    def before_commit(self, session: Session, actor: Actor, changes: Sequence[Change]) -> None: ...


class AuditTrail:
    """Writes one AuditEvent per change, never with values. Updates list the changed field
    names; creations and deletions concern the whole record and list none."""

    def before_commit(self, session: Session, actor: Actor, changes: Sequence[Change]) -> None:
        self.write(session, actor, changes, utcnow())

    def write(self, session: Session, actor: Actor, changes: Sequence[Change],
              at: datetime) -> None:
        if not changes:
            return
        rows = [
            {
                "id": uuid7(),
                "at": change.at or at,
                "actor_id": actor.user_id,
                "action": change.action,
                "entity": change.entity,
                "entity_id": change.entity_id,
                "fields": sorted(change.fields) if change.action == AuditAction.UPDATE else None,
                "detail": change.detail,
            }
            for change in changes
        ]
        append_events(session.connection(), rows, owned=True)


# Observers a database adds to every unit of work on it, whichever service opens it: the
# sync outbox, attached when an enrolled database is opened (desktop/sync/outbox.py).
_ATTACHED: WeakKeyDictionary[Engine, list[ChangeObserver]] = WeakKeyDictionary()


def attach_observer(engine: Engine, observer: ChangeObserver) -> None:
    """Every later unit of work on ``engine`` hands its changes to ``observer`` too (once
    per type: attaching the outbox twice must not write each change twice)."""
    attached = _ATTACHED.setdefault(engine, [])
    if not any(type(held) is type(observer) for held in attached):
        attached.append(observer)


def detach_observer(engine: Engine, kind: type) -> None:
    """Later units of work on ``engine`` no longer hand their changes to observers of
    ``kind`` (a desktop that left its organisation keeps no outbox)."""
    attached = _ATTACHED.get(engine)
    if attached:
        attached[:] = [held for held in attached if type(held) is not kind]


# The clock a database's writes are stamped with, when not the machine's (a test sets a
# desktop's clock a day wrong; desktop/core/clock.py).
_CLOCKS: WeakKeyDictionary[Engine, Clock] = WeakKeyDictionary()


def set_clock(engine: Engine, clock: Clock) -> None:
    """Every later unit of work on ``engine`` stamps its records with ``clock``."""
    _CLOCKS[engine] = clock


def storage_error(error: OperationalError) -> Exception:
    """A full disk or a read-only file becomes a message the user can act on; the
    transaction was rolled back, so nothing is half-written."""
    text = str(error.orig).lower()
    if is_busy(error):  # the lock did not come within the busy timeout
        return RelaisError("store.busy")
    if "full" in text:
        return RelaisError("store.disk_full")
    if "readonly" in text or "read-only" in text:
        return RelaisError("store.read_only")
    return error


@cache
def _defaults(model: type[Record]) -> dict[str, Any]:
    """Python-side defaults of a model, for rows inserted without building model objects."""
    defaults: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if info.default_factory is not None:
            if name != "id":
                defaults[name] = info.default_factory()  # type: ignore[call-arg]
        elif info.default is not PydanticUndefined:
            defaults[name] = info.default
    return defaults


def _values(record: Record) -> dict[str, Any]:
    return {
        name: getattr(record, name)
        for name in type(record).model_fields
        if name not in Record.BOOKKEEPING
    }


class UnitOfWork:
    """``with UnitOfWork(engine, actor, observers) as uow: uow.add(...)`` — commits on success,
    rolls everything back (records, audit, outbox) on any exception."""

    def __init__(
        self, engine: Engine, actor: Actor, observers: Iterable[ChangeObserver] = (),
        wait: bool = True, clock: Clock | None = None,
    ) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock or _CLOCKS.get(engine, SYSTEM_CLOCK)
        # False: refuse at once ('store.busy') rather than wait while another process writes
        self.wait = wait
        # Every write keeps the audit trail and the search index; sync adds its outbox.
        self.observers = [AuditTrail(), NameIndexer(), *_ATTACHED.get(engine, ()), *observers]
        self.changes: list[Change] = []
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("UnitOfWork used outside its 'with' block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        """Takes the write lock before anything is read: what the work reads (the last file
        number) cannot change under it. RelaisError('store.busy') if it does not come."""
        self._session = Session(self.engine, expire_on_commit=False)
        self._session.begin()
        try:
            begin_writing(self._session, self.wait)
        except BaseException:
            self._session.close()
            self._session = None
            raise
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        session = self.session
        late: list[_LateAccess] = []
        try:
            if exc_type is None:
                self.checkpoint()
                late = _deferred.pop(self.engine, [])
                for actor, change, at in late:
                    AuditTrail().write(session, actor, [change], at)
                session.commit()
                late = []
            else:
                session.rollback()
                if isinstance(exc, OperationalError):
                    # A write inside the block hit a full disk: say so, like a failed commit.
                    mapped = storage_error(exc)
                    if mapped is not exc:
                        raise mapped from exc
        except OperationalError as error:
            session.rollback()
            raise storage_error(error) from error
        finally:
            if late:  # not committed: they wait for the next write
                _deferred.setdefault(self.engine, [])[:0] = late
            session.close()
            self._session = None

    def checkpoint(self) -> None:
        """Hand the changes so far to the observers (audit, index, outbox) and forget them,
        still inside the transaction: a long import keeps its memory flat and stays all or
        nothing."""
        self.session.flush()
        for observer in self.observers:
            observer.before_commit(self.session, self.actor, self.changes)
        self.changes = []

    # -- writes -------------------------------------------------------------------------

    def add(self, record: R) -> R:
        now = self.clock.now()
        record.created_at = record.updated_at = now
        record.created_by = record.updated_by = self.actor.user_id
        record.version = 1
        self.session.add(record)
        # Insert now: without ORM relationships SQLAlchemy does not order inserts by foreign
        # key, so a case could reach the database before its household.
        self.session.flush()
        self.changes.append(
            Change(
                entity=type(record).__tablename__,
                entity_id=record.id,
                action=AuditAction.CREATE,
                base_version=None,
                new_version=1,
                values=_values(record),
                at=now,
            )
        )
        return record

    def update(self, record: R, **new_values: Any) -> list[str]:
        """Apply the values that differ; bump the version once. Returns the changed names."""
        return self._update(record, new_values, erase=False)

    def erase(self, record: R, **new_values: Any) -> list[str]:
        """An update that removes what identifies a person (desktop/core/retention/): the
        same stamps, audit and index, but its outbox row carries no old value."""
        return self._update(record, new_values, erase=True)

    def _update(self, record: R, new_values: dict[str, Any], erase: bool) -> list[str]:
        unknown = set(new_values) - set(type(record).model_fields)
        if unknown or set(new_values) & Record.BOOKKEEPING:
            raise ValueError(f"not editable on {type(record).__name__}: {sorted(new_values)}")
        changed = {
            name: (getattr(record, name), value)
            for name, value in new_values.items()
            if getattr(record, name) != value
        }
        if not changed:
            return []
        for name, (_, value) in changed.items():
            setattr(record, name, value)
        self._touch(record, AuditAction.UPDATE, changed)
        self.changes[-1].erase = erase
        return sorted(changed)

    def delete(self, record: Record) -> None:
        """Soft delete: the row stays as a tombstone so the deletion can sync."""
        if record.deleted_at is not None:
            return
        record.deleted_at = self.clock.now()
        self._touch(record, AuditAction.DELETE, {})

    def bulk_insert(self, model: type[Record], rows: Sequence[dict[str, Any]]) -> None:
        """Many new records in one statement (demo data, imports); same stamps and changes."""
        if not rows:
            return
        now = self.clock.now()
        # A creation carries every column, defaults included (a case without its status
        # would reach other desktops without one).
        defaults = {name: value for name, value in _defaults(model).items()
                    if name not in Record.BOOKKEEPING}
        stamped = []
        shared = [name for name, value in defaults.items() if isinstance(value, list | dict)]
        stamps = {"created_at": now, "updated_at": now, "created_by": self.actor.user_id,
                  "updated_by": self.actor.user_id, "version": 1, "deleted_at": None}
        entity = model.__tablename__
        changes = self.changes
        for row in rows:
            content = {**defaults, **row}
            for name in shared:  # each row its own empty list, never one for all
                if name not in row:
                    content[name] = type(content[name])()
            # Not setdefault: that would make (and waste) an id for rows that bring one.
            row_id = content.pop("id", None) or uuid7()
            for name in Record.BOOKKEEPING.intersection(content):
                del content[name]  # the unit of work stamps them
            stamped.append({"id": row_id, **content, **stamps})
            changes.append(Change(entity, row_id, AuditAction.CREATE, None, 1,
                                  values=content, at=now))
        # One executemany, not the ORM's per-row bulk path (10x) nor Core's per-row params.
        insert_many(self.session.connection(), model.__table__, stamped)  # type: ignore[attr-defined]

    def record_access(
        self, action: AuditAction, entity: str, entity_id: uuid.UUID | None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        """Audit an event that changes no record: a case opened, a login, an export.
        ``detail`` holds what tells the event apart, never a person's value."""
        self.changes.append(
            Change(
                entity=entity, entity_id=entity_id, action=action, base_version=None,
                new_version=0, detail=detail,
            )
        )

    def _touch(self, record: Record, action: AuditAction, changed: dict[str, tuple[Any, Any]]):
        base = record.version
        record.version = base + 1
        record.updated_at = self.clock.now()
        record.updated_by = self.actor.user_id
        self.session.add(record)
        self.changes.append(
            Change(
                entity=type(record).__tablename__,
                entity_id=record.id,
                action=action,
                base_version=base,
                new_version=record.version,
                fields=changed,
                at=record.updated_at,
            )
        )


# An access event (a login) that could not be audited when it happened because another
# process held the write lock: (who, what, when). The engine's next unit of work writes it.
_LateAccess = tuple[Actor, Change, datetime]
_deferred: WeakKeyDictionary[Engine, list[_LateAccess]] = WeakKeyDictionary()


def record_access_soon(engine: Engine, actor: Actor, action: AuditAction, entity: str,
                       entity_id: uuid.UUID | None,
                       detail: dict[str, Any] | None = None) -> None:
    """Audit an access now, or, while another process writes, with this engine's next write
    (``write_deferred`` at the latest): reading never has to wait for the lock."""
    at = utcnow()
    change = Change(entity=entity, entity_id=entity_id, action=action, base_version=None,
                    new_version=0, detail=detail)
    try:
        with UnitOfWork(engine, actor, wait=False) as uow:
            uow.changes.append(change)
    except RelaisError as error:
        if error.key != "store.busy":
            raise
        _deferred.setdefault(engine, []).append((actor, change, at))


def has_deferred(engine: Engine) -> bool:
    return bool(_deferred.get(engine))


def take_deferred(engine: Engine) -> list[tuple[Actor, Change, datetime]]:
    """What still waits for ``engine``'s next write, handed over (to be kept elsewhere:
    the session is closing and the lock did not come)."""
    return _deferred.pop(engine, [])


def write_deferred(engine: Engine) -> None:
    """Write what waits for ``engine``'s next write now (the session is closing), waiting for
    the lock as any write does."""
    if has_deferred(engine):
        actor = _deferred[engine][0][0]
        with UnitOfWork(engine, actor):
            pass  # an empty unit of work: its commit writes what was deferred
