"""POST /api/v1/sync/push: apply a batch under the organisation's row lock (its sequence is
drawn there, so writers commit in sequence order), each change isolated.

A batch is first applied in memory: the records it touches are read in one query, every
change is checked and applied to that view (a change refused or deferred undoes only its own
part), and the final state of each record is written in a few bulk statements. Should the
database refuse those (a value it cannot store), the batch is applied again with a savepoint
per change, so that only the bad change is rejected. Both paths give the same results."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from central import models as m
from central.auth import Device
from central.changes import Change, Rejected, change_id_of, parse
from central.db import utcnow
from central.enrol import for_update
from central.errors import ApiError
from central.protocol import (
    APPLIED,
    CONFLICT,
    CONFLICT_ENTITY,
    DEFERRED,
    DELETED_FIELD,
    DUPLICATE,
    IDEMPOTENCY_KEY_REUSED,
    MERGE_ENTITY,
    MERGED,
    MERGED_ENTITY,
    PROTOCOL,
    REASON_CHANGE_ID_REUSED,
    REASON_EXISTS,
    REASON_MALFORMED,
    REASON_RESTRICTED,
    REJECTED,
    SCOPE_VOLUNTEER,
    VOLUNTEER_HIDDEN_ENTITIES,
)
from central.scope import (
    central_kept,
    creation_writes_restricted,
    update_writes_restricted,
)

_MISSING = object()

# Statements built once: building one per change cost more than running it.
_SEEN = select(m.change.c.change_id, m.change.c.content_hash, m.change.c.result).where(
    m.change.c.organisation_id == bindparam("org"),
    m.change.c.change_id.in_(bindparam("cids", expanding=True)))
_STATE = (m.record.c.entity, m.record.c.id, m.record.c.version, m.record.c.deleted,
          m.record.c["values"], m.record.c.stamps, m.record.c.updated_by, m.record.c.updated_at,
          m.record.c.seq)
_ROW = select(*_STATE).where(
    m.record.c.organisation_id == bindparam("org"), m.record.c.entity == bindparam("ent"),
    m.record.c.id == bindparam("rid"))
_ROWS = select(*_STATE).where(
    m.record.c.organisation_id == bindparam("org"),
    m.record.c.id.in_(bindparam("rids", expanding=True)))
# The organisation's conflict records not deleted: the open ones are found among them.
_CONFLICTS = select(m.record.c.id, m.record.c["values"]).where(
    m.record.c.organisation_id == bindparam("org"), m.record.c.entity == CONFLICT_ENTITY,
    m.record.c.deleted.is_(False))
_INSERT_RECORD = insert(m.record)
_INSERT_CHANGE = insert(m.change)
_INSERT_REDIRECT = insert(m.merge_redirect)
_UPDATE_RECORD = update(m.record).where(
    m.record.c.organisation_id == bindparam("b_org"), m.record.c.entity == bindparam("b_ent"),
    m.record.c.id == bindparam("b_rid"))
PERSON_ENTITY = "person"  # its anonymised_at says it was erased (_not_refilling)
log = logging.getLogger(__name__)


class Deferred(Exception):  # a push result, not an error
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Redirect:
    keep_id: str
    repoint: set[tuple[str, str]]
    batch_id: str


@dataclass(frozen=True)
class State:
    """A record as the batch sees it (read once, then kept current by the batch's writes)."""

    entity: str
    id: str
    version: int
    deleted: bool
    values: dict[str, Any]
    stamps: dict[str, Any]
    updated_by: str | None
    updated_at: str | None
    seq: int


@dataclass
class Outcome:
    result: str
    version: int | None = None
    reason: str | None = None
    conflicts: list[str] = field(default_factory=list)

    def answer(self, change_id: str | None) -> dict[str, Any]:
        return {"change_id": change_id, "result": self.result, "version": self.version,
                "reason": self.reason, "conflicts": self.conflicts}


def push(connection: Connection, device: Device, batch_id: str, body_hash: str,
         changes: list[Any]) -> dict[str, Any]:
    """Handle a batch; the caller commits. A batch already answered gets its answer again."""
    org = device.organisation_id
    seq = connection.execute(for_update(select(m.organisation.c.seq).where(
        m.organisation.c.id == org), connection)).scalar_one()
    stored = connection.execute(select(m.batch.c.body_hash, m.batch.c.response).where(
        m.batch.c.organisation_id == org, m.batch.c.batch_id == batch_id)).first()
    if stored is not None:
        if stored.body_hash != body_hash:
            raise ApiError(422, IDEMPOTENCY_KEY_REUSED, "batch id reused with another body")
        return dict(stored.response)
    attempt = connection.begin_nested()
    try:
        pusher = _Pusher(connection, device, batch_id, seq, buffered=True)
        results = pusher.run(changes)
        attempt.commit()
    except DBAPIError:
        log.warning("bulk write refused; again with a savepoint per change", exc_info=True)
        attempt.rollback()
        pusher = _Pusher(connection, device, batch_id, seq, buffered=False)
        results = pusher.run(changes)
    connection.execute(update(m.organisation).where(m.organisation.c.id == org)
                       .values(seq=pusher.seq))
    response = {"protocol": PROTOCOL, "results": results}
    connection.execute(insert(m.batch).values(
        organisation_id=org, batch_id=batch_id, body_hash=body_hash, response=response,
        device_id=device.id, handled_at=utcnow()))
    return response


class _Pusher:
    def __init__(self, connection: Connection, device: Device, batch_id: str, seq: int,
                 buffered: bool) -> None:
        self.db, self.device, self.batch_id, self.seq = connection, device, batch_id, seq
        self.buffered = buffered
        self.stored: set[tuple[str, str]] = set()  # records already in the database
        self.dirty: set[tuple[str, str]] = set()  # records the batch wrote (buffered)
        self.new_redirects: list[dict[str, Any]] = []
        self.org = device.organisation_id
        self.now = utcnow()
        self.seen: dict[str, tuple[str, dict[str, Any]]] = {}
        self.states: dict[tuple[str, str], State | None] = {}
        self.undo: list[tuple[tuple[str, str], State | None]] = []
        self.handled: list[dict[str, Any]] = []
        self.prefetched: set[str | None] = set()
        # Open conflicts by (record id, field), read when a batch first writes a field.
        self.conflicts: dict[tuple[str, str], list[str]] | None = None
        self.redirects = {
            r.other_id: Redirect(r.keep_id, {tuple(p) for p in r.repoint}, r.batch_id)
            for r in connection.execute(select(m.merge_redirect).where(
                m.merge_redirect.c.organisation_id == self.org))}

    def run(self, changes: list[Any]) -> list[dict[str, Any]]:
        self.prefetch(changes)
        results = [self.handle(raw) for raw in changes]
        self.flush()
        return results

    def prefetch(self, changes: list[Any]) -> None:
        """Read the batch's known change ids and records in two queries, not two a change."""
        ids = [cid for cid in map(change_id_of, changes) if cid]
        for chunk in _chunks(ids):
            for r in self.db.execute(_SEEN, {"org": self.org, "cids": chunk}):
                self.seen[r.change_id] = (r.content_hash, r.result)
        record_ids = {_record_id(raw) for raw in changes} - {None}
        for chunk in _chunks(sorted(record_ids)):  # type: ignore[arg-type]
            for r in self.db.execute(_ROWS, {"org": self.org, "rids": chunk}):
                self.states[(r.entity, r.id)] = State(*r)
                self.stored.add((r.entity, r.id))
        self.prefetched = record_ids

    def flush(self) -> None:
        """Write the final state of each record the batch touched, the merges and the
        handled changes (dedupe memory), each kind in one statement."""
        states = [self.states[key] for key in self.dirty]
        inserts = [self._params(s) for s in states if s and (s.entity, s.id) not in self.stored]
        updates = [self._params(s, "b_") for s in states if s and (s.entity, s.id) in self.stored]
        for statement, rows in ((_INSERT_RECORD, inserts), (_UPDATE_RECORD, updates),
                                (_INSERT_REDIRECT, self.new_redirects),
                                (_INSERT_CHANGE, self.handled)):
            if rows:
                self.db.execute(statement, rows)

    def _params(self, state: State, key_prefix: str = "") -> dict[str, Any]:
        keys = {"organisation_id": self.org, "entity": state.entity, "id": state.id}
        if key_prefix:
            keys = {"b_org": self.org, "b_ent": state.entity, "b_rid": state.id}
        return {**keys, "version": state.version, "deleted": state.deleted,
                "values": state.values, "stamps": state.stamps, "seq": state.seq,
                "updated_by": state.updated_by, "updated_at": state.updated_at,
                "written_at": self.now}

    # -- one change -------------------------------------------------------------------

    def handle(self, raw: Any) -> dict[str, Any]:
        try:
            change = parse(raw)
        except Rejected as rejection:
            return Outcome(REJECTED, reason=rejection.reason).answer(change_id_of(raw))
        seen = self.seen.get(change.change_id)
        if seen is not None:
            if seen[0] != change.content_hash:
                return Outcome(REJECTED, reason=REASON_CHANGE_ID_REUSED).answer(change.change_id)
            return {**seen[1], "result": DUPLICATE}
        seq_before = self.seq
        self.undo.clear()
        redirects_before = len(self.new_redirects)
        savepoint = None if self.buffered else self.db.begin_nested()
        try:
            outcome = self._apply(change)
            if savepoint is not None:
                savepoint.commit()
        except Deferred as deferral:
            if savepoint is not None:
                savepoint.rollback()
            self._forget_writes(seq_before, redirects_before)
            return Outcome(DEFERRED, reason=deferral.reason).answer(change.change_id)
        except Rejected as rejection:
            if savepoint is not None:
                savepoint.rollback()
            self._forget_writes(seq_before, redirects_before)
            outcome = Outcome(REJECTED, reason=rejection.reason)
        except DBAPIError:
            if savepoint is None:
                raise  # the buffered path reads only; let push() take the careful path
            # A value the database refuses (PostgreSQL's JSONB takes no NUL character):
            # this change alone is rejected, the batch goes on.
            log.warning("change refused by the database", exc_info=True)
            savepoint.rollback()
            self._forget_writes(seq_before, redirects_before)
            outcome = Outcome(REJECTED, reason=REASON_MALFORMED)
        answer = outcome.answer(change.change_id)
        self.seen[change.change_id] = (change.content_hash, answer)
        self.handled.append({
            "organisation_id": self.org, "change_id": change.change_id,
            "content_hash": change.content_hash, "result": answer,
            "device_id": self.device.id, "handled_at": self.now})
        return answer

    def _forget_writes(self, seq_before: int, redirects_before: int) -> None:
        """The change is undone: so are its numbers, its merges and its records."""
        self.seq = seq_before
        for key, state in reversed(self.undo):
            self.states[key] = state
        self.undo.clear()
        for redirect in self.new_redirects[redirects_before:]:
            del self.redirects[redirect["other_id"]]
        del self.new_redirects[redirects_before:]

    def _apply(self, change: Change) -> Outcome:
        if self._volunteer() and change.entity in VOLUNTEER_HIDDEN_ENTITIES:
            raise Rejected(REASON_RESTRICTED)
        redirected = self._redirect_values(change)
        if change.op == "create":
            outcome = self._create(change)
        elif change.op == "update":
            outcome = self._update(change, redirected)
        else:
            outcome = self._delete(change)
        if redirected and outcome.result == APPLIED:
            outcome.result = MERGED
        return outcome

    # -- merges -----------------------------------------------------------------------

    def _keep_of(self, record_id: Any, entity: str | None = None,
                 field_name: str | None = None) -> str | None:
        """Where a merged person went (following chains of merges), or None. With a field,
        only when that field is one the merge repoints. The merge's own batch is not
        redirected: its changes are the merge."""
        redirect = self.redirects.get(record_id) if isinstance(record_id, str) else None
        if redirect is None or redirect.batch_id == self.batch_id:
            return None
        if field_name is not None and (entity, field_name) not in redirect.repoint:
            return None
        keep, hops = redirect.keep_id, 0
        while keep in self.redirects and hops < 100:
            keep, hops = self.redirects[keep].keep_id, hops + 1
        return keep

    def _redirect_values(self, change: Change) -> bool:
        redirected = False
        if change.op == "update" and change.entity == MERGED_ENTITY:
            keep = self._keep_of(change.entity_id)
            if keep is not None:
                change.entity_id, redirected = keep, True
        for name, value in change.values.items():
            keep = self._keep_of(value, change.entity, name)
            if keep is not None:
                change.values[name], redirected = keep, True
        for name, pair in change.fields.items():
            mapped = [self._keep_of(v, change.entity, name) or v for v in pair]
            if mapped != pair:
                change.fields[name], redirected = mapped, True
        return redirected

    def _record_merge(self, change: Change) -> None:
        values = change.values
        try:
            keep, other = str(uuid.UUID(values["keep_id"])), str(uuid.UUID(values["other_id"]))
            repoint = [[str(e), str(f)] for e, f in values.get("repoint") or []]
        except (KeyError, TypeError, ValueError, AttributeError):
            raise Rejected(REASON_MALFORMED) from None
        if keep == other or other in self.redirects:
            raise Rejected(REASON_MALFORMED)
        row = {"organisation_id": self.org, "other_id": other, "keep_id": keep,
               "repoint": repoint, "batch_id": self.batch_id}
        if self.buffered:
            self.new_redirects.append(row)
        else:
            self.db.execute(_INSERT_REDIRECT, row)
        self.redirects[other] = Redirect(keep, {tuple(p) for p in repoint}, self.batch_id)

    # -- operations ---------------------------------------------------------------------

    def _row(self, entity: str, record_id: str) -> State | None:
        key = (entity, record_id)
        if key not in self.states:
            if record_id in self.prefetched:
                return None  # read with the batch: not there
            row = self.db.execute(_ROW, {"org": self.org, "ent": entity,
                                         "rid": record_id}).first()
            self.states[key] = State(*row) if row else None
            if row:
                self.stored.add(key)
        return self.states[key]

    def _store(self, state: State) -> None:
        """Keep the record's new state; write it now, or with the batch when buffered."""
        key = (state.entity, state.id)
        before = self.states.get(key)
        if self.buffered:
            self.dirty.add(key)
        elif before is None:
            self.db.execute(_INSERT_RECORD, self._params(state))
        else:
            self.db.execute(_UPDATE_RECORD, self._params(state, "b_"))
        self.undo.append((key, before))
        self.states[key] = state

    def _next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def _create(self, change: Change) -> Outcome:
        if self._volunteer() and creation_writes_restricted(change.entity, change.values):
            raise Rejected(REASON_RESTRICTED)
        if central_kept(change.entity, change.values):
            raise Rejected(REASON_RESTRICTED)
        if self._row(change.entity, change.entity_id) is not None:
            raise Rejected(REASON_EXISTS)
        if change.entity == MERGE_ENTITY:
            self._record_merge(change)
        self._insert(change.entity, change.entity_id, change.values, change.author, change.at)
        return Outcome(APPLIED, version=1)

    def _update(self, change: Change, redirected: bool) -> Outcome:
        row = self._row(change.entity, change.entity_id)
        if row is None:
            raise Deferred("not_found")
        values: dict[str, Any] = dict(row.values)
        new = {name: pair[1] for name, pair in change.fields.items()}
        if self._volunteer() and update_writes_restricted(change.entity, values, new):
            raise Rejected(REASON_RESTRICTED)
        if central_kept(change.entity, values, {**values, **new}):
            raise Rejected(REASON_RESTRICTED)
        if change.erase:  # an anonymisation overrides whatever was written since its base
            assert change.base_version is not None
            if change.base_version > row.version and not redirected:
                raise Deferred("base_version_ahead")
            return self._erase(change, row, values)
        if row.deleted:
            conflict = self._park(change, row, DELETED_FIELD, False, True, new)
            return Outcome(CONFLICT, version=row.version, conflicts=[conflict])
        assert change.base_version is not None
        if change.base_version > row.version and not redirected:
            raise Deferred("base_version_ahead")
        on_base = change.base_version == row.version and not redirected
        applied: dict[str, Any] = {}
        conflicts: list[str] = []
        for name, (old, value) in _not_refilling(change, values).items():
            current = values.get(name, _MISSING)
            if on_base or current == old or (current is _MISSING and old is None):
                if current != value:
                    applied[name] = value
            elif current != value:
                conflicts.append(self._park(change, row, name, old, current, value))
        version = row.version
        if applied:
            version = self._write(row, {**values, **applied}, applied, change)
        if conflicts:
            return Outcome(CONFLICT, version=version, conflicts=conflicts)
        return Outcome(APPLIED if on_base else MERGED, version=version)

    def _erase(self, change: Change, row: State, values: dict[str, Any]) -> Outcome:
        """Write the anonymised values over any later edit (no conflict keeps a name), and
        give every open conflict on those fields the erased value on all its sides."""
        new = {name: pair[1] for name, pair in change.fields.items()}
        applied = {name: value for name, value in new.items() if values.get(name) != value}
        version = row.version
        if applied:
            # a tombstone stays one, but holds no name either
            version = self._write(row, {**values, **applied}, applied, change,
                                  deleted=row.deleted)
        for name, value in new.items():
            for conflict_id in self._open_conflicts().get((row.id, name), []):
                conflict = self._row(CONFLICT_ENTITY, conflict_id)
                if conflict is None or conflict.deleted:
                    continue
                scrub = {"base": value, "theirs": value, "mine": value}
                if any(conflict.values.get(k) != v for k, v in scrub.items()):
                    self._write(conflict, {**conflict.values, **scrub}, scrub, change)
        on_base = change.base_version == row.version
        return Outcome(APPLIED if on_base else MERGED, version=version)

    def _delete(self, change: Change) -> Outcome:
        row = self._row(change.entity, change.entity_id)
        if row is None:
            raise Deferred("not_found")
        assert change.base_version is not None
        if central_kept(change.entity, row.values):
            raise Rejected(REASON_RESTRICTED)
        if row.deleted:
            return Outcome(MERGED, version=row.version)
        if change.base_version > row.version:
            raise Deferred("base_version_ahead")
        if change.base_version < row.version:
            conflict = self._park(change, row, DELETED_FIELD, False, dict(row.values), True)
            return Outcome(CONFLICT, version=row.version, conflicts=[conflict])
        version = self._write(row, dict(row.values), {}, change, deleted=True)
        return Outcome(APPLIED, version=version)

    def _volunteer(self) -> bool:
        return self.device.scope == SCOPE_VOLUNTEER

    # -- writes -------------------------------------------------------------------------

    def _insert(self, entity: str, record_id: str, values: dict[str, Any],
                author: str | None, at: str | None) -> None:
        self._store(State(entity, record_id, 1, False, values, {"": [author, at]}, author, at,
                          self._next_seq()))

    def _write(self, row: State, values: dict[str, Any], applied: dict[str, Any],
               change: Change, deleted: bool = False) -> int:
        stamps = dict(row.stamps)
        stamps.update({name: [change.author, change.at] for name in applied})
        if deleted:
            stamps[DELETED_FIELD] = [change.author, change.at]
        version = row.version + 1
        self._store(State(row.entity, row.id, version, deleted, values, stamps, change.author,
                          change.at, self._next_seq()))
        if row.entity != CONFLICT_ENTITY:
            for name, value in applied.items():
                self._refresh_conflicts(row.id, name, value, change)
        return version

    def _refresh_conflicts(self, record_id: str, name: str, value: Any, change: Change) -> None:
        """A field written again while a conflict on it is open: the conflict's side that
        stands for the record ("theirs") becomes the new value, with its author and time.
        Otherwise a person deciding later would choose between two outdated values and
        silently undo the newer edit."""
        for conflict_id in self._open_conflicts().get((record_id, name), []):
            conflict = self._row(CONFLICT_ENTITY, conflict_id)
            if conflict is None or conflict.deleted or conflict.values.get("status") != "open":
                continue
            update = {"theirs": value, "theirs_by": change.author, "theirs_at": change.at}
            self._write(conflict, {**conflict.values, **update}, update, change)

    def _open_conflicts(self) -> dict[tuple[str, str], list[str]]:
        if self.conflicts is None:
            self.conflicts = {}
            for conflict_id, values in self.db.execute(_CONFLICTS, {"org": self.org}):
                if isinstance(values, dict) and values.get("status") == "open":
                    key = (str(values.get("entity_id")), str(values.get("field")))
                    self.conflicts.setdefault(key, []).append(conflict_id)
        return self.conflicts

    def _park(self, change: Change, row: State, name: str, base: Any, theirs: Any,
              mine: Any) -> str:
        """A sync_conflict record keeping both values, with who and when."""
        by, at = row.stamps.get(name) or row.stamps.get("") or [row.updated_by, row.updated_at]
        if name == DELETED_FIELD:
            by, at = row.updated_by, row.updated_at
        conflict_id = str(uuid.uuid4())
        if self.conflicts is not None:
            self.conflicts.setdefault((change.entity_id, name), []).append(conflict_id)
        self._insert(CONFLICT_ENTITY, conflict_id, {
            "entity": change.entity, "entity_id": change.entity_id, "field": name,
            "base": base, "theirs": theirs, "theirs_by": by, "theirs_at": at,
            "mine": mine, "mine_by": change.author, "mine_at": change.at,
            "status": "open", "resolution": None}, change.author, change.at)
        return conflict_id


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _record_id(raw: Any) -> str | None:
    try:
        return str(uuid.UUID(raw["entity_id"])) if isinstance(raw, dict) else None
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _not_refilling(change: Change, values: dict[str, Any]) -> dict[str, list[Any]]:
    """An edit of an anonymised person typed where the anonymisation had not arrived yet:
    the fields it emptied stay empty, neither written nor kept in a conflict (erasure on
    request is final); the fields it kept (sex, municipality…) are edited as usual."""
    if change.entity != PERSON_ENTITY or not values.get("anonymised_at"):
        return change.fields
    return {name: pair for name, pair in change.fields.items()
            if values.get(name) not in ("", None)}
