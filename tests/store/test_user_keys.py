"""Users across desktops: a user's key pair, its private key wrapped by their password, and
database keys sealed to the public key. Wrong passwords, other users, other purposes and
altered bytes all fail the same way (WrongSecret)."""

from __future__ import annotations

import base64
import json
import uuid

import pytest

from desktop.store import user_keys
from desktop.store.crypto import WrongSecret, new_data_key
from desktop.store.user_keys import BadCredential, SealedKey, UserCredential
from tests.conftest import FAST_KDF

ANNA = str(uuid.UUID(int=1))
BORIS = str(uuid.UUID(int=2))
PASSWORD = "staple of the office 7"
PURPOSE = "database:0b6f5d1e-2c3a-4c1b-9a55-7f3c2d1e0a99"


@pytest.fixture(scope="module")
def anna() -> UserCredential:
    return user_keys.new_credential(ANNA, PASSWORD, FAST_KDF)


def flip(data: str, at: int = 0) -> str:
    raw = bytearray(base64.b64decode(data))
    raw[at] ^= 0x01
    return base64.b64encode(bytes(raw)).decode()


def through_json(credential: UserCredential) -> UserCredential:
    return UserCredential.from_dict(credential.user_id, json.loads(
        json.dumps(credential.to_dict())))


def test_a_key_sealed_on_one_desktop_opens_on_another_with_the_users_password(anna):
    database_key = new_data_key()
    sealed = user_keys.seal(database_key, anna.public_key, ANNA, PURPOSE)
    # what the other desktop has: the synced credential and the sealed key, as JSON
    received = through_json(anna)
    stored = SealedKey.from_dict(json.loads(json.dumps(sealed.to_dict())))

    private = user_keys.open_private_key(received, PASSWORD)

    assert user_keys.open_sealed(stored, private, ANNA, PURPOSE) == database_key


def test_a_wrong_password_is_a_wrong_secret(anna):
    with pytest.raises(WrongSecret):
        user_keys.open_private_key(anna, "staple of the office 8")


def test_the_private_key_never_travels_in_clear(anna):
    private = user_keys.open_private_key(anna, PASSWORD)
    raw = private.private_bytes_raw()
    text = json.dumps(anna.to_dict())
    assert base64.b64encode(raw).decode() not in text and raw.hex() not in text


@pytest.mark.parametrize("field", ["ciphertext", "nonce", "salt"])
def test_an_altered_wrapped_private_key_does_not_open(anna, field):
    data = anna.to_dict()
    data["wrapped_private_key"][field] = flip(data["wrapped_private_key"][field], at=5)
    with pytest.raises(WrongSecret):
        user_keys.open_private_key(UserCredential.from_dict(ANNA, data), PASSWORD)


def test_a_public_key_swapped_for_another_does_not_open(anna):
    """Someone who replaces Anna's public key by one of their own (so that desktops seal
    their keys to it) breaks her credential instead of quietly taking it over."""
    boris = user_keys.new_credential(BORIS, PASSWORD, FAST_KDF)
    data = anna.to_dict()
    data["public_key"] = boris.to_dict()["public_key"]
    with pytest.raises(WrongSecret):
        user_keys.open_private_key(UserCredential.from_dict(ANNA, data), PASSWORD)


def test_a_credential_moved_to_another_user_does_not_open(anna):
    with pytest.raises(WrongSecret):
        user_keys.open_private_key(UserCredential.from_dict(BORIS, anna.to_dict()), PASSWORD)


def test_a_sealed_key_opens_only_for_its_user_and_its_purpose(anna):
    boris = user_keys.new_credential(BORIS, PASSWORD, FAST_KDF)
    sealed = user_keys.seal(new_data_key(), anna.public_key, ANNA, PURPOSE)
    anna_private = user_keys.open_private_key(anna, PASSWORD)
    boris_private = user_keys.open_private_key(boris, PASSWORD)

    for private, user, purpose in [(boris_private, ANNA, PURPOSE),
                                   (anna_private, BORIS, PURPOSE),
                                   (anna_private, ANNA, "database:another-one"),
                                   (anna_private, ANNA, "recovery")]:
        with pytest.raises(WrongSecret):
            user_keys.open_sealed(sealed, private, user, purpose)


def test_a_user_id_is_one_uuid_however_it_is_spelled(anna):
    database_key = new_data_key()
    sealed = user_keys.seal(database_key, anna.public_key, uuid.UUID(ANNA).hex, PURPOSE)
    private = user_keys.open_private_key(anna, PASSWORD)
    assert user_keys.open_sealed(sealed, private, ANNA.upper(), PURPOSE) == database_key
    with pytest.raises(ValueError):
        user_keys.seal(database_key, anna.public_key, "anna/database:x", PURPOSE)


