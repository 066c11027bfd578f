"""Which records and fields a role may not read, for what sync shows about a record (a
conflict, a rejected change): the same rules as the case file, applied in the service.

A record hidden from a role (an aid decision, a note for social workers) is left out
altogether, so its existence is not learnt; a restricted field of a record the role does see
(a national number, the details of a specific need) shows that it changed, never its values.
"""

from __future__ import annotations

from typing import Any

from desktop.core.enums import NoteAudience
from desktop.core.roles import Actor, Permission

FIELD_PERMISSIONS: dict[tuple[str, str], Permission] = {
    ("person", "national_number"): Permission.VIEW_NATIONAL_NUMBER,
    ("person", "national_number_kind"): Permission.VIEW_NATIONAL_NUMBER,
    ("specific_need", "details"): Permission.VIEW_NEED_DETAILS,
}


def record_hidden(actor: Actor, entity: str, record: Any) -> bool:
    """``record``: the local record (None when this desktop does not hold it)."""
    if entity == "aid_decision":
        return not actor.can(Permission.VIEW_SOCIAL_NOTES)
    if entity == "note":
        shared = record is not None and record.audience == NoteAudience.EVERYONE
        return not shared and not actor.can(Permission.VIEW_SOCIAL_NOTES)
    return False


def field_restricted(entity: str, field: str) -> bool:
    """Restricted for some role (a volunteer device does not even receive its values)."""
    return (entity, field) in FIELD_PERMISSIONS


def field_hidden(actor: Actor, entity: str, field: str) -> bool:
    permission = FIELD_PERMISSIONS.get((entity, field))
    return permission is not None and not actor.can(permission)
