"""Failed sign-ins (and accesses a closing session could not write) into the audit trail.

A wrong password opens nothing, so the attempt cannot be written into the encrypted
database when it happens: keys.json notes it (``Keystore.unaudited``) and the next session
that opens the database, on this desktop, writes it as a ``login_failed`` event with the
attempt's own time, then takes it out of keys.json. Written first, forgotten after: a crash
in between writes an attempt twice, never loses it. A session that closes while another
process holds the write lock (its sign-in not yet written) leaves its accesses there too.
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from desktop.core.audit.chain import append_events
from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.models import UserAccount
from desktop.core.roles import SYSTEM, Actor
from desktop.core.uow import Change, UnitOfWork
from desktop.store.keystore import UNKNOWN_USER, Unaudited

if TYPE_CHECKING:
    from desktop.store.vault import Vault

log = logging.getLogger(__name__)


def audit_failed_sign_ins(vault: Vault, engine: Engine) -> int:
    """Write the events keys.json holds; how many. While another process writes, they
    wait for the next session (nothing here ever waits for the lock)."""
    pending = vault.unaudited_events()
    dropped = vault._keystore().unaudited_dropped
    if not pending and not dropped:
        return 0
    with Session(engine) as db:
        ids = dict(db.exec(select(UserAccount.username, UserAccount.id)).all())
    # A failed sign-in names the account it was tried on as the event's user ("a failed
    # sign-in as marie": nobody knows who typed it).
    events = [_event(entry, ids) for entry in pending]
    if dropped:  # more than keys.json keeps: their number, not their times
        events.append({"action": AuditAction.LOGIN_FAILED,
                       "entity": UserAccount.__tablename__, "detail": {"not_kept": dropped}})
    try:
        with UnitOfWork(engine, SYSTEM, wait=False) as uow:
            append_events(uow.session.connection(), events)
    except RelaisError as error:
        if error.key != "store.busy":
            raise
        return 0
    try:
        vault.forget_unaudited(pending)
    except RelaisError:  # written twice at the next session rather than lost
        log.warning("unaudited events were written but stay noted in keys.json")
    return len(pending)


def _event(entry: Unaudited, ids: dict[str, uuid.UUID]) -> dict[str, Any]:
    user_id = ids.get(entry.username)
    detail: dict[str, Any] | None = json.loads(entry.detail) if entry.detail else None
    if entry.username == UNKNOWN_USER:
        detail = {**(detail or {}), "unknown_user": True}
    elif user_id is None:
        detail = {**(detail or {}), "username": entry.username}
    try:
        action = AuditAction(entry.action)
    except ValueError:  # written by a newer version: kept, under its own name
        action, detail = AuditAction.LOGIN_FAILED, {**(detail or {}), "action": entry.action}
    entity_id = uuid.UUID(entry.entity_id) if entry.entity_id else None
    if action == AuditAction.LOGIN_FAILED and entity_id is None:
        entity_id = user_id
    return {"at": datetime.fromtimestamp(entry.at, UTC), "actor_id": user_id,
            "action": action, "entity": entry.entity, "entity_id": entity_id,
            "detail": detail}


def keep_for_next_session(vault: Vault, late: list[tuple[Actor, Change, datetime]]) -> None:
    """A closing session's accesses that the write lock never let in (a sign-in during a
    long import), noted in keys.json so the next session writes them."""
    try:
        vault.note_unaudited([Unaudited(
            actor.username, at.timestamp(), change.action.value, change.entity,
            change.entity_id.hex if change.entity_id else "",
            json.dumps(change.detail, sort_keys=True) if change.detail else "")
            for actor, change, at in late])
    except RelaisError:
        log.warning("an access event could not be audited: another process was writing "
                    "and keys.json could not be written")
