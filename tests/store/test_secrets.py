import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from desktop.core.errors import RelaisError
from desktop.store.secrets import SecretStore


class MemoryKeyring(KeyringBackend):
    """A test keychain: real keyring API, kept in memory."""

    priority = 1
    name = "memory"

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def set_password(self, service, username, password):
        self.items[(service, username)] = password

    def get_password(self, service, username):
        return self.items.get((service, username))

    def delete_password(self, service, username):
        self.items.pop((service, username), None)


def test_secrets_go_to_the_keychain_per_installation():
    keychain = MemoryKeyring()
    first, second = SecretStore("db-1", keychain), SecretStore("db-2", keychain)
    first.set("sync_token", "token-1")
    assert first.available
    assert first.get("sync_token") == "token-1"
    assert second.get("sync_token") is None
    first.delete("sync_token")
    assert first.get("sync_token") is None


def test_without_a_usable_keychain_nothing_is_stored_and_the_user_is_told():
    store = SecretStore("db-1", fail.Keyring())
    assert not store.available
    assert store.get("sync_token") is None
    with pytest.raises(RelaisError) as failure:
        store.set("sync_token", "token-1")
    assert failure.value.key == "secrets.unavailable"
