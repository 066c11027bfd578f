"""The audit trail as a hash chain (SHA-256), so that deleting, editing or reordering a past
event is found.

Each event's ``hash`` is SHA-256 over the previous event's hash and the event's canonical
form (every column but the hash, ``seq`` included). Events are numbered 1, 2, 3… within
their chain: a deleted event leaves a gap, a moved one no longer matches its hash, an
edited one neither. ``audit_head`` holds the last link, so cutting the newest events off is
found too. One chain per database; an event chained elsewhere (another desktop's, if the
audit is ever merged by sync) keeps its own ``chain_id`` and verifies on its own.

The canonical form is built from the values as SQLite stores them (UUIDs as 16 bytes, times
as 'YYYY-MM-DD HH:MM:SS.ffffff' UTC, lists and details as JSON), so verification reads raw
rows without converting them back into objects: a million events in a few seconds.

Limit, said plainly: someone holding the database key can rewrite the whole chain from a
point on, recomputing every later hash. That is found only against a copy of the head kept
elsewhere (a backup's manifest holds it); the chain alone makes any partial edit visible.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from desktop.core.bulk import insert_many
from desktop.core.enums import AuditAction
from desktop.core.ids import uuid7
from desktop.core.models.audit import AuditEvent

FORMAT = "relais-audit-1"
GENESIS = bytes(32)
RESTORE = AuditAction.RESTORE.value
SEPARATOR = "\x1f"
_JSON = {"separators": (",", ":"), "ensure_ascii": False, "sort_keys": True}


def stored_time(at: datetime) -> str:
    """A time as SQLAlchemy's SQLite dialect stores it (UTC, microseconds)."""
    if at.utcoffset():
        at = at.astimezone(UTC)
    return at.isoformat(" ", "microseconds")[:26]


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, **_JSON)


def canonical(chain: str, seq: int, event_id: str, at: str, actor: str, action: str,
              entity: str, entity_id: str, fields: Any, origin: str | None,
              detail: Any) -> bytes:
    """The bytes an event's hash covers: ids as 32 hex digits ("" for none), the time as
    stored, the JSON columns decoded (so a re-encoding by the database does not matter)."""
    return SEPARATOR.join((
        FORMAT, chain, str(seq), event_id, at, actor, action, entity, entity_id,
        _json(fields), origin or "", _json(detail),
    )).encode()


def link(previous: bytes, event: bytes) -> bytes:
    return hashlib.sha256(previous + event).digest()


def _hex(value: Any) -> str:
    """A UUID (or its 16 bytes, or its text) as 32 hex digits; "" for none."""
    if value is None:
        return ""
    if type(value) is uuid.UUID:  # the common case first: every event names one or two
        return value.hex
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return uuid.UUID(str(value)).hex


def read_head(connection: Connection) -> tuple[uuid.UUID, int, bytes]:
    """(chain, last seq, last hash) of this database's chain, started if it has none."""
    row = connection.exec_driver_sql("SELECT chain_id, seq, hash FROM audit_head WHERE id = 1"
                                     ).first()
    if row is not None:
        return uuid.UUID(bytes=bytes(row[0])), int(row[1]), bytes(row[2])
    chain = uuid.uuid4()
    connection.exec_driver_sql("INSERT INTO audit_head (id, chain_id, seq, hash) "
                               "VALUES (1, ?, 0, ?)", (chain.bytes, GENESIS))
    return chain, 0, GENESIS


def append_events(connection: Connection, events: Sequence[dict[str, Any]],
                  owned: bool = False) -> None:
    """Chain and insert ``events`` (column name -> Python value; id and at are filled when
    missing). The caller holds the write lock (a unit of work, a pulled page), so no other
    process appends between the head read here and the head written back. ``owned``: the
    dicts were made for this call and may be completed in place (no copy per event)."""
    if not events:
        return
    chain, seq, previous = read_head(connection)
    chain_hex = chain.hex
    rows = []
    # A unit of work's events share their time and author: format them once.
    last_at: Any = None
    last_stored = ""
    last_actor: Any = None
    last_actor_hex = ""
    for event in events:
        seq += 1
        row = event if owned else dict(event)
        event_id = row.get("id") or uuid7()  # not setdefault: no id made only to be dropped
        row["id"] = event_id
        at = row.get("at") or datetime.now(UTC)
        if at is not last_at:
            last_at, last_stored = at, stored_time(at)
        actor = row.get("actor_id")
        if actor is not last_actor or not last_actor_hex:
            last_actor, last_actor_hex = actor, _hex(actor)
        entity = row.get("entity") or ""
        action = row["action"]
        previous = link(previous, canonical(
            chain_hex, seq, _hex(event_id), last_stored, last_actor_hex,
            getattr(action, "value", action), entity, _hex(row.get("entity_id")),
            row.get("fields"), row.get("origin"), row.get("detail")))
        row.update(at=at, entity=entity, chain_id=chain, seq=seq, hash=previous)
        rows.append(row)
    insert_many(connection, AuditEvent.__table__, rows)  # type: ignore[attr-defined]
    connection.exec_driver_sql("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1",
                               (seq, previous))


# -- verification ------------------------------------------------------------------------


@dataclass(frozen=True)
class BrokenLink:
    """The first event where a chain stops verifying, and why: 'edited' (the event or one
    before it no longer matches its hash), 'missing' (numbers skip: events were deleted or
    moved), 'cut' (the chain stops before its recorded head, or before a link kept outside:
    the newest were deleted), 'rewritten' (the chain holds together but differs from a link
    kept outside, e.g. in a backup's manifest: it was rebuilt from this event or earlier)."""

    chain_id: uuid.UUID
    seq: int
    event_id: uuid.UUID | None
    at: str
    reason: str


