"""Device tokens and one-time enrolment codes. Only their SHA-256 is stored: a copy of the
database lets nobody act as a device or enrol one."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Connection

from central import models as m
from central.errors import ApiError
from central.protocol import DEVICE_REVOKED, UNAUTHORISED

# Crockford's base32: no I, L, O, U, so a code read aloud or typed is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS, CODE_GROUP_LEN = 3, 4  # 12 characters of 5 bits: 60 bits


@dataclass(frozen=True)
class Device:
    id: str
    organisation_id: int
    scope: str
    download_horizon: int = 0


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_code() -> str:
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUPS * CODE_GROUP_LEN))
    return "-".join(chars[i:i + CODE_GROUP_LEN] for i in range(0, len(chars), CODE_GROUP_LEN))


def normalise_code(code: str) -> str:
    """What a person may type: any case, with or without hyphens or spaces; O/I/L read as
    0/1/1 as Crockford intends."""
    cleaned = "".join(code.upper().split()).replace("-", "")
    return cleaned.translate(str.maketrans("OIL", "011"))


def code_digest(code: str) -> str:
    return digest(normalise_code(code))


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def authenticate(connection: Connection, authorization: str | None) -> Device:
    token = bearer_token(authorization)
    if token is None:
        raise ApiError(401, UNAUTHORISED, "missing bearer token")
    row = connection.execute(
        select(m.device.c.id, m.device.c.organisation_id, m.device.c.scope,
               m.device.c.revoked_at, m.device.c.download_horizon)
        .where(m.device.c.token_hash == digest(token))).first()
    if row is None:
        raise ApiError(401, UNAUTHORISED, "unknown token")
    if row.revoked_at is not None:
        raise ApiError(401, DEVICE_REVOKED, "device revoked")
    return Device(id=row.id, organisation_id=row.organisation_id, scope=row.scope,
                  download_horizon=row.download_horizon)
