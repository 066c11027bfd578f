"""Reading keys.json strictly: every value is checked for its type and a sane range before
any of it reaches Argon2 or AES-GCM. The file is public (it sits beside the database), so a
careless edit or a malicious copy must give a clear refusal naming the file, never a
traceback, and never a memory cost that exhausts the machine or an iteration count that
hangs the login."""

from __future__ import annotations

import base64
import binascii
import math
from typing import Any

from desktop.store.crypto import DATA_KEY_BYTES, KdfParams, WrappedKey

# What Relais itself writes is well inside these bounds (64 MiB, 3 passes, 2 lanes).
MEMORY_KIB = (8 * 1024, 1024 * 1024)  # 8 MiB to 1 GiB
TIME_COST = (1, 10)
PARALLELISM = (1, 16)
SALT_BYTES = (16, 64)
NONCE_BYTES = (12, 12)  # AES-GCM with the nonce length wrap() uses
CIPHERTEXT_BYTES = (DATA_KEY_BYTES + 16, DATA_KEY_BYTES + 16)  # the key and its tag
MAX_FAILURES = 1_000_000
MAX_LOCKED_UNTIL = 1e11  # seconds since 1970: year 5138, far beyond any real wait


class BadValue(ValueError):
    """A value of keys.json that Relais does not accept; ``where`` names it (users.anna.kdf)."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise BadValue(where)
    return value


def sequence(value: Any, where: str, most: int) -> list[Any]:
    if not isinstance(value, list) or len(value) > most:
        raise BadValue(where)
    return value


def bounded_text(value: Any, where: str, most: int) -> str:
    """A string, possibly empty, of at most ``most`` characters."""
    if not isinstance(value, str) or len(value) > most:
        raise BadValue(where)
    return value


def text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise BadValue(where)
    return value


def integer(value: Any, where: str, bounds: tuple[int, int]) -> int:
    # bool is an int in Python, never a count or a cost in our file
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadValue(where)
    if not bounds[0] <= value <= bounds[1]:
        raise BadValue(where)
    return value


def number(value: Any, where: str, bounds: tuple[float, float]) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadValue(where)
    if not math.isfinite(value) or not bounds[0] <= value <= bounds[1]:
        raise BadValue(where)
    return float(value)


def blob(value: Any, where: str, length: tuple[int, int]) -> bytes:
    if not isinstance(value, str) or len(value) > 4 * length[1]:
        raise BadValue(where)
    try:
        data = base64.b64decode(value.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error):
        raise BadValue(where) from None
    if not length[0] <= len(data) <= length[1]:
        raise BadValue(where)
    return data


def kdf_params(value: Any, where: str) -> KdfParams:
    data = mapping(value, where)
    return KdfParams(
        time_cost=integer(data.get("time_cost"), f"{where}.time_cost", TIME_COST),
        memory_kib=integer(data.get("memory_kib"), f"{where}.memory_kib", MEMORY_KIB),
        parallelism=integer(data.get("parallelism"), f"{where}.parallelism", PARALLELISM),
    )


def wrapped_key(value: Any, where: str) -> WrappedKey:
    data = mapping(value, where)
    return WrappedKey(
        salt=blob(data.get("salt"), f"{where}.salt", SALT_BYTES),
        nonce=blob(data.get("nonce"), f"{where}.nonce", NONCE_BYTES),
        ciphertext=blob(data.get("ciphertext"), f"{where}.ciphertext", CIPHERTEXT_BYTES),
        kdf=kdf_params(data.get("kdf"), f"{where}.kdf"),
    )