@dataclass(frozen=True)
class Verification:
    events: int
    chains: int
    broken: BrokenLink | None

    @property
    def intact(self) -> bool:
        return self.broken is None


_SELECT = ("SELECT chain_id, seq, id, at, actor_id, action, entity, entity_id, fields, "
           "origin, detail, hash FROM audit_event ORDER BY chain_id, seq")
BATCH = 20_000


def _rows(connection: Connection) -> Iterator[tuple[Any, ...]]:
    result = connection.exec_driver_sql(_SELECT)
    while batch := result.fetchmany(BATCH):
        yield from batch


@dataclass(frozen=True)
class Anchor:
    """A link of a chain kept outside the database (a backup's manifest holds the head at
    the time of the backup): the chain must still pass through it."""

    chain_id: uuid.UUID
    seq: int
    hash: bytes
    made_at: datetime | None = None  # when the backup was made; None: always checked


def _links(anchors: list[Anchor]) -> dict[int, bytes]:
    return {anchor.seq: anchor.hash for anchor in anchors}


def _after_restore(anchors: list[Anchor], seq: int, at: str) -> list[Anchor]:
    """A restore at link ``seq`` put an older copy back: the chain went on from the older
    head, and the links of backups made before it, from there on, lie on the timeline it
    replaced (kept aside as relais.db.before-restore-…). The restore event itself stays in
    the chain for anyone to see."""
    moment = datetime.fromisoformat(at)
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return [anchor for anchor in anchors if anchor.seq < seq or anchor.made_at is None
            or anchor.made_at >= moment]


def verify(connection: Connection, progress: Any = None,
           anchors: Iterable[Anchor] = ()) -> Verification:
    """Walk every chain from its first event; the first break found, or none.
    ``progress(done)`` is called every ``BATCH`` events.

    The head and the events are read in one read transaction (one moment of the database):
    without it, another process appending between the two reads made the chain look longer
    than its head, and the check said "edited"."""
    driver = connection.connection.driver_connection
    own = driver is not None and not driver.in_transaction
    if own:
        driver.execute("BEGIN")
    try:
        return _verify(connection, progress, anchors)
    finally:
        if own:
            driver.execute("ROLLBACK")  # it only read


def _verify(connection: Connection, progress: Any,
            anchors: Iterable[Anchor]) -> Verification:
    kept: dict[bytes, list[Anchor]] = {}
    for anchor in anchors:
        kept.setdefault(anchor.chain_id.bytes, []).append(anchor)
    here: list[Anchor] = []
    outside: dict[int, bytes] = {}
    head = connection.exec_driver_sql("SELECT chain_id, seq, hash FROM audit_head WHERE id = 1"
                                      ).first()
    local = (bytes(head[0]), int(head[1]), bytes(head[2])) if head else None
    loads = json.loads
    count = chains = 0
    seen_local = False
    chain: bytes | None = None
    chain_hex = ""
    previous, seq = GENESIS, 0
    for (chain_id, number, event_id, at, actor, action, entity, entity_id, fields, origin,
         detail, stored) in _rows(connection):
        chain_id = bytes(chain_id)
        if chain_id != chain:
            if chain is not None and (broken := _cut(chain, seq, previous, local, outside)):
                return Verification(count, chains, broken)
            chain, previous, seq = chain_id, GENESIS, 0
            chain_hex = chain_id.hex()
            here = kept.get(chain_id, [])
            outside = _links(here)
            chains += 1
            seen_local = seen_local or (local is not None and chain_id == local[0])
        count += 1
        if number != seq + 1:
            return Verification(count, chains, BrokenLink(
                uuid.UUID(bytes=chain_id), seq + 1, None, at, "missing"))
        seq = number
        if action == RESTORE and here:
            here = _after_restore(here, number, str(at))
            outside = _links(here)
        previous = link(previous, canonical(
            chain_hex, number, bytes(event_id).hex(), at, actor.hex() if actor else "",
            action, entity, entity_id.hex() if entity_id else "",
            fields if fields is None else loads(fields), origin,
            detail if detail is None else loads(detail)))
        if previous != bytes(stored):
            return Verification(count, chains, BrokenLink(
                uuid.UUID(bytes=chain_id), number, uuid.UUID(bytes=bytes(event_id)), at,
                "edited"))
        if outside and outside.get(number, previous) != previous:
            return Verification(count, chains, BrokenLink(
                uuid.UUID(bytes=chain_id), number, uuid.UUID(bytes=bytes(event_id)), at,
                "rewritten"))
        if progress is not None and count % BATCH == 0:
            progress(count)
    if chain is not None and (broken := _cut(chain, seq, previous, local, outside)):
        return Verification(count, chains, broken)
    if local is not None and local[1] > 0 and not seen_local:  # the whole chain deleted
        return Verification(count, chains, BrokenLink(uuid.UUID(bytes=local[0]), 1, None, "",
                                                      "cut"))
    return Verification(count, chains, None)


def _cut(chain: bytes, seq: int, last: bytes, head: tuple[bytes, int, bytes] | None,
         outside: dict[int, bytes]) -> BrokenLink | None:
    """The local chain must end where its head says, and no sooner than a link kept
    outside; another chain has no head here."""
    beyond = [number for number in outside if number > seq]
    if beyond:
        return BrokenLink(uuid.UUID(bytes=chain), seq + 1, None, "", "cut")
    if head is None or head[0] != chain:
        return None
    if seq < head[1]:
        return BrokenLink(uuid.UUID(bytes=chain), seq + 1, None, "", "cut")
    if seq > head[1] or last != head[2]:
        return BrokenLink(uuid.UUID(bytes=chain), head[1], None, "", "edited")
    return None
