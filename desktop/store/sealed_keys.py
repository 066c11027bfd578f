"""Keeping keys.json in step with the organisation's users (docs/security.md).

Each active user with a ``user_credential`` record gets this database's key sealed to their
public key, so they log in here with the password they chose on any desktop. Their
credential changed (a password changed or reset elsewhere): sealed again, and a key
wrapped here by an older password is dropped. A disabled user keeps no entry at all.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from desktop.core.models import UserAccount, UserCredential
from desktop.core.uow import UnitOfWork
from desktop.core.users import keep_credential
from desktop.store import user_keys
from desktop.store.vault import database_purpose
from desktop.sync.outbox import is_enrolled

if TYPE_CHECKING:
    from desktop.store.database import WorkSession
    from desktop.store.keystore import Keystore
    from desktop.store.vault import Vault


def credentials_by_user(db: Session) -> dict[uuid.UUID, UserCredential]:
    return {c.user_id: c for c in db.exec(select(UserCredential).where(
        UserCredential.deleted_at.is_(None)))}  # type: ignore[union-attr]


def ensure_credential(session: WorkSession, password: str) -> bool:
    """At login on an enrolled desktop: a user who has no key pair yet (created before
    enrolment) gets one from the password just typed, so they can log in elsewhere after
    the next sync. Returns whether one was made."""
    if not is_enrolled(session.engine):
        return False
    user_id = session.user.id
    with Session(session.engine) as db:
        if user_id in credentials_by_user(db):
            return False
    fields = session.credential_fields(user_id, password)
    with UnitOfWork(session.engine, session._actor()) as uow:
        keep_credential(uow, user_id, fields)
    return True


def refresh_sealed_keys(engine: Engine, vault: Vault, data_key: bytes) -> int:
    """Bring keys.json in step with the users and credentials in the database (after a
    pull). Returns how many entries changed."""
    with Session(engine) as db:
        users = list(db.exec(select(UserAccount)))
        credentials = credentials_by_user(db)
    changed = 0
    with vault._update() as keystore:
        for user in users:
            credential = credentials.get(user.id)
            if not user.active:
                changed += _forget(keystore, user.username)
            elif credential is not None:
                changed += _seal(keystore, user, credential, data_key)
    return changed


def _forget(keystore: Keystore, username: str) -> int:
    removed = keystore.users.pop(username, None), keystore.sealed.pop(username, None)
    return int(any(entry is not None for entry in removed))


def _seal(keystore: Keystore, user: UserAccount, credential: UserCredential,
          data_key: bytes) -> int:
    wanted = user_keys.record_credential(str(user.id), credential.public_key,
                                         credential.wrapped_private_key, credential.kdf)
    entry = keystore.sealed.get(user.username)
    if entry is not None and entry.get("credential") == wanted:
        return 0
    try:
        checked = user_keys.UserCredential.from_dict(str(user.id), wanted)
    except user_keys.BadCredential:
        return 0  # a credential Relais never writes: nothing sealed to it
    sealed = user_keys.seal(data_key, checked.public_key, str(user.id),
                            database_purpose(keystore.database_id))
    new: dict[str, Any] = {"user_id": str(user.id), "credential": wanted,
                           "sealed": sealed.to_dict()}
    if entry is not None:
        # The password changed since we sealed: a key wrapped here by the old one must
        # not keep opening the database.
        keystore.users.pop(user.username, None)
    keystore.sealed[user.username] = new
    return 1
