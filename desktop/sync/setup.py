"""Putting a desktop into its organisation: ``enrol`` (an initialised desktop registers
its organisation and uploads its records) and ``join`` (a new data folder takes the
organisation, its users and records). Shared by the CLI and, next, the window.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass

from desktop.core.errors import RelaisError
from desktop.core.ids import uuid7
from desktop.core.models import SyncState
from desktop.store import crypto
from desktop.store.database import WorkSession, refresh_name_index
from desktop.store.engine import open_engine
from desktop.store.keystore import Keystore
from desktop.store.migrate import upgrade_to_head
from desktop.store.sealed_keys import ensure_credential, refresh_sealed_keys
from desktop.store.vault import Vault
from desktop.sync import outbox
from desktop.sync.answers import Enrolment
from desktop.sync.client import SyncClient
from desktop.sync.device_token import DeviceToken
from desktop.sync.engine import SyncEngine, SyncReport
from desktop.sync.errors import SyncError


@dataclass(frozen=True)
class Joined:
    enrolment: Enrolment
    recovery_code: str  # shown once, like after `relais init`
    report: SyncReport
    users: int  # users who can log in here now


def device_name() -> str:
    return (socket.gethostname() or "relais")[:200]


def enrol(session: WorkSession, client: SyncClient, token: DeviceToken, code: str,
          password: str) -> tuple[Enrolment, int]:
    """Register the signed-in administrator's organisation; every record is queued for
    upload, the administrator gets a key pair from ``password``. Returns the enrolment
    and the number of changes queued (pushed by the caller's first sync)."""
    if outbox.is_enrolled(session.engine):
        raise RelaisError("sync.already_enrolled")
    if not token.available:  # before the code is used up: a lost token cannot be asked again
        raise SyncError("no_keyring")
    client.health()
    org = session.organisation
    answer = client.enrol(code, "enrol", device_name(),
                          {"id": str(org.id), "refnis": org.refnis, "name": org.name})
    token.save(answer.token)
    queued = outbox.enrol(session.engine, SyncState(
        server_url=client.server.url, device_id=answer.device_id, series=answer.series,
        scope=answer.scope), upload_everything=True)
    ensure_credential(session, password)
    return answer, queued + 1


def join(vault: Vault, client: SyncClient, token: DeviceToken, code: str) -> Joined:
    """A new data folder for a desktop joining its organisation: a random database key,
    everything pulled, the key sealed to each active user (who then log in with their own
    password). Nothing is left behind when it fails before the pull began."""
    if vault.is_initialised():
        raise RelaisError("store.already_initialised", path=str(vault.paths.root))
    if not token.available:
        raise SyncError("no_keyring")
    client.health()
    answer = client.enrol(code, "join", device_name())
    token.save(answer.token)
    data_key, recovery_code = crypto.new_data_key(), crypto.new_recovery_code()
    keystore = Keystore(database_id=str(uuid7()))
    keystore.recovery = crypto.wrap(data_key, recovery_code,
                                    f"relais:{keystore.database_id}:*recovery*", vault.kdf)
    try:
        vault.paths.root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RelaisError("store.cannot_write", path=str(vault.paths.root)) from exc
    engine = open_engine(vault.paths.database, data_key)
    try:
        upgrade_to_head(engine, vault.paths.database, vault.paths.backups)
        refresh_name_index(engine)
        keystore.save(vault.paths.keystore)
        outbox.enrol(engine, SyncState(server_url=client.server.url,
                                       device_id=answer.device_id, series=answer.series,
                                       scope=answer.scope), upload_everything=False)
        authorised = SyncClient(client.server, answer.token, timeout=client.timeout,
                                ssl_context=client.ssl_context)
        report = SyncReport()
        SyncEngine(engine, authorised).pull(report)
        users = refresh_sealed_keys(engine, vault, data_key)
    finally:
        engine.dispose()
    return Joined(enrolment=answer, recovery_code=recovery_code, report=report, users=users)
