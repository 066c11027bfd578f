"""Failed sign-ins into the audit trail.

A wrong password opens nothing, so the attempt cannot be written into the encrypted
database when it happens: keys.json notes it (``Keystore.unaudited``) and the next session
that opens the database, on this desktop, writes it as a ``login_failed`` event with the
attempt's own time, then takes it out of keys.json. Written first, forgotten after: a crash
in between writes an attempt twice, never loses it.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from desktop.core.audit.chain import append_events
from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.models import UserAccount
from desktop.core.roles import SYSTEM
from desktop.core.uow import UnitOfWork

if TYPE_CHECKING:
    from desktop.store.vault import Vault

log = logging.getLogger(__name__)


def audit_failed_sign_ins(vault: Vault, engine: Engine) -> int:
    """Write the failed sign-ins keys.json holds; how many. While another process writes,
    they wait for the next session (nothing here ever waits for the lock)."""
    pending = vault.unaudited_failures()
    dropped = vault._keystore().unaudited_dropped
    if not pending and not dropped:
        return 0
    with Session(engine) as db:
        ids = dict(db.exec(select(UserAccount.username, UserAccount.id)).all())
    # The user whose password was tried is named as the event's user: "a failed sign-in
    # as marie" (nobody knows who typed it).
    events = [
        {"at": datetime.fromtimestamp(at, UTC), "actor_id": ids.get(username),
         "action": AuditAction.LOGIN_FAILED, "entity": UserAccount.__tablename__,
         "entity_id": ids.get(username),
         "detail": None if username in ids else {"username": username}}
        for username, at in pending
    ]
    if dropped:  # more failures than keys.json keeps: their number, not their times
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
        log.warning("failed sign-ins were audited but stay noted in keys.json")
    return len(pending)
