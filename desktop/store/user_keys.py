"""Users across desktops (docs/sync-protocol.md "Users across desktops", docs/security.md).

Each user has an X25519 key pair. The private key travels only wrapped by
Argon2id(password) + AES-GCM (crypto.wrap), inside the ``user_credential`` record with the
public key. A desktop seals its own database key to each active user's public key, so that
user can open the database there, offline, with their own password, although the password
was typed on another desktop:

    open_private_key(credential, password) -> private key
    open_sealed(sealed, private key, user id, purpose) -> database key

Sealing is an ephemeral X25519 exchange, HKDF-SHA256 and AES-GCM. A context string names the
user and the purpose, so a sealed key copied to another user or another use does not open.
"""

from __future__ import annotations

import base64
import os
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.store import crypto, keyfile_values
from desktop.store.crypto import DATA_KEY_BYTES, KdfParams, WrappedKey, WrongSecret

KEY_BYTES = 32  # X25519 public and private keys alike
_RAW = serialization.Encoding.Raw


class BadCredential(ValueError):
    """A credential or sealed key that Relais never writes (wrong shape, size, or cost);
    ``where`` names the value."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


@dataclass(frozen=True)
class UserCredential:
    """What every desktop of the organisation holds for one user (a synced record)."""

    user_id: str
    public_key: bytes
    wrapped_private_key: WrappedKey

    def to_dict(self) -> dict[str, Any]:
        return {"public_key": _b64(self.public_key),
                "wrapped_private_key": self.wrapped_private_key.to_dict()}

    @classmethod
    def from_dict(cls, user_id: str, data: Any) -> UserCredential:
        """Checked value by value: the record comes from the network, and an Argon2 cost
        chosen by someone else could hang a login (keys.json's bounds apply)."""
        try:
            data = keyfile_values.mapping(data, "credential")
            return cls(
                user_id=user_id,
                public_key=keyfile_values.blob(data.get("public_key"), "public_key",
                                               (KEY_BYTES, KEY_BYTES)),
                wrapped_private_key=keyfile_values.wrapped_key(
                    data.get("wrapped_private_key"), "wrapped_private_key"),
            )
        except keyfile_values.BadValue as exc:
            raise BadCredential(exc.where) from None


@dataclass(frozen=True)
class SealedKey:
    """A database key sealed to one user's public key."""

    ephemeral_public_key: bytes
    nonce: bytes
    ciphertext: bytes

    def to_dict(self) -> dict[str, str]:
        return {"ephemeral_public_key": _b64(self.ephemeral_public_key),
                "nonce": _b64(self.nonce), "ciphertext": _b64(self.ciphertext)}

    @classmethod
    def from_dict(cls, data: Any) -> SealedKey:
        try:
            data = keyfile_values.mapping(data, "sealed")
            return cls(
                ephemeral_public_key=keyfile_values.blob(
                    data.get("ephemeral_public_key"), "ephemeral_public_key",
                    (KEY_BYTES, KEY_BYTES)),
                nonce=keyfile_values.blob(data.get("nonce"), "nonce", (12, 12)),
                ciphertext=keyfile_values.blob(data.get("ciphertext"), "ciphertext",
                                               (DATA_KEY_BYTES + 16, DATA_KEY_BYTES + 16)),
            )
        except keyfile_values.BadValue as exc:
            raise BadCredential(exc.where) from None


# -- the user's key pair --------------------------------------------------------------------

def new_credential(user_id: str, password: str, kdf: KdfParams) -> UserCredential:
    """A new key pair for ``user_id``, its private key wrapped under ``password`` (at
    creation, and at a reset with a temporary password: the old pair is then dropped)."""
    private = X25519PrivateKey.generate()
    return _wrapped(user_id, private, password, kdf)


def open_private_key(credential: UserCredential, password: str) -> X25519PrivateKey:
    """The user's private key; WrongSecret for a wrong password or an altered credential
    (AES-GCM cannot tell the two apart, and neither may a login screen)."""
    raw = crypto.unwrap(credential.wrapped_private_key, password,
                        _private_context(credential.user_id, credential.public_key))
    private = X25519PrivateKey.from_private_bytes(raw)
    # The public key is bound into the wrap's context: this holds unless the wrap and the
    # public key were replaced together, which only someone knowing a password can do.
    if _public_bytes(private.public_key()) != credential.public_key:
        raise WrongSecret
    return private


def change_password(credential: UserCredential, old: str, new: str,
                    kdf: KdfParams) -> UserCredential:
    """The same key pair under a new password: keys sealed to the user stay valid."""
    return _wrapped(credential.user_id, open_private_key(credential, old), new, kdf)


def _wrapped(user_id: str, private: X25519PrivateKey, password: str,
             kdf: KdfParams) -> UserCredential:
    public = _public_bytes(private.public_key())
    raw = private.private_bytes(_RAW, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    wrapped = crypto.wrap(raw, password, _private_context(user_id, public), kdf)
    return UserCredential(user_id=user_id, public_key=public, wrapped_private_key=wrapped)


# -- keys sealed to a user ------------------------------------------------------------------

def seal(key: bytes, public_key: bytes, user_id: str, purpose: str) -> SealedKey:
    """``key`` (a 32-byte database key) readable only with the private key of
    ``public_key``, for ``user_id`` and ``purpose`` (e.g. "database:<database id>")."""
    if len(key) != DATA_KEY_BYTES:
        raise ValueError("a sealed key is 32 bytes")
    recipient = X25519PublicKey.from_public_bytes(public_key)
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = _public_bytes(ephemeral.public_key())
    context = _sealed_context(user_id, purpose)
    wrapping = _sealing_key(ephemeral.exchange(recipient), ephemeral_public, public_key,
                            context)
    nonce = os.urandom(12)
    return SealedKey(ephemeral_public_key=ephemeral_public, nonce=nonce,
                     ciphertext=AESGCM(wrapping).encrypt(nonce, key, context))


def open_sealed(sealed: SealedKey, private_key: X25519PrivateKey, user_id: str,
                purpose: str) -> bytes:
    """The sealed key; WrongSecret for another user's private key, another user id or
    purpose, or any altered byte."""
    public = _public_bytes(private_key.public_key())
    context = _sealed_context(user_id, purpose)
    try:
        shared = private_key.exchange(
            X25519PublicKey.from_public_bytes(sealed.ephemeral_public_key))
        wrapping = _sealing_key(shared, sealed.ephemeral_public_key, public, context)
        return AESGCM(wrapping).decrypt(sealed.nonce, sealed.ciphertext, context)
    except (InvalidTag, ValueError):  # ValueError: a low-order ephemeral key (all-zero secret)
        raise WrongSecret from None


def _sealing_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes,
                 context: bytes) -> bytes:
    # Both public keys in the salt: the key belongs to this exchange between these two keys.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_public + recipient_public,
                info=context).derive(shared)


