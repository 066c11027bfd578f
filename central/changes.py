"""One pushed change, checked and parsed (a change that fails here is rejected alone)."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from central.protocol import (
    ENTITIES,
    MAX_CHANGE_BYTES,
    REASON_MALFORMED,
    REASON_TOO_LARGE,
    REASON_UNKNOWN_ENTITY,
)

OPS = ("create", "update", "delete")


class Rejected(Exception):  # a push result, not an error
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Change:
    change_id: str
    entity: str
    entity_id: str
    op: str
    base_version: int | None
    values: dict[str, Any]
    fields: dict[str, list[Any]]
    author: str | None
    at: str | None
    content_hash: str
    # An anonymisation (docs/sync-protocol.md, "Erasure"): its fields carry no old values
    # and are written whatever was there, so nothing of the person is parked in a conflict.
    erase: bool = False


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def uuid_text(value: Any) -> str:
    """A UUID as lower-case hyphenated text, or Rejected(malformed)."""
    if not isinstance(value, str):
        raise Rejected(REASON_MALFORMED)
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Rejected(REASON_MALFORMED) from None


def change_id_of(raw: Any) -> str | None:
    try:
        return uuid_text(raw.get("change_id")) if isinstance(raw, dict) else None
    except Rejected:
        return None


def parse(raw: Any) -> Change:
    if not isinstance(raw, dict):
        raise Rejected(REASON_MALFORMED)
    change_id = uuid_text(raw.get("change_id"))
    body = canonical({k: v for k, v in raw.items() if k != "seq"})
    if len(body) > MAX_CHANGE_BYTES:
        raise Rejected(REASON_TOO_LARGE)
    entity, op = raw.get("entity"), raw.get("op")
    if not isinstance(entity, str) or op not in OPS:
        raise Rejected(REASON_MALFORMED)
    if entity not in ENTITIES:
        raise Rejected(REASON_UNKNOWN_ENTITY)
    base = raw.get("base_version")
    if base is not None and (not isinstance(base, int) or isinstance(base, bool) or base < 0):
        raise Rejected(REASON_MALFORMED)
    values, fields = raw.get("values") or {}, raw.get("fields") or {}
    if op == "create" and not (isinstance(raw.get("values"), dict)):
        raise Rejected(REASON_MALFORMED)
    if op != "create" and base is None:
        raise Rejected(REASON_MALFORMED)
    if op == "update" and not (isinstance(fields, dict) and fields and all(
            isinstance(pair, list) and len(pair) == 2 for pair in fields.values())):
        raise Rejected(REASON_MALFORMED)
    if not isinstance(values, dict) or not isinstance(fields, dict):
        raise Rejected(REASON_MALFORMED)
    erase = raw.get("erase", False)
    if not isinstance(erase, bool) or (erase and op != "update"):
        raise Rejected(REASON_MALFORMED)
    author, at = raw.get("author"), raw.get("at")
    if author is not None:
        author = uuid_text(author)
    if at is not None and not (isinstance(at, str) and len(at) <= 40):
        raise Rejected(REASON_MALFORMED)
    # Copies: a merge's redirect rewrites them, and the raw change may be applied again.
    return Change(change_id=change_id, entity=entity, entity_id=uuid_text(raw.get("entity_id")),
                  op=op, base_version=base, values=dict(values), fields=dict(fields),
                  author=author, at=at, erase=erase,
                  content_hash=hashlib.sha256(body).hexdigest())
