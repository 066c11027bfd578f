"""Shared fixtures: real SQLCipher files in temporary folders, fast key derivation, an
in-memory keyring, and Qt on the offscreen platform."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop.core.enums import Role
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.crypto import KdfParams
from desktop.store.database import WorkSession
from desktop.store.vault import NewOrganisation, Vault

# The real central server processes (tests/central/server.py), one set for the whole run,
# shared by tests/central and tests/sync.
pytest_plugins = ("tests.central.server",)

# Argon2id at a test cost: the real cost is measured in bench/, not paid in every test.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)  # keys.json minimum
ADMIN_PASSWORD = "correct horse battery"
USER_PASSWORD = "staple of the office 7"
TEMPORARY_PASSWORD = "given by the admin 3"  # an administrator's choice, replaced at once
LIEGE = NewOrganisation(name="CPAS de Liège", refnis="62063", document_language="fr")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test may touch the real user data, config or log folders."""
    home = tmp_path_factory.mktemp("home")
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    monkeypatch.setenv("HOME", str(home))


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def paths(tmp_path: Path) -> DataPaths:
    return DataPaths.portable(tmp_path / "data")


@pytest.fixture
def vault(paths: DataPaths, clock: Clock) -> Vault:
    return Vault(paths, kdf=FAST_KDF, clock=clock)


@pytest.fixture
def created(vault: Vault) -> Iterator[tuple[WorkSession, str]]:
    session, code = vault.create(LIEGE, "admin", ADMIN_PASSWORD, "Admin Liège", language="fr")
    yield session, code
    session.close()


@pytest.fixture
def session(created: tuple[WorkSession, str]) -> WorkSession:
    return created[0]


@pytest.fixture
def services(session: WorkSession) -> Services:
    return Services.for_session(session)


def login_as(vault: Vault, admin: Services, username: str, role: Role) -> Services:
    """A second user of the same installation, signed in with their own password."""
    admin.users.add_user(username, role, TEMPORARY_PASSWORD)
    session = vault.login(username, TEMPORARY_PASSWORD)
    session.change_own_password(USER_PASSWORD)  # the first thing any session of theirs asks
    return Services.for_session(session)


@pytest.fixture(autouse=True)
def _memory_keychain():
    """Tests never touch the machine's real keychain."""
    import keyring

    from tests.store.test_secrets import MemoryKeyring

    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)