def _private_context(user_id: str, public_key: bytes) -> str:
    return f"relais/v1/user-private-key/{_user(user_id)}/{_b64(public_key)}"


def _sealed_context(user_id: str, purpose: str) -> bytes:
    return f"relais/v1/sealed-key/{_user(user_id)}/{purpose}".encode()


def _user(user_id: str) -> str:
    # One spelling of a UUID (hex or hyphenated): the context must not depend on it, and a
    # user id cannot smuggle a "/" into the purpose.
    return str(uuid.UUID(user_id))


def _public_bytes(public: X25519PublicKey) -> bytes:
    return public.public_bytes(_RAW, serialization.PublicFormat.Raw)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# -- the synced record ------------------------------------------------------------------------

def record_fields(credential: UserCredential) -> dict[str, Any]:
    """The ``user_credential`` record's columns: the public key, the wrapped private key's
    ciphertext, and in ``kdf`` its salt, nonce and Argon2 costs."""
    wrapped = credential.to_dict()["wrapped_private_key"]
    assert isinstance(wrapped, dict)
    return {"public_key": _b64(credential.public_key),
            "wrapped_private_key": wrapped["ciphertext"],
            "kdf": {"salt": wrapped["salt"], "nonce": wrapped["nonce"], "kdf": wrapped["kdf"]}}


def record_credential(user_id: str, public_key: str, wrapped_private_key: str,
                      kdf: Any) -> dict[str, Any]:
    """The record's columns back in the form ``UserCredential.from_dict`` checks."""
    kdf = kdf if isinstance(kdf, dict) else {}
    return {"public_key": public_key,
            "wrapped_private_key": {"salt": kdf.get("salt"), "nonce": kdf.get("nonce"),
                                    "ciphertext": wrapped_private_key,
                                    "kdf": kdf.get("kdf")}}
