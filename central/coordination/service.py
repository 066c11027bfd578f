"""The figures a coordinator (or the operator) may have: per organisation within a scope,
computed from synced records or taken from an imported file, always suppressed. Nothing
here returns a record, a name of a person or an identifier: only the figures document."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from central import models as m
from central.coordination.stored import StoredFigures
from central.db import utcnow, write_connection
from figures import schema as s
from figures.document import (
    DocumentError,
    document,
    key_bytes,
    new_key,
    read_signed,
)
from figures.places import FEDERAL, in_scope, narrower_or_equal, parse_scope


class FiguresError(Exception):
    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def check_month(month: str) -> str:
    try:
        s.month_bounds(month)
    except ValueError:
        raise FiguresError("figures.bad_month", month=month[:20]) from None
    return month


def allowed_scope(own: str, asked: str | None) -> str:
    """The scope to compute: the account's own, or a part of it; never wider."""
    if asked is None:
        return own
    try:
        scope = parse_scope(asked)
    except ValueError:
        raise FiguresError("figures.bad_scope", scope=asked[:60]) from None
    if not narrower_or_equal(scope, own):
        raise FiguresError("figures.outside_scope", scope=scope)
    return scope


class FiguresService:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.stored = StoredFigures(engine)

    def figures(self, month: str, scope: str = FEDERAL) -> dict[str, Any]:
        check_month(month)
        with self.engine.connect() as connection:
            orgs = [row for row in connection.execute(select(
                m.organisation.c.id, m.organisation.c.refnis, m.organisation.c.name,
                m.organisation.c.seq, m.organisation.c.record_id))
                if in_scope(scope, row.refnis)]
            files = {row.organisation_id: row.block for row in connection.execute(
                select(m.figures_file.c.organisation_id, m.figures_file.c.block).where(
                    m.figures_file.c.month == month,
                    m.figures_file.c.organisation_id.in_([o.id for o in orgs])))}
        synced = [o for o in orgs if o.record_id is not None and o.id not in files]
        # Stored per organisation at its current seq, counted here when missing or stale.
        stored = self.stored.blocks(synced, month)
        blocks = [{**stored[o.id], "refnis": o.refnis, "name": o.name} for o in synced]
        for org in orgs:
            if org.id in files:
                # The name and code are the central's, whatever the file said.
                blocks.append({**files[org.id], "refnis": org.refnis, "name": org.name,
                               "origin": "file"})
        return document(month, "central", blocks, scope)

    def figures_key(self, refnis: str) -> str:
        """A new signing key for an organisation's figures files (replaces the old one)."""
        key = new_key()
        with write_connection(self.engine) as connection:
            done = connection.execute(update(m.organisation).where(
                m.organisation.c.refnis == refnis).values(figures_key=key))
            if done.rowcount != 1:
                raise FiguresError("figures.unknown_organisation", refnis=refnis[:10])
            connection.commit()
        return key

    def import_file(self, raw: bytes, scope: str = FEDERAL) -> tuple[str, str]:
        """Store a signed figures file; (refnis, month) it was for."""
        with write_connection(self.engine) as connection:
            keys = {row.refnis: (row.id, row.figures_key) for row in connection.execute(
                select(m.organisation.c.id, m.organisation.c.refnis,
                       m.organisation.c.figures_key))}

            def key_for(refnis: str) -> bytes | None:
                found = keys.get(refnis)
                return key_bytes(found[1]) if found and found[1] else None

            try:
                doc = read_signed(raw, key_for)
            except DocumentError as error:
                raise FiguresError(f"figures.file_{error.code}") from None
            block, month = doc["organisations"][0], doc["month"]
            refnis = block["refnis"]
            if not in_scope(scope, refnis):
                raise FiguresError("figures.outside_scope", scope=scope)
            org_id = keys[refnis][0]
            values = {"block": block, "made_at": str(doc.get("made_at", ""))[:40],
                      "imported_at": utcnow()}
            found = connection.execute(select(m.figures_file.c.month).where(
                m.figures_file.c.organisation_id == org_id,
                m.figures_file.c.month == month)).first()
            if found:
                connection.execute(update(m.figures_file).where(
                    m.figures_file.c.organisation_id == org_id,
                    m.figures_file.c.month == month).values(**values))
            else:
                connection.execute(insert(m.figures_file).values(
                    organisation_id=org_id, month=month, **values))
            connection.commit()
        return refnis, month
