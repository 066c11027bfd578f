"""The central's answers, checked before the engine relies on them (docs/sync-protocol.md).

A field missing or of the wrong type is a ``ValueError`` here; the client turns it into a
SyncError ``bad_answer``. Nothing from an answer is trusted to be of the right shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SCOPES = ("full", "volunteer")
RESULTS = ("applied", "merged", "conflict", "duplicate", "rejected", "deferred")


@dataclass(frozen=True)
class Health:
    protocol: int
    min_protocol: int


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    token: str
    series: str  # "" for the desktop that registered the organisation, then B, C, …
    scope: str  # full | volunteer
    organisation_refnis: str
    organisation_name: str
    organisation_record_id: str

    def __repr__(self) -> str:  # the token never reaches a log through a repr
        return f"Enrolment(device_id={self.device_id!r}, series={self.series!r})"


@dataclass(frozen=True)
class ChangeResult:
    change_id: str
    result: str  # one of RESULTS
    version: int | None
    reason: str | None
    conflicts: tuple[str, ...]


@dataclass(frozen=True)
class PullPage:
    records: tuple[dict[str, Any], ...]
    cursor: int
    more: bool
    remaining: int | None = None  # records the next pages hold; None: the central did not say


def health(data: Any) -> Health:
    data = _object(data)
    protocol = _integer(data.get("protocol"))
    return Health(protocol=protocol, min_protocol=_integer(data.get("min_protocol", 1)))


def enrolment(data: Any) -> Enrolment:
    data = _object(data)
    organisation = _object(data.get("organisation"))
    scope = _text(data.get("scope"))
    if scope not in SCOPES:
        raise ValueError("scope")
    series = data.get("series")
    # "" or capital letters only: it is printed inside file numbers (2026/B00042)
    if not isinstance(series, str) or len(series) > 8 or not (
            series == "" or (series.isascii() and series.isalpha() and series.isupper())):
        raise ValueError("series")
    return Enrolment(
        device_id=_text(data.get("device_id")), token=_text(data.get("token")),
        series=series, scope=scope,
        organisation_refnis=_text(organisation.get("refnis")),
        organisation_name=_text(organisation.get("name")),
        organisation_record_id=_text(organisation.get("record_id")),
    )


def push_results(data: Any, change_ids: list[str]) -> list[ChangeResult]:
    """One result per change sent, in the order sent: a result for another change, or a
    missing one, would be pinned to the wrong edit."""
    results = _object(data).get("results")
    if not isinstance(results, list) or len(results) != len(change_ids):
        raise ValueError("results")
    parsed = []
    for item, sent in zip(results, change_ids, strict=True):
        item = _object(item)
        if item.get("change_id") != sent or item.get("result") not in RESULTS:
            raise ValueError("result")
        version = item.get("version")
        reason = item.get("reason")
        conflicts = item.get("conflicts") or []
        if version is not None:
            version = _integer(version)
        if reason is not None and not isinstance(reason, str):
            raise ValueError("reason")
        if not isinstance(conflicts, list) or not all(isinstance(c, str) for c in conflicts):
            raise ValueError("conflicts")
        parsed.append(ChangeResult(change_id=sent, result=item["result"], version=version,
                                   reason=reason, conflicts=tuple(conflicts)))
    return parsed


def pull_page(data: Any, cursor: int) -> PullPage:
    data = _object(data)
    records = data.get("records")
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise ValueError("records")
    new_cursor = _integer(data.get("cursor"))
    more = data.get("more")
    # A cursor that goes back would pull the same pages for ever.
    if new_cursor < cursor or not isinstance(more, bool):
        raise ValueError("cursor")
    remaining = data.get("remaining")
    if remaining is not None:
        remaining = _integer(remaining)
    return PullPage(records=tuple(records), cursor=new_cursor, more=more, remaining=remaining)


def _object(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("object")
    return value


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError("text")
    return value


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("integer")
    return value
