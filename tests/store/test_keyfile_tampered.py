"""A keys.json of the wrong shape or with odd key-derivation values is refused with a message
naming the file, before any value reaches Argon2 (issue 9, item 13): no traceback, no
gigabytes of memory, no login that never ends."""

import json

import pytest

from desktop.core.errors import RelaisError
from desktop.core.i18n import Translator
from tests.conftest import ADMIN_PASSWORD


def _admin_kdf(data):
    return data["users"]["admin"]["kdf"]


TAMPERINGS = {
    "a list": lambda data: [data],
    "users as a list": lambda data: {**data, "users": [data["users"]]},
    "a wrapped key as text": lambda data: {**data, "users": {"admin": "x"}},
    # beyond Argon2's own limit, so that without the check these fail fast, never hang
    "4 TiB of memory": lambda data: _admin_kdf(data).update(memory_kib=2**32),
    "8 KiB of memory": lambda data: _admin_kdf(data).update(memory_kib=8),
    "4 billion passes": lambda data: _admin_kdf(data).update(time_cost=2**32),
    "no lanes": lambda data: _admin_kdf(data).update(parallelism=0),
    "a cost as text": lambda data: _admin_kdf(data).update(time_cost="3"),
    "a cost as a boolean": lambda data: _admin_kdf(data).update(parallelism=True),
    "no kdf": lambda data: data["users"]["admin"].pop("kdf"),
    "an empty salt": lambda data: data["users"]["admin"].update(salt=""),
    "a short nonce": lambda data: data["users"]["admin"].update(nonce="AAAA"),
    "a key not in base64": lambda data: data["users"]["admin"].update(ciphertext="%%%"),
    "a recovery of the wrong shape": lambda data: data.update(recovery=[1, 2]),
    "a database id that is no id": lambda data: data.update(database_id="not-a-uuid"),
    "a format as text": lambda data: data.update(format="1"),
    "a wait of infinity": lambda data: data.update(
        failures={"admin": {"count": 3, "locked_until": float("inf")}}),
    "a negative count": lambda data: data.update(
        failures={"admin": {"count": -1, "locked_until": 0}}),
}


@pytest.mark.parametrize("tampering", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_a_tampered_key_file_is_refused_naming_the_file(vault, created, tampering):
    created[0].close()
    path = vault.paths.keystore
    data = json.loads(path.read_text())
    changed = tampering(data)
    path.write_text(json.dumps(changed if isinstance(changed, dict | list) else data))
    for attempt in (lambda: vault.login("admin", ADMIN_PASSWORD),
                    lambda: vault.lockout_remaining("admin")):
        with pytest.raises(RelaisError) as refused:
            attempt()
        assert refused.value.key == "store.keystore_invalid"
        message = refused.value.message(Translator("en"))
        assert str(path) in message and "Restore it from a backup" in message


def test_what_relais_writes_is_accepted_again(vault, created):
    created[0].close()
    with pytest.raises(RelaisError):
        vault.login("admin", "a wrong password 1")  # writes a failure counter
    vault.login("admin", ADMIN_PASSWORD).close()


def test_a_key_file_without_its_recovery_key_says_so_at_recovery(vault, created):
    session, code = created
    session.close()
    data = json.loads(vault.paths.keystore.read_text())
    vault.paths.keystore.write_text(json.dumps({**data, "recovery": None}))
    with pytest.raises(RelaisError) as refused:
        vault.recover(code, "admin", "a brand new secret 9")
    assert refused.value.key == "store.keystore_invalid"
