"""Coordinator accounts: a name, a scope and a bearer token of which only the SHA-256 is
kept (as for devices). A coordinator token opens the figures and nothing else: the sync
endpoints look tokens up among devices only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from central import models as m
from central.auth import bearer_token, digest, new_token
from central.db import utcnow, write_connection
from central.errors import ApiError
from central.protocol import UNAUTHORISED
from figures.places import parse_scope

MAX_NAME = 100


class AccountError(Exception):
    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class Coordinator:
    id: int
    name: str
    scope: str


def add(engine: Engine, name: str, scope_text: str) -> str:
    """The new coordinator's token (shown once)."""
    name = name.strip()
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise AccountError("coordinator.bad_name", limit=str(MAX_NAME))
    try:
        scope = parse_scope(scope_text)
    except ValueError:
        raise AccountError("coordinator.bad_scope", scope=scope_text[:60]) from None
    token = new_token()
    with write_connection(engine) as connection:
        if connection.execute(select(m.coordinator.c.id).where(
                m.coordinator.c.name == name)).first():
            raise AccountError("coordinator.exists", name=name)
        connection.execute(insert(m.coordinator).values(
            name=name, scope=scope, token_hash=digest(token), created_at=utcnow()))
        connection.commit()
    return token


def listing(engine: Engine) -> list[tuple[str, str, bool]]:
    with engine.connect() as connection:
        return [(r.name, r.scope, r.revoked_at is not None) for r in connection.execute(
            select(m.coordinator).order_by(m.coordinator.c.name))]


def listing_scope(engine: Engine, name: str) -> str:
    with engine.connect() as connection:
        return str(connection.execute(select(m.coordinator.c.scope).where(
            m.coordinator.c.name == name.strip())).scalar_one())


def revoke(engine: Engine, name: str) -> None:
    with write_connection(engine) as connection:
        done = connection.execute(update(m.coordinator).where(
            m.coordinator.c.name == name.strip(), m.coordinator.c.revoked_at.is_(None))
            .values(revoked_at=utcnow()))
        if done.rowcount != 1:
            raise AccountError("coordinator.unknown", name=name.strip()[:MAX_NAME])
        connection.commit()


def authenticate(connection: Connection, authorization: str | None) -> Coordinator:
    token = bearer_token(authorization)
    if token is None:
        raise ApiError(401, UNAUTHORISED, "missing bearer token")
    row = connection.execute(select(m.coordinator).where(
        m.coordinator.c.token_hash == digest(token))).first()
    if row is None or row.revoked_at is not None:
        raise ApiError(401, UNAUTHORISED, "unknown token")
    return Coordinator(row.id, row.name, row.scope)


def signed_in(connection: Connection, coordinator_id: int) -> Coordinator | None:
    """The coordinator of a page session, None once revoked (checked at every page)."""
    row = connection.execute(select(m.coordinator).where(
        m.coordinator.c.id == coordinator_id)).first()
    if row is None or row.revoked_at is not None:
        return None
    return Coordinator(row.id, row.name, row.scope)


def by_token(connection: Connection, token: str) -> Coordinator | None:
    """The coordinator whose token this is (the page's login form), None if none."""
    try:
        return authenticate(connection, f"Bearer {token}")
    except ApiError:
        return None
