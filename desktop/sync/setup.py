"""Putting a desktop into its organisation and taking it out: ``enrol`` (an initialised
desktop registers its organisation and uploads its records), ``join`` (a new data folder
takes the organisation, its users and records; ``resume_join`` continues a download that
was cut) and ``leave``. Shared by the CLI and the window; no Qt.
"""

from __future__ import annotations

import logging
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.enums import OutboxStatus
from desktop.core.errors import RelaisError
from desktop.core.ids import uuid7
from desktop.core.models import SyncOutbox, SyncParked, SyncState
from desktop.core.roles import Permission
from desktop.core.uow import detach_observer
from desktop.core.write_lock import take_write_lock
from desktop.store import crypto
from desktop.store.database import refresh_name_index
from desktop.store.engine import open_engine
from desktop.store.keystore import Keystore
from desktop.store.migrate import upgrade_to_head
from desktop.store.sealed_keys import ensure_credential, refresh_sealed_keys
from desktop.store.vault import Vault
from desktop.sync import joining, outbox
from desktop.sync.answers import Enrolment
from desktop.sync.client import SyncClient
from desktop.sync.device_token import DeviceToken
from desktop.sync.engine import Progress, SyncEngine, SyncReport
from desktop.sync.entities import synced_models
from desktop.sync.errors import SyncError
from desktop.sync.join_key import JoinKey
from desktop.sync.joining import joining_marker

if TYPE_CHECKING:
    from desktop.store.database import WorkSession

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Joined:
    organisation_name: str
    device_id: str
    recovery_code: str  # shown once, like after `relais init`
    report: SyncReport
    users: int  # users who can log in here now


def device_name() -> str:
    return (socket.gethostname() or "relais")[:200]


# -- enrol ------------------------------------------------------------------------------------

def enrol(session: WorkSession, client: SyncClient, token: DeviceToken, code: str,
          password: str) -> tuple[Enrolment, int]:
    """Register the signed-in administrator's organisation; every record is queued for
    upload, the administrator gets a key pair from ``password`` (their own: checked, since
    it is the one they will type on every other desktop). Returns the enrolment and the
    number of changes queued (pushed by the caller's first sync)."""
    session.actor.require(Permission.MANAGE_USERS)
    if outbox.is_enrolled(session.engine):
        raise RelaisError("sync.already_enrolled")
    if not session.vault.holds_password(session.user.username, password):
        raise RelaisError("sync.wrong_password")
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
    # An administrator who has no key pair yet gets one, and it goes up with the rest.
    made = ensure_credential(session, password)
    return answer, queued + int(made)


# -- join -------------------------------------------------------------------------------------

def join_pending(vault: Vault) -> bool:
    """A join began in this data folder and its download has not finished."""
    return joining.join_pending(vault.paths)


def join(vault: Vault, client: SyncClient, token: DeviceToken, code: str,
         progress: Progress | None = None) -> Joined:
    """A new data folder for a desktop joining its organisation: a random database key,
    everything pulled, the key sealed to each active user (who then log in with their own
    password). Nothing is written in the data folder until the central has accepted the
    code; should the download stop after that, ``resume_join`` goes on from the last page
    saved (the key waits in the keychain, JoinKey)."""
    if vault.is_initialised() or join_pending(vault):
        raise RelaisError("store.already_initialised", path=str(vault.paths.root))
    if not token.available:
        raise SyncError("no_keyring")
    client.health()
    answer = client.enrol(code, "join", device_name())
    token.save(answer.token)
    data_key = crypto.new_data_key()
    JoinKey(vault.paths, token.backend).save(data_key)
    try:
        vault.paths.root.mkdir(parents=True, exist_ok=True)
        joining_marker(vault.paths).write_text(answer.device_id, "utf-8")
    except OSError as exc:
        raise RelaisError("store.cannot_write", path=str(vault.paths.root)) from exc
    engine = open_engine(vault.paths.database, data_key)
    try:
        upgrade_to_head(engine, vault.paths.database, vault.paths.backups)
        refresh_name_index(engine)
        Keystore(database_id=str(uuid7())).save(vault.paths.keystore)
        outbox.enrol(engine, SyncState(server_url=client.server.url,
                                       device_id=answer.device_id, series=answer.series,
                                       scope=answer.scope), upload_everything=False)
    finally:
        engine.dispose()
    authorised = SyncClient(client.server, answer.token, timeout=client.timeout,
                            ssl_context=client.ssl_context)
    return _download(vault, token, data_key, authorised, progress)


