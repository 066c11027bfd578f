"""The regional directory: the central's copy of each entry (regional_partner) and its
publication as a partner_service record into the stream of every organisation whose
municipality lies in the entry's scope, as a central-authored change: a new version and the
organisation's next sequence number, so desktops pull it like any other record. An organisation
added later gets the entries of its scopes when it is made (seed)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from central import models as m
from central.db import utcnow, write_connection
from central.publishing.read import Row, read_file
from figures.places import FEDERAL, in_scope, parse_scope

ENTITY = "partner_service"
REGIONAL = "regional"


class PublishError(Exception):
    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class Published:
    id: str
    scope: str
    version: int
    values: dict[str, Any]


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    organisations: int  # how many organisations' streams it was written into


def directory_scope(text: str) -> str:
    """A region or a province (a federal directory is no regional one)."""
    try:
        scope = parse_scope(text)
    except ValueError:
        raise PublishError("publish.bad_scope", scope=text[:60]) from None
    if scope == FEDERAL:
        raise PublishError("publish.bad_scope", scope=text[:60])
    return scope


class RegionalDirectory:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def import_file(self, path: Path, scope_text: str) -> ImportResult:
        """Every row of the file, or nothing (read_file refuses a file with a bad row)."""
        scope = directory_scope(scope_text)
        rows = read_file(path)
        added = changed = unchanged = 0
        touched: set[int] = set()
        with write_connection(self.engine) as connection:
            existing = {r.id: r for r in connection.execute(
                select(m.regional_partner).where(m.regional_partner.c.scope == scope))}
            by_name = {_name_key(r.values): r.id for r in existing.values()}
            for row in rows:
                entry_id = self._which(row, existing, by_name)
                values = {**row.values, "scope": REGIONAL, "owner": scope}
                if entry_id is None:
                    entry_id = str(uuid.uuid4())
                    connection.execute(insert(m.regional_partner).values(
                        id=entry_id, scope=scope, version=1, values=values,
                        updated_at=utcnow()))
                    by_name[_name_key(values)] = entry_id
                    added += 1
                    version = 1
                elif existing[entry_id].values == values:
                    unchanged += 1
                    continue
                else:
                    version = existing[entry_id].version + 1
                    connection.execute(update(m.regional_partner).where(
                        m.regional_partner.c.id == entry_id).values(
                        version=version, values=values, updated_at=utcnow()))
                    changed += 1
                touched |= publish(connection, Published(entry_id, scope, version, values))
            connection.commit()
        return ImportResult(added, changed, unchanged, len(touched))

    @staticmethod
    def _which(row: Row, existing: dict[str, Any], by_name: dict[str, str]) -> str | None:
        if row.entry_id:
            if row.entry_id not in existing:
                raise PublishError("publish.unknown_id", id=row.entry_id[:40],
                                   line=str(row.line))
            return row.entry_id
        return by_name.get(_name_key(row.values))

    def entries(self, scope_text: str | None = None) -> list[Published]:
        query = select(m.regional_partner).order_by(m.regional_partner.c.scope,
                                                    m.regional_partner.c.id)
        if scope_text:
            query = query.where(m.regional_partner.c.scope == directory_scope(scope_text))
        with self.engine.connect() as connection:
            return [Published(r.id, r.scope, r.version, dict(r.values))
                    for r in connection.execute(query)]

    def unlist(self, entry_id: str) -> Published:
        """No longer offered: a new version with listed false, everywhere (referrals on the
        desktops still name it, so it is not deleted)."""
        with write_connection(self.engine) as connection:
            row = connection.execute(select(m.regional_partner).where(
                m.regional_partner.c.id == entry_id.strip().lower()[:40])).first()
            if row is None:
                raise PublishError("publish.unknown_entry", id=entry_id[:40])
            if not row.values.get("listed", True):
                return Published(row.id, row.scope, row.version, dict(row.values))
            entry = Published(row.id, row.scope, row.version + 1,
                              {**row.values, "listed": False})
            connection.execute(update(m.regional_partner).where(
                m.regional_partner.c.id == row.id).values(
                version=entry.version, values=entry.values, updated_at=utcnow()))
            publish(connection, entry)
            connection.commit()
        return entry


def _name_key(values: dict[str, Any]) -> str:
    return " ".join(str(values.get("name", "")).casefold().split())


def publish(connection: Connection, entry: Published) -> set[int]:
    """Write the entry into the stream of every organisation of its scope; their ids."""
    touched: set[int] = set()
    # In id order: two publications lock the organisations' rows in the same order.
    for org in connection.execute(select(m.organisation.c.id, m.organisation.c.refnis)
                                  .order_by(m.organisation.c.id)):
        if in_scope(entry.scope, org.refnis):
            write_record(connection, org.id, entry)
            touched.add(org.id)
    return touched


def seed(connection: Connection, organisation_id: int, refnis: str) -> int:
    """A new organisation gets the regional entries of every scope it lies in."""
    count = 0
    for row in connection.execute(select(m.regional_partner).order_by(
            m.regional_partner.c.updated_at)).all():
        if in_scope(row.scope, refnis):
            write_record(connection, organisation_id,
                         Published(row.id, row.scope, row.version, dict(row.values)))
            count += 1
    return count


def write_record(connection: Connection, organisation_id: int, entry: Published) -> None:
    """The entry as the organisation's record, under its next sequence number (the row lock
    a push takes too: push.py draws numbers the same way)."""
    query = select(m.organisation.c.seq).where(m.organisation.c.id == organisation_id)
    if connection.dialect.name == "postgresql":
        query = query.with_for_update()
    seq = int(connection.execute(query).scalar_one()) + 1
    connection.execute(update(m.organisation).where(m.organisation.c.id == organisation_id)
                       .values(seq=seq))
    stored = {"version": entry.version, "deleted": False, "values": entry.values,
              "stamps": {}, "seq": seq, "updated_by": None,
              "updated_at": datetime.now(UTC).isoformat(), "written_at": utcnow()}
    key = ((m.record.c.organisation_id == organisation_id) & (m.record.c.entity == ENTITY)
           & (m.record.c.id == entry.id))
    if connection.execute(select(m.record.c.version).where(key)).first() is None:
        connection.execute(insert(m.record).values(
            organisation_id=organisation_id, entity=ENTITY, id=entry.id, **stored))
    else:
        connection.execute(update(m.record).where(key).values(**stored))
