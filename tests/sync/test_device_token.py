"""The device token lives in the OS keychain, one entry per data folder, and nowhere else."""

from __future__ import annotations

import logging

import pytest
from keyring.backends import fail

from desktop.core.i18n import LANGUAGES, Translator
from desktop.paths import DataPaths
from desktop.sync.device_token import DeviceToken
from desktop.sync.errors import SyncError
from tests.store.test_secrets import MemoryKeyring

TOKEN = "device-token-7c1e-secret"


class LockedKeyring(MemoryKeyring):
    """A keychain that exists but refuses (locked, access denied), quoting what it got."""

    def set_password(self, service, username, password):
        raise RuntimeError(f"locked, could not store {password}")

    def get_password(self, service, username):
        raise RuntimeError("locked")


def test_the_token_goes_to_the_keychain_of_its_own_data_folder(tmp_path):
    keychain = MemoryKeyring()
    office = DeviceToken(DataPaths.portable(tmp_path / "office"), keychain)
    portable = DeviceToken(DataPaths.portable(tmp_path / "usb"), keychain)

    office.save(TOKEN)

    assert office.require() == TOKEN
    assert portable.load() is None
    assert [service for service, _ in keychain.items] == [office.service]
    assert str(tmp_path / "office") in office.service


def test_the_default_keychain_is_the_one_keyring_provides(paths):
    # conftest installs an in-memory keychain: the real one is never touched by tests
    DeviceToken(paths).save(TOKEN)
    assert DeviceToken(paths).require() == TOKEN


def test_the_token_is_written_to_no_file_and_no_log(paths, caplog):
    caplog.set_level(logging.DEBUG)
    paths.root.mkdir(parents=True)
    token = DeviceToken(paths, MemoryKeyring())
    token.save(TOKEN)
    with pytest.raises(SyncError):
        DeviceToken(paths, LockedKeyring()).save(TOKEN)

    written = [p.read_bytes() for p in paths.root.rglob("*") if p.is_file()]
    assert not any(TOKEN.encode() in data for data in written)
    assert TOKEN not in caplog.text + repr(token)


def test_forgetting_removes_it(paths):
    token = DeviceToken(paths, MemoryKeyring())
    token.save(TOKEN)
    token.forget()
    token.forget()  # twice is fine
    with pytest.raises(SyncError) as raised:
        token.require()
    assert raised.value.code == "not_enrolled"


@pytest.mark.parametrize("keychain", [fail.Keyring(), LockedKeyring()])
def test_without_a_usable_keychain_the_person_is_told_why(paths, keychain):
    token = DeviceToken(paths, keychain)
    for call in (lambda: token.save(TOKEN), token.load, token.require):
        with pytest.raises(SyncError) as raised:
            call()
        assert raised.value.code == "no_keyring"
    for lang in LANGUAGES:
        assert "Relais" in raised.value.message(Translator(lang))
