"""Create, open and unlock the encrypted database of one installation.

The vault owns the two files in the data folder: ``relais.db`` (SQLCipher) and ``keys.json``
(the data key wrapped per user and by the recovery code, plus failed-login counters).
"""

from __future__ import annotations

import errno
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.core.errors import RelaisError
from desktop.core.passwords import check_password, check_username, normalise_username
from desktop.paths import DataPaths
from desktop.store import crypto
from desktop.store.crypto import WrappedKey
from desktop.store.keystore import UNKNOWN_USER, FailedLogins, Keystore, Unaudited, updating

if TYPE_CHECKING:
    from desktop.store.database import WorkSession

# The login screen needs only this module and keys.json. SQLAlchemy, the models and the
# migrations load when a database is actually opened (desktop.store.database), so the first
# window appears fast; app.py preloads them while the password is typed.

# Full disk: ENOSPC everywhere (Windows' ERROR_DISK_FULL included), or a quota exceeded.
DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}

FREE_ATTEMPTS = 3
FIRST_WAIT_SECONDS = 30.0
MAX_WAIT_SECONDS = 300.0


@dataclass(frozen=True)
class NewOrganisation:
    name: str
    refnis: str
    document_language: str


class Vault:
    def __init__(
        self,
        paths: DataPaths,
        kdf: crypto.KdfParams | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.paths = paths
        self.kdf = kdf or crypto.KdfParams()
        self.clock = clock

    # -- state ------------------------------------------------------------------------------

    def is_initialised(self) -> bool:
        return self.paths.keystore.exists() or self.paths.database.exists()

    def _keystore(self) -> Keystore:
        if not self.paths.keystore.exists():
            if self.paths.database.exists():
                raise RelaisError("store.keystore_missing", path=str(self.paths.keystore))
            raise RelaisError("store.not_initialised", path=str(self.paths.root))
        if not self.paths.database.exists():
            raise RelaisError("store.database_missing", path=str(self.paths.database))
        return Keystore.load(self.paths.keystore)

    def _save(self, keystore: Keystore) -> None:
        try:
            keystore.save(self.paths.keystore)
        except OSError as exc:
            raise RelaisError("store.cannot_write", path=str(self.paths.root)) from exc

    def _context(self, keystore: Keystore, username: str) -> str:
        return f"relais:{keystore.database_id}:{username}"

    # -- creation ---------------------------------------------------------------------------

    def create(
        self,
        organisation: NewOrganisation,
        admin_username: str,
        admin_password: str,
        admin_display_name: str = "",
        *,
        language: str,
    ) -> tuple[WorkSession, str]:
        """Make a new encrypted database with its first administrator, who reads
        ``language`` (required: the caller knows it, nothing here guesses).
        Returns the open session and the recovery code (to show once)."""
        if self.is_initialised():
            raise RelaisError("store.already_initialised", path=str(self.paths.root))
        username = check_username(admin_username)
        check_password(admin_password, username)
        from desktop.core.users import check_language  # loaded here: the login stays light

        check_language(language)
        try:
            self.paths.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RelaisError("store.cannot_write", path=str(self.paths.root)) from exc
        from desktop.core.ids import uuid7
        from desktop.store.database import create_database

        data_key = crypto.new_data_key()
        recovery_code = crypto.new_recovery_code()
        keystore = Keystore(database_id=str(uuid7()))
        try:
            session = create_database(
                self, data_key, organisation, username, admin_display_name, language,
                admin_password,
            )
            keystore.users[username] = crypto.wrap(
                data_key, admin_password, self._context(keystore, username), self.kdf
            )
            keystore.recovery = crypto.wrap(
                data_key, recovery_code, self._context(keystore, "*recovery*"), self.kdf
            )
            self._save(keystore)
        except Exception as exc:
            # Never leave a database nobody can open.
            if "session" in locals():
                session.close()
            for leftover in (self.paths.database, self.paths.keystore):
                leftover.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.paths.database}{suffix}").unlink(missing_ok=True)
            if isinstance(exc, RelaisError):
                raise
            if isinstance(exc, OSError):
                raise RelaisError("store.cannot_write", path=str(self.paths.root)) from exc
            raise
        return session, recovery_code

    # -- unlocking --------------------------------------------------------------------------

    def lockout_remaining(self, username: str) -> float:
        keystore = self._keystore()
        failed = keystore.failures.get(normalise_username(username))
        if failed is None:
            return 0.0
        return max(0.0, failed.locked_until - self.clock())

    def unwrap_user_key(self, username: str, password: str) -> bytes:
        """The data key, or RelaisError('auth.wrong_credentials' / 'auth.locked'), or a
        refusal to check at all where a wrong password could not be counted."""
        username = normalise_username(username)
        known = self._keystore()
        if username not in known.users and username not in known.sealed:
            self._note_unknown_user()
            raise RelaisError("auth.wrong_credentials")  # nothing to guess, nothing to count
        keystore, attempt = self._count_attempt(username)
        try:
            data_key = self._data_key(keystore, username, password)
        except crypto.WrongSecret:
            raise RelaisError("auth.wrong_credentials") from None
        with self._update() as current:
            current.failures.pop(username, None)
            current.take_back(username, attempt)
        return data_key

    def _note_unknown_user(self) -> None:
        """A sign-in with a user name nobody has, for the audit, without the name (it may be
        a password typed in the wrong field). Best effort: nothing is refused for it."""
        try:
            with self._update() as current:
                current.note(Unaudited(UNKNOWN_USER, self.clock()))
        except RelaisError:
            pass

    def unaudited_events(self) -> list[Unaudited]:
        """Failed sign-ins (and accesses of a session that could not write them) not yet
        in the audit trail (login_audit.py)."""
        return list(self._keystore().unaudited)

    def note_unaudited(self, events: list[Unaudited]) -> None:
        with self._update() as current:
            for event in events:
                current.note(event)

    def forget_unaudited(self, written: list[Unaudited]) -> None:
        """Those now in the audit trail leave keys.json (attempts since then stay)."""
        with self._update() as current:
            done = set(written)
            current.unaudited = [entry for entry in current.unaudited if entry not in done]
            current.unaudited_dropped = 0

    def _data_key(self, keystore: Keystore, username: str, password: str) -> bytes:
        """Through the key wrapped by this desktop, else through the user's key pair (a
        password set on another desktop of the organisation); WrongSecret otherwise."""
        wrapped = keystore.users.get(username)
        if wrapped is not None:
            try:
                return crypto.unwrap(wrapped, password, self._context(keystore, username))
            except crypto.WrongSecret:
                if username not in keystore.sealed:
                    raise
        entry = keystore.sealed.get(username)
        if entry is None:  # removed by another process meanwhile
            raise crypto.WrongSecret
        from desktop.store import user_keys

        try:
            user_id = str(entry["user_id"])
            credential = user_keys.UserCredential.from_dict(user_id, entry["credential"])
            private = user_keys.open_private_key(credential, password)
            sealed = user_keys.SealedKey.from_dict(entry["sealed"])
            return user_keys.open_sealed(sealed, private, user_id,
                                         database_purpose(keystore.database_id))
        except user_keys.BadCredential:
            raise crypto.WrongSecret from None

    def _count_attempt(self, username: str) -> tuple[Keystore, float]:
        """Count the attempt as failed before its password is checked, under the file lock:
        parallel attempts are each counted, and the lockout applies to the next one at once.
        The right password then clears the count. Refused (nothing checked) when the count
        cannot be written: otherwise a read-only or full data folder allows endless tries."""
        try:
            with updating(self.paths.keystore) as keystore:
                failed = keystore.failures.get(username, FailedLogins())
                remaining = failed.locked_until - self.clock()
                if remaining > 0:
                    raise RelaisError("auth.locked", n=int(remaining) + 1)
                failed.count += 1
                attempt = self.clock()
                keystore.note_attempt(username, attempt)
                if failed.count >= FREE_ATTEMPTS:
                    wait = FIRST_WAIT_SECONDS * 2 ** min(failed.count - FREE_ATTEMPTS, 16)
                    failed.locked_until = self.clock() + min(wait, MAX_WAIT_SECONDS)
                keystore.failures[username] = failed
        except OSError as exc:
            if _disk_full(exc):
                raise RelaisError("auth.not_checked_disk_full") from exc
            raise RelaisError("auth.not_checked_read_only", path=str(self.paths.root)) from exc
        return keystore, attempt

    @contextmanager
    def _update(self) -> Iterator[Keystore]:
        """keys.json to change in the block, under its lock (keystore.updating)."""
        self._keystore()  # a missing or foreign file is named before anything is locked
        try:
            with updating(self.paths.keystore) as keystore:
                yield keystore
        except OSError as exc:
            if _disk_full(exc):
                raise RelaisError("store.disk_full") from exc
            raise RelaisError("store.cannot_write", path=str(self.paths.root)) from exc

    def login(self, username: str, password: str) -> WorkSession:
        data_key = self.unwrap_user_key(username, password)
        session = self._open(data_key, normalise_username(username))
        from desktop.store.sealed_keys import ensure_credential

        try:
            # On an enrolled desktop, a user without a key pair gets one from this password.
            ensure_credential(session, password)
        except BaseException:
            session.close()
            raise
        return session

    def recover(self, recovery_code: str, username: str, new_password: str) -> WorkSession:
        """Lost password: the recovery code unwraps the data key and sets a new password
        (the person's own: no change is asked at the next login)."""
        username = normalise_username(username)
        keystore = self._keystore()
        if keystore.recovery is None:  # removed by hand: say which file, no traceback
            raise RelaisError("store.keystore_invalid", path=str(self.paths.keystore),
                              detail="recovery")
        code = crypto.normalise_recovery_code(recovery_code)
        try:
            data_key = crypto.unwrap(
                keystore.recovery, code, self._context(keystore, "*recovery*")
            )
        except crypto.WrongSecret:
            raise RelaisError("auth.wrong_recovery_code") from None
        check_password(new_password, username)
        session = self._open(data_key, username, allow_disabled=False)
        try:
            # The same change as choosing one's own password: the rules, not the temporary
            # or current password again, the temporary flag cleared with the new key (and
            # the failed-login counter with it), so no later sign-in asks once more; key,
            # cleared counters and the database flag together, or none of them.
            session.change_own_password(new_password)
        except BaseException:
            session.close()
            raise
        return session

    def _open(self, data_key: bytes, username: str, allow_disabled: bool = False) -> WorkSession:
        from desktop.store.database import open_database

        return open_database(self, data_key, username, allow_disabled)

    # -- key file maintenance (called through WorkSession) ----------------------------------

    def store_user_key(self, username: str, password: str,
                       data_key: bytes) -> WrappedKey | None:
        """Wrap the data key with ``password``; returns the key it replaces, for
        ``restore_user_key`` when the transaction it belongs to fails."""
        # wrapped before the lock: Argon2 takes a while, other processes need not wait for it
        wrapped = crypto.wrap(data_key, password, self._context(self._keystore(), username),
                              self.kdf)
        with self._update() as keystore:
            previous = keystore.users.get(username)
            keystore.users[username] = wrapped
            keystore.failures.pop(username, None)
        return previous

    def remove_user_key(self, username: str) -> WrappedKey | None:
        """Every way in for ``username`` here: the local wrap, and the key sealed to their
        key pair (sealed again by the next sync, should the change not commit)."""
        with self._update() as keystore:
            keystore.sealed.pop(username, None)
            return keystore.users.pop(username, None)

    def restore_user_key(self, username: str, previous: WrappedKey | None) -> None:
        """Put back what store/remove_user_key changed for ``username``, and only that:
        whatever other processes changed meanwhile (their counters, their users) stays."""
        with self._update() as keystore:
            if previous is None:
                keystore.users.pop(username, None)
            else:
                keystore.users[username] = previous

    def holds_password(self, username: str, password: str) -> bool:
        """Whether this is the password the user's key is wrapped with now. A comparison the
        signed-in user asks for (a new password must differ), so no failure is counted."""
        username = normalise_username(username)
        keystore = Keystore.load(self.paths.keystore)
        wrapped = keystore.users.get(username)
        if wrapped is None:
            return False
        try:
            crypto.unwrap(wrapped, password, self._context(keystore, username))
        except crypto.WrongSecret:
            return False
        return True

    def has_user_key(self, username: str) -> bool:
        keystore = Keystore.load(self.paths.keystore)
        username = normalise_username(username)
        return username in keystore.users or username in keystore.sealed

    def database_id(self) -> uuid.UUID:
        return uuid.UUID(self._keystore().database_id)


def database_purpose(database_id: str) -> str:
    """What a database key sealed to a user is for: this database, no other."""
    return f"database:{database_id}"


def _disk_full(error: OSError) -> bool:
    return error.errno in DISK_FULL
