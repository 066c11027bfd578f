"""Key derivation and key wrapping.

The database is encrypted with a random 256-bit data key. The data key is never written in
clear: each user (and the recovery code) holds a copy wrapped with AES-256-GCM under a key
derived from their secret with Argon2id.
"""

from __future__ import annotations

import base64
import os
import secrets
from dataclasses import asdict, dataclass

DATA_KEY_BYTES = 32


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. 64 MiB x 3 passes takes about 0.2 s on an office PC."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, int]) -> KdfParams:
        return cls(**{k: int(v) for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass(frozen=True)
class WrappedKey:
    salt: bytes
    nonce: bytes
    ciphertext: bytes
    kdf: KdfParams

    def to_dict(self) -> dict[str, object]:
        return {
            "salt": _b64(self.salt),
            "nonce": _b64(self.nonce),
            "ciphertext": _b64(self.ciphertext),
            "kdf": self.kdf.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> WrappedKey:
        return cls(
            salt=_unb64(data["salt"]),
            nonce=_unb64(data["nonce"]),
            ciphertext=_unb64(data["ciphertext"]),
            kdf=KdfParams.from_dict(data["kdf"]),
        )


class WrongSecret(Exception):
    """The password or recovery code does not unwrap this key."""


def new_data_key() -> bytes:
    return secrets.token_bytes(DATA_KEY_BYTES)


def derive_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw  # loaded on first use: fast startup

    return hash_secret_raw(
        secret=secret.encode("utf-8"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def wrap(data_key: bytes, secret: str, context: str, params: KdfParams) -> WrappedKey:
    """Encrypt the data key under ``secret``; ``context`` binds it to one database and user."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = os.urandom(16)
    nonce = os.urandom(12)
    kek = derive_key(secret, salt, params)
    ciphertext = AESGCM(kek).encrypt(nonce, data_key, context.encode("utf-8"))
    return WrappedKey(salt=salt, nonce=nonce, ciphertext=ciphertext, kdf=params)


def unwrap(wrapped: WrappedKey, secret: str, context: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    kek = derive_key(secret, wrapped.salt, wrapped.kdf)
    try:
        return AESGCM(kek).decrypt(wrapped.nonce, wrapped.ciphertext, context.encode("utf-8"))
    except InvalidTag as exc:
        raise WrongSecret from exc


# Recovery codes: 160 random bits in Crockford-like groups, easy to copy by hand.
_RECOVERY_GROUPS = 8


def new_recovery_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(20)).decode("ascii")  # 32 characters
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def normalise_recovery_code(typed: str) -> str:
    """Accept what a person types from paper: any case, spaces, dashes, 0/1/8 for O/I/B."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))
