"""The database side of the vault: create the schema, open it for a user, and the
``WorkSession`` that holds an unlocked database. Imported only once a key is in hand."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, select

from desktop.core.enums import AuditAction, Role
from desktop.core.errors import RelaisError
from desktop.core.models import Organisation, UserAccount
from desktop.core.name_index import NAME_INDEX_VERSION, rebuild_name_index
from desktop.core.passwords import check_password, normalise_username
from desktop.core.roles import SYSTEM, Actor
from desktop.core.uow import (
    UnitOfWork,
    has_deferred,
    record_access_soon,
    take_deferred,
    write_deferred,
)
from desktop.core.users import keep_credential
from desktop.core.write_lock import busy_or, take_write_lock
from desktop.store import user_keys
from desktop.store.crypto import WrongSecret
from desktop.store.engine import open_engine
from desktop.store.login_audit import audit_failed_sign_ins, keep_for_next_session
from desktop.store.migrate import upgrade_to_head
from desktop.sync.outbox import attach_outbox_if_enrolled

if TYPE_CHECKING:
    from desktop.store.crypto import WrappedKey
    from desktop.store.vault import NewOrganisation, Vault

log = logging.getLogger(__name__)


class WorkSession:
    """An unlocked database and the signed-in user. Also where that user's services store
    passwords (``set_password`` / ``revoke``), since only an unlocked session holds the key."""

    def __init__(
        self, vault: Vault, engine: Engine, data_key: bytes, user: UserAccount,
        organisation: Organisation,
    ) -> None:
        self.vault = vault
        self.engine = engine
        self._data_key = data_key
        self.user = user
        self.organisation = organisation
        # keys.json changes of the current key_changes() block: (username, key it replaced)
        self._key_journal: list[tuple[str, WrappedKey | None]] | None = None

    @property
    def data_key(self) -> bytes:
        """For the backups (store.backups): a copy is encrypted with the same key."""
        return self._data_key

    @property
    def must_change_password(self) -> bool:
        return self.user.must_change_password

    @property
    def actor(self) -> Actor:
        """Who acts, for every service built on this session. Refused while the user holds a
        password an administrator chose: then the only thing they may do is choose their own
        (``change_own_password``), whatever face (window, CLI) opened the session."""
        if self.user.must_change_password:
            raise RelaisError("auth.must_change_password")
        return self._actor()

    def _actor(self) -> Actor:
        return Actor(
            user_id=self.user.id,
            username=self.user.username,
            role=self.user.role,
            organisation_id=self.organisation.id,
        )

    def credential_fields(self, user_id: uuid.UUID, password: str) -> dict[str, Any]:
        """A new key pair for the user, its private key wrapped by ``password``: the
        columns of their ``user_credential`` record (store.user_keys)."""
        from desktop.store import user_keys

        return user_keys.record_fields(
            user_keys.new_credential(str(user_id), password, self.vault.kdf))

    def refresh_sealed_keys(self) -> int:
        """keys.json in step with the users pulled from the organisation (sealed_keys)."""
        from desktop.store.sealed_keys import refresh_sealed_keys

        return refresh_sealed_keys(self.engine, self.vault, self._data_key)

    def set_password(self, username: str, password: str) -> None:
        check_password(password, username)
        self._journal(username, self.vault.store_user_key(username, password, self._data_key))

    @contextmanager
    def key_changes(self) -> Iterator[None]:
        """Around a database transaction that also changes keys.json (a user added, a
        password set, a user disabled): when the block fails, commit included, the keys it
        changed are put back, so there is never a user row without its key or a key without
        its row. Blocks nest into the outermost one."""
        if self._key_journal is not None:
            yield
            return
        self._key_journal = journal = []
        try:
            yield
        except BaseException:
            self._key_journal = None
            for username, previous in reversed(journal):
                try:
                    self.vault.restore_user_key(username, previous)
                except Exception:  # the failure to report is the first one, raised below
                    log.exception("keys.json could not be put back after a failed change")
            raise
        finally:
            self._key_journal = None

    def _journal(self, username: str, previous: WrappedKey | None) -> None:
        if self._key_journal is not None:
            self._key_journal.append((username, previous))

    def change_own_password(self, new_password: str) -> None:
        """The signed-in user chooses their own password (rules checked, key rewrapped, the
        flag cleared in the same transaction); afterwards the session serves normally."""
        from desktop.core.reference import reference_data
        from desktop.core.users import UserService

        users = UserService(self.engine, self._actor(), credentials=self,
                            reference=reference_data())
        users.change_own_password(new_password)
        self.user.must_change_password = False

    def revoke(self, username: str) -> None:
        self._journal(username, self.vault.remove_user_key(username))

    def holds_password(self, username: str, password: str) -> bool:
        """Whether ``password`` is the user's current one: the key wrapped here, or, for a
        user who came by sync and has no key of this desktop yet, their synced key pair."""
        if self.vault.holds_password(username, password):
            return True
        from desktop.store.sealed_keys import credentials_by_user

        with Session(self.engine) as db:
            user = db.exec(select(UserAccount).where(
                UserAccount.username == normalise_username(username))).first()
            record = credentials_by_user(db).get(user.id) if user else None
        if user is None or record is None:
            return False
        try:
            fields = user_keys.record_credential(str(user.id), record.public_key,
                                                 record.wrapped_private_key, record.kdf)
            credential = user_keys.UserCredential.from_dict(str(user.id), fields)
            user_keys.open_private_key(credential, password)
        except (user_keys.BadCredential, WrongSecret):
            return False
        return True

    def confirm_password(self, password: str) -> None:
        """Unlocking an idle-locked window: the same check, counters and waits as logging in
        (RelaisError 'auth.wrong_credentials' or 'auth.locked'); audited either way."""
        try:
            self.vault.unwrap_user_key(self.user.username, password)
        except RelaisError:
            audit_failed_sign_ins(self.vault, self.engine)
            raise
        record_access_soon(self.engine, self._actor(), AuditAction.UNLOCK, "user_account",
                           self.user.id)

    def record_lock(self) -> None:
        """The window locked (idle or by hand): audited, never waiting for the lock."""
        record_access_soon(self.engine, self._actor(), AuditAction.LOCK, "user_account",
                           self.user.id)

    def close(self) -> None:
        """Writes what waited for the lock (the login's audit, if another process was
        writing then), waiting as long as any write; if the lock still does not come, the
        log says what was not recorded."""
        try:
            if has_deferred(self.engine):
                write_deferred(self.engine)
        except RelaisError:
            keep_for_next_session(self.vault, take_deferred(self.engine))
        finally:
            self.engine.dispose()


def refresh_name_index(engine: Engine) -> None:
    """Rebuild the search index once after an update changed its rules (user_version).
    Only a rebuild takes the write lock: a login while another process writes just reads."""
    with engine.connect() as connection:
        if connection.exec_driver_sql("PRAGMA user_version").scalar_one() == NAME_INDEX_VERSION:
            return
    with engine.begin() as connection:
        take_write_lock(connection)
        version = connection.exec_driver_sql("PRAGMA user_version").scalar_one()
        if version == NAME_INDEX_VERSION:  # another process rebuilt it meanwhile
            return
        written = rebuild_name_index(connection)
        connection.exec_driver_sql(f"PRAGMA user_version = {int(NAME_INDEX_VERSION)}")
    log.info("name index rebuilt (%d rows, rules version %d)", written, NAME_INDEX_VERSION)


def create_database(
    vault: Vault, data_key: bytes, organisation: NewOrganisation, username: str,
    display_name: str, language: str, password: str,
) -> WorkSession:
    engine = open_engine(vault.paths.database, data_key)
    try:
        upgrade_to_head(engine, vault.paths.database, vault.paths.backups)
        refresh_name_index(engine)
        with UnitOfWork(engine, SYSTEM) as uow:
            org = uow.add(
                Organisation(
                    name=organisation.name,
                    refnis=organisation.refnis,
                    document_language=organisation.document_language,
                )
            )
            admin = uow.add(
                UserAccount(
                    organisation_id=org.id,
                    username=username,
                    display_name=display_name or username,
                    role=Role.ADMINISTRATOR,
                    language=language,
                )
            )
            # The administrator's key pair from the start: the organisation may sync later.
            keep_credential(uow, admin.id, user_keys.record_fields(
                user_keys.new_credential(str(admin.id), password, vault.kdf)))
    except BaseException:
        engine.dispose()
        raise
    return WorkSession(vault, engine, data_key, admin, org)


def open_database(
    vault: Vault, data_key: bytes, username: str, allow_disabled: bool = False
) -> WorkSession:
    """Opens for ``username``. Needs the write lock only to migrate or rebuild the index: a
    login while another process imports reads and succeeds (its audit follows later)."""
    engine = open_engine(vault.paths.database, data_key)
    try:
        try:
            upgrade_to_head(engine, vault.paths.database, vault.paths.backups)
            refresh_name_index(engine)
        except OperationalError as error:
            raise busy_or(error) from error
        attach_outbox_if_enrolled(engine)  # an enrolled database records every change
        with Session(engine, expire_on_commit=False) as db:
            user = db.exec(select(UserAccount).where(UserAccount.username == username)).first()
            if user is None or (not user.active and not allow_disabled):
                raise RelaisError("auth.account_disabled")
            org = db.get(Organisation, user.organisation_id)
            assert org is not None
        session = WorkSession(vault, engine, data_key, user, org)
        audit_failed_sign_ins(vault, engine)  # the wrong passwords typed since the last session
        # the login is recorded even for a user who must first choose their password
        record_access_soon(engine, session._actor(), AuditAction.LOGIN, "user_account",
                           user.id)
        return session
    except BaseException:
        engine.dispose()
        raise
