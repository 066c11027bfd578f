"""POST /api/v1/enrol: a one-time code becomes a device of an organisation."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from central import models as m
from central.auth import code_digest, digest, new_token
from central.db import utcnow
from central.errors import ApiError
from central.protocol import (
    CODE_INVALID,
    MALFORMED,
    ORGANISATION_ALREADY_REGISTERED,
    ORGANISATION_NOT_REGISTERED,
    SCOPE_FULL,
    VOLUNTEER_CODE,
    WRONG_ORGANISATION,
)

SERIES_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def series_name(number: int) -> str:
    """The file-number series of the number-th device: 0 -> "" (the registering desktop),
    then B … Z, BA, BB …: the number in base 26 with A as zero, so no series repeats."""
    if number == 0:
        return ""
    letters = ""
    while number:
        number, digit = divmod(number, 26)
        letters = SERIES_LETTERS[digit] + letters
    return letters


def for_update(query, connection: Connection):  # type: ignore[no-untyped-def]
    # PostgreSQL locks the row; SQLite's BEGIN IMMEDIATE already serialises writers.
    return query.with_for_update() if connection.dialect.name == "postgresql" else query


def enrol(connection: Connection, code: str, mode: str, device_name: str,
          organisation: dict[str, Any] | None) -> dict[str, Any]:
    """Check the code and the mode's rule, make the device, use up the code; the caller
    commits. A 409 leaves the code usable (the desktop may retry with the other mode)."""
    now = utcnow()
    row = connection.execute(select(m.enrol_code).where(
        m.enrol_code.c.code_hash == code_digest(code))).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise ApiError(403, CODE_INVALID, "unknown, expired or used code")
    org = connection.execute(for_update(select(m.organisation).where(
        m.organisation.c.id == row.organisation_id), connection)).one()
    if mode == "enrol":
        if row.scope != SCOPE_FULL:
            raise ApiError(409, VOLUNTEER_CODE, "a volunteer's code cannot register")
        record_id = _enrolling_organisation(org, organisation)
        series = ""
        next_series = max(org.next_series, 1)
        connection.execute(update(m.organisation).where(m.organisation.c.id == org.id)
                           .values(record_id=record_id, next_series=next_series))
    else:
        if org.record_id is None:
            raise ApiError(409, ORGANISATION_NOT_REGISTERED, "no desktop has enrolled yet")
        record_id, number = org.record_id, max(org.next_series, 1)
        series = series_name(number)
        connection.execute(update(m.organisation).where(m.organisation.c.id == org.id)
                           .values(next_series=number + 1))
    used = connection.execute(update(m.enrol_code).where(
        m.enrol_code.c.code_hash == row.code_hash, m.enrol_code.c.used_at.is_(None))
        .values(used_at=now))
    if used.rowcount != 1:  # a concurrent enrolment used it first
        raise ApiError(403, CODE_INVALID, "unknown, expired or used code")
    token, device_id = new_token(), str(uuid.uuid4())
    connection.execute(insert(m.device).values(
        id=device_id, organisation_id=org.id, name=device_name[:200],
        token_hash=digest(token), scope=row.scope, series=series, created_at=now,
        download_horizon=0))
    return {"device_id": device_id, "token": token, "series": series, "scope": row.scope,
            "organisation": {"refnis": org.refnis, "name": org.name, "record_id": record_id}}


def _enrolling_organisation(org: Any, organisation: dict[str, Any] | None) -> str:
    if not isinstance(organisation, dict):
        raise ApiError(400, MALFORMED, "enrol needs the organisation")
    try:
        record_id = str(uuid.UUID(str(organisation.get("id"))))
    except ValueError:
        raise ApiError(400, MALFORMED, "organisation id is not a UUID") from None
    if str(organisation.get("refnis")) != org.refnis:
        raise ApiError(409, WRONG_ORGANISATION, "the code belongs to another organisation")
    if org.record_id is not None:
        raise ApiError(409, ORGANISATION_ALREADY_REGISTERED, "use join")
    return record_id