@pytest.mark.parametrize(("field", "at"), [("ciphertext", 0), ("ciphertext", 40),
                                           ("nonce", 3), ("ephemeral_public_key", 7)])
def test_an_altered_sealed_key_does_not_open(anna, field, at):
    sealed = user_keys.seal(new_data_key(), anna.public_key, ANNA, PURPOSE).to_dict()
    sealed[field] = flip(sealed[field], at)
    private = user_keys.open_private_key(anna, PASSWORD)
    with pytest.raises(WrongSecret):
        user_keys.open_sealed(SealedKey.from_dict(sealed), private, ANNA, PURPOSE)


def test_a_low_order_ephemeral_key_does_not_open(anna):
    """An all-zero point makes every shared secret zero: refused, not a crash."""
    sealed = user_keys.seal(new_data_key(), anna.public_key, ANNA, PURPOSE).to_dict()
    sealed["ephemeral_public_key"] = base64.b64encode(bytes(32)).decode()
    private = user_keys.open_private_key(anna, PASSWORD)
    with pytest.raises(WrongSecret):
        user_keys.open_sealed(SealedKey.from_dict(sealed), private, ANNA, PURPOSE)


def test_each_seal_is_fresh(anna):
    database_key = new_data_key()
    first = user_keys.seal(database_key, anna.public_key, ANNA, PURPOSE)
    second = user_keys.seal(database_key, anna.public_key, ANNA, PURPOSE)
    assert first.ephemeral_public_key != second.ephemeral_public_key
    assert first.ciphertext != second.ciphertext


def test_only_a_database_key_is_sealed(anna):
    with pytest.raises(ValueError):
        user_keys.seal(b"short", anna.public_key, ANNA, PURPOSE)


def test_a_new_password_keeps_the_keys_sealed_to_the_user(anna):
    database_key = new_data_key()
    sealed = user_keys.seal(database_key, anna.public_key, ANNA, PURPOSE)

    changed = user_keys.change_password(anna, PASSWORD, "a new long password", FAST_KDF)

    assert changed.public_key == anna.public_key
    private = user_keys.open_private_key(changed, "a new long password")
    assert user_keys.open_sealed(sealed, private, ANNA, PURPOSE) == database_key
    with pytest.raises(WrongSecret):
        user_keys.open_private_key(changed, PASSWORD)


def test_a_reset_makes_a_new_pair_that_old_sealed_keys_do_not_open_for(anna):
    sealed = user_keys.seal(new_data_key(), anna.public_key, ANNA, PURPOSE)
    reset = user_keys.new_credential(ANNA, "temporary 4471", FAST_KDF)
    private = user_keys.open_private_key(reset, "temporary 4471")
    with pytest.raises(WrongSecret):
        user_keys.open_sealed(sealed, private, ANNA, PURPOSE)


@pytest.mark.parametrize(("change", "where"), [
    (lambda d: d.pop("public_key"), "public_key"),
    (lambda d: d.update(public_key=base64.b64encode(bytes(31)).decode()), "public_key"),
    (lambda d: d.update(public_key="not base64!"), "public_key"),
    (lambda d: d["wrapped_private_key"]["kdf"].update(memory_kib=64 * 1024 * 1024),
     "wrapped_private_key.kdf.memory_kib"),
    (lambda d: d["wrapped_private_key"]["kdf"].update(time_cost=10_000),
     "wrapped_private_key.kdf.time_cost"),
    (lambda d: d.update(wrapped_private_key=[]), "wrapped_private_key"),
])
def test_a_credential_from_the_network_is_checked_before_any_key_derivation(anna, change,
                                                                            where):
    """A credential record comes from other devices: an Argon2 cost chosen there must not
    exhaust this computer's memory or hang its login."""
    data = json.loads(json.dumps(anna.to_dict()))
    change(data)
    with pytest.raises(BadCredential) as raised:
        UserCredential.from_dict(ANNA, data)
    assert raised.value.where == where


def test_a_sealed_key_of_the_wrong_shape_is_refused():
    with pytest.raises(BadCredential):
        SealedKey.from_dict({"ephemeral_public_key": "", "nonce": "", "ciphertext": ""})
    with pytest.raises(BadCredential):
        SealedKey.from_dict("sealed")