def resume_join(vault: Vault, token: DeviceToken, progress: Progress | None = None,
                client: SyncClient | None = None) -> Joined:
    """Continue a join whose download was cut, from the last page saved (nothing comes
    twice: each page was saved with its cursor). ``client``: to reach the central other
    than by the address stored at the join (a test's, or a certificate to trust)."""
    if not join_pending(vault):
        raise RelaisError("sync.join_not_pending")
    data_key = JoinKey(vault.paths, token.backend).load()
    if data_key is None or not vault.paths.database.exists():
        raise RelaisError("sync.join_key_lost")
    if client is None:
        engine = open_engine(vault.paths.database, data_key)
        try:
            server = _state(engine).server_url
        finally:
            engine.dispose()
        client = SyncClient(server)
    authorised = SyncClient(client.server, token.require(), timeout=client.timeout,
                            ssl_context=client.ssl_context)
    return _download(vault, token, data_key, authorised, progress)


def abandon_join(vault: Vault, token: DeviceToken) -> None:
    """Empty a data folder whose join never finished (no user ever opened it), so that a
    new code can be used in it. Never touches a database people work in."""
    if not join_pending(vault):
        raise RelaisError("sync.join_not_pending")
    database = vault.paths.database
    for leftover in (database, Path(f"{database}-wal"), Path(f"{database}-shm"),
                     vault.paths.keystore):
        leftover.unlink(missing_ok=True)
    JoinKey(vault.paths, token.backend).forget()
    token.forget()
    joining_marker(vault.paths).unlink(missing_ok=True)


def _download(vault: Vault, token: DeviceToken, data_key: bytes, client: SyncClient,
              progress: Progress | None) -> Joined:
    engine = open_engine(vault.paths.database, data_key)
    try:
        if progress is not None:
            progress = _counting_from(_records_here(engine), progress)
        report = SyncReport()
        SyncEngine(engine, client).pull(report, progress)
        users = refresh_sealed_keys(engine, vault, data_key)
        state = _state(engine)
        name = _organisation_name(engine)
    finally:
        engine.dispose()
    # The recovery code is made last: shown once at the end, never for a download that
    # stops (a resumed one makes its own).
    recovery_code = crypto.new_recovery_code()
    with vault._update() as keystore:
        keystore.recovery = crypto.wrap(data_key, recovery_code,
                                        f"relais:{keystore.database_id}:*recovery*", vault.kdf)
    JoinKey(vault.paths, token.backend).forget()
    joining_marker(vault.paths).unlink(missing_ok=True)
    return Joined(organisation_name=name, device_id=state.device_id,
                  recovery_code=recovery_code, report=report, users=users)


def _records_here(engine: Engine) -> int:
    """Records a cut download already brought (each came once: a first download sends
    every record's latest state once)."""
    with Session(engine) as db:
        return sum(int(db.scalar(select(func.count()).select_from(model)) or 0)
                   for model in synced_models().values())


def _counting_from(already: int, progress: Progress) -> Progress:
    # A continued download's bar goes on from where the cut one stopped, not from zero.
    def report(done: int, total: int) -> None:
        progress(already + done, already + total if total else 0)
    return report


def _state(engine: Engine) -> SyncState:
    with Session(engine) as db:
        state = db.scalar(select(SyncState))
    if state is None:
        raise SyncError("not_enrolled")
    return state


def _organisation_name(engine: Engine) -> str:
    from desktop.core.models import Organisation

    with Session(engine) as db:
        return db.scalar(select(Organisation.name)) or ""


# -- leave ------------------------------------------------------------------------------------

def leave(session: WorkSession, token: DeviceToken) -> int:
    """Disconnect this desktop from the central: its token is forgotten, its sync state and
    outbox removed; the records stay here. Returns how many changes were waiting and will
    never be sent. Administrators only."""
    session.actor.require(Permission.MANAGE_USERS)
    engine = session.engine
    if not outbox.is_enrolled(engine):
        raise SyncError("not_enrolled")
    with engine.begin() as connection:
        take_write_lock(connection)
        unsent = connection.execute(
            select(func.count()).select_from(SyncOutbox).where(  # type: ignore[arg-type]
                SyncOutbox.status != OutboxStatus.SENT)).scalar_one()  # type: ignore[arg-type]
        connection.execute(delete(SyncOutbox))
        connection.execute(delete(SyncParked))  # received for an organisation left behind
        connection.execute(delete(SyncState))
    detach_observer(engine, outbox.Outbox)
    token.forget()
    log.info("left the organisation's sync (%d changes not sent)", unsent)
    return int(unsent)
