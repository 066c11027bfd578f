"""User accounts: listed and managed by administrators, passwords changed by their owner.

Passwords never reach the database: ``credentials`` (the unlocked session) wraps the data key
with them. Disabling a user also removes their wrapped key, so a disabled account cannot
unlock the database even with an old copy of the application.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from typing import Any, Protocol

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from desktop.core.enums import Role
from desktop.core.errors import RelaisError, ValidationError
from desktop.core.i18n import LANGUAGES, SOURCE_LANGUAGE
from desktop.core.models import Organisation, UserAccount, UserCredential
from desktop.core.organisation import official_language
from desktop.core.passwords import check_password, check_username
from desktop.core.reference import ReferenceData
from desktop.core.roles import Actor, Permission
from desktop.core.text import clean_text
from desktop.core.uow import UnitOfWork


class Credentials(Protocol):
    def set_password(self, username: str, password: str) -> None: ...
    def credential_fields(self, user_id: uuid.UUID, password: str) -> dict[str, Any]: ...
    def revoke(self, username: str) -> None: ...
    # Wraps a database transaction: its keys.json changes are undone if it fails.
    def key_changes(self) -> AbstractContextManager[None]: ...
    def holds_password(self, username: str, password: str) -> bool: ...


class UserService:
    def __init__(self, engine: Engine, actor: Actor, credentials: Credentials,
                 reference: ReferenceData) -> None:
        self.engine = engine
        self.actor = actor
        self.credentials = credentials
        self.reference = reference

    def list_users(self) -> list[UserAccount]:
        self.actor.require(Permission.MANAGE_USERS)
        with Session(self.engine) as db:
            return list(db.exec(select(UserAccount).order_by(UserAccount.username)))

    def get(self, user_id: uuid.UUID) -> UserAccount:
        with Session(self.engine) as db:
            user = db.get(UserAccount, user_id)
        if user is None:
            raise RelaisError("user.not_found")
        return user

    def default_language(self, interface_language: str = "") -> str:
        """The language a new user starts in: the organisation's official language where it
        has one (fr, nl or de); in a bilingual municipality (Brussels), the language the
        administrator works in (``interface_language``, else their saved one)."""
        with Session(self.engine) as db:
            organisation = (db.get(Organisation, self.actor.organisation_id)
                            if self.actor.organisation_id else
                            db.exec(select(Organisation)).first())
            admin = db.get(UserAccount, self.actor.user_id) if self.actor.user_id else None
        if organisation is None:
            return interface_language if interface_language in LANGUAGES else SOURCE_LANGUAGE
        official = official_language(self.reference.municipality(organisation.refnis))
        candidates = (official, interface_language, admin.language if admin else None,
                      organisation.document_language)
        return next((code for code in candidates if code in LANGUAGES), SOURCE_LANGUAGE)

    def add_user(
        self, username: str, role: Role, password: str, display_name: str = "", language: str = ""
    ) -> UserAccount:
        """``language``: the new user's interface language; none given, default_language()."""
        self.actor.require(Permission.MANAGE_USERS)
        name = check_username(username)
        if language:
            check_language(language)
        check_password(password, name)
        with Session(self.engine) as db:
            if db.exec(select(UserAccount).where(UserAccount.username == name)).first():
                raise ValidationError("user.exists", field="username", username=name)
        with self.credentials.key_changes(), UnitOfWork(self.engine, self.actor) as uow:
            user = uow.add(
                UserAccount(
                    organisation_id=self.actor.organisation_id,
                    username=name,
                    display_name=clean_text(display_name).strip() or name,
                    role=Role(role),
                    language=language or self.default_language(),
                    # The administrator chose this password: the user replaces it first thing.
                    must_change_password=True,
                )
            )
            # Inside the transaction: if the key file cannot be written, no account appears;
            # if the commit fails, key_changes takes the key back.
            self.credentials.set_password(name, password)
            keep_credential(uow, user.id, self.credentials.credential_fields(user.id, password))
        return user

    def reset_password(self, user_id: uuid.UUID, temporary_password: str) -> None:
        self.actor.require(Permission.MANAGE_USERS)
        with self.credentials.key_changes(), UnitOfWork(self.engine, self.actor) as uow:
            user = uow.session.get(UserAccount, user_id)
            if user is None:
                raise RelaisError("user.not_found")
            check_password(temporary_password, user.username)
            uow.update(user, must_change_password=True)
            self.credentials.set_password(user.username, temporary_password)
            keep_credential(uow, user.id,
                            self.credentials.credential_fields(user.id, temporary_password))

    def change_own_password(self, new_password: str) -> None:
        if self.actor.user_id is None:
            raise RelaisError("user.not_found")
        with self.credentials.key_changes(), UnitOfWork(self.engine, self.actor) as uow:
            user = uow.session.get(UserAccount, self.actor.user_id)
            if user is None:
                raise RelaisError("user.not_found")
            check_password(new_password, user.username)
            if self.credentials.holds_password(user.username, new_password):
                # Own means new: not the administrator's temporary one, not the one in use.
                raise ValidationError("password.same_as_temporary" if user.must_change_password
                                      else "password.same_as_current", field="password")
            uow.update(user, must_change_password=False)
            self.credentials.set_password(user.username, new_password)
            keep_credential(uow, user.id,
                            self.credentials.credential_fields(user.id, new_password))

    def set_active(self, user_id: uuid.UUID, active: bool) -> None:
        self.actor.require(Permission.MANAGE_USERS)
        if not active and user_id == self.actor.user_id:
            raise RelaisError("user.cannot_disable_self")
        with self.credentials.key_changes(), UnitOfWork(self.engine, self.actor) as uow:
            user = uow.session.get(UserAccount, user_id)
            if user is None:
                raise RelaisError("user.not_found")
            uow.update(user, active=active)
            if not active:
                self.credentials.revoke(user.username)
        # Re-enabling leaves the account without a key: the admin sets a new password.

    def set_role(self, user_id: uuid.UUID, role: Role) -> None:
        self.actor.require(Permission.MANAGE_USERS)
        if user_id == self.actor.user_id and role != Role.ADMINISTRATOR:
            raise RelaisError("user.cannot_demote_self")
        with UnitOfWork(self.engine, self.actor) as uow:
            user = uow.session.get(UserAccount, user_id)
            if user is None:
                raise RelaisError("user.not_found")
            uow.update(user, role=Role(role))

    def set_user_language(self, user_id: uuid.UUID, language: str) -> None:
        """An administrator sets the language a user's window opens in at their next login."""
        self.actor.require(Permission.MANAGE_USERS)
        check_language(language)
        with UnitOfWork(self.engine, self.actor) as uow:
            user = uow.session.get(UserAccount, user_id)
            if user is None:
                raise RelaisError("user.not_found")
            uow.update(user, language=language)

    def set_language(self, language: str) -> None:
        """The signed-in user's interface language, remembered for the next login."""
        if self.actor.user_id is None:
            return
        check_language(language)
        with UnitOfWork(self.engine, self.actor) as uow:
            user = uow.session.get(UserAccount, self.actor.user_id)
            if user is not None:
                uow.update(user, language=language)


def keep_credential(uow: UnitOfWork, user_id: uuid.UUID, fields: dict[str, Any]) -> None:
    """The user's one ``user_credential`` record (their key pair, which other desktops of
    the organisation seal their database key to) created or replaced in ``uow``."""
    current = uow.session.exec(select(UserCredential).where(
        UserCredential.user_id == user_id, UserCredential.deleted_at.is_(None))).first()  # type: ignore[union-attr]
    if current is None:
        uow.add(UserCredential(user_id=user_id, **fields))
    else:
        uow.update(current, **fields)


def check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError("user.language_unknown", field="language", language=language,
                              languages=", ".join(LANGUAGES))
