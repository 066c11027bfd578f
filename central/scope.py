"""What a volunteer device may neither read nor write (protocol.RESTRICTED_FIELDS)."""

from __future__ import annotations

from typing import Any

from central.protocol import CENTRAL_KEPT, CONFLICT_ENTITY, DELETED_FIELD, RESTRICTED_FIELDS

_EMPTY: tuple[Any, ...] = (None, "", False, [], {})


def _holds(condition: tuple[str, Any] | None, *states: dict[str, Any]) -> bool:
    if condition is None:
        return True
    field, value = condition
    return any(state.get(field) == value for state in states)


def central_kept(entity: str, *states: dict[str, Any]) -> bool:
    """A record only the central writes, in any of these states (before or after a change):
    a device may neither make one, nor turn one into its own, nor change or delete it."""
    condition = CENTRAL_KEPT.get(entity)
    return condition is not None and _holds(condition, *states)


def creation_writes_restricted(entity: str, values: dict[str, Any]) -> bool:
    """A creation carries every column, defaults included: only a non-empty value in a
    restricted field is a write."""
    rules = RESTRICTED_FIELDS.get(entity, {})
    return any(values.get(field) not in _EMPTY and _holds(condition, values)
               for field, condition in rules.items())


def update_writes_restricted(entity: str, current: dict[str, Any],
                             new: dict[str, Any]) -> bool:
    """An update writes a restricted field (under its condition before or after), or moves
    a record out of a condition (a note turned from social workers' to everyone's)."""
    after = {**current, **new}
    for field, condition in RESTRICTED_FIELDS.get(entity, {}).items():
        if field in new and _holds(condition, current, after):
            return True
        if condition is not None and condition[0] in new and _holds(condition, current) \
                and not _holds(condition, after):
            return True
    return False


def strip_restricted(entity: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values a volunteer device receives."""
    if entity == CONFLICT_ENTITY:
        return _strip_conflict(values)
    rules = RESTRICTED_FIELDS.get(entity)
    if not rules:
        return values
    return {name: value for name, value in values.items()
            if name not in rules or not _holds(rules[name], values)}


def _strip_conflict(values: dict[str, Any]) -> dict[str, Any]:
    # A conflict does not know its record's state (a note's audience): strip whenever the
    # field is restricted at all, and the restricted keys of a deletion conflict's edits.
    rules = RESTRICTED_FIELDS.get(str(values.get("entity")))
    if not rules:
        return values
    field = values.get("field")
    if field in rules:
        return {k: v for k, v in values.items() if k not in ("base", "theirs", "mine")}
    if field == DELETED_FIELD:
        return {k: ({n: x for n, x in v.items() if n not in rules} if isinstance(v, dict) else v)
                for k, v in values.items()}
    return values
