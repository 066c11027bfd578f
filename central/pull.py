"""GET /api/v1/sync/pull: the organisation's records whose latest write is above a cursor."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Text, cast, func, select, update
from sqlalchemy.engine import Connection, Engine

from central import models as m
from central.auth import Device
from central.db import write_connection
from central.errors import ApiError
from central.protocol import (
    CURSOR_EXPIRED,
    MAX_PULL_LIMIT,
    PROTOCOL,
    SCOPE_VOLUNTEER,
    VOLUNTEER_HIDDEN_ENTITIES,
)
from central.scope import strip_restricted

_dump = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def begin_download(engine: Engine, device: Device) -> None:
    """A pull from cursor 0 is a whole download: every record still there comes down, so the
    tombstones purged before it are not missed. Remembering the horizon it began under lets
    its later pages (cursors below the horizon too) through."""
    with write_connection(engine) as connection:
        connection.execute(update(m.device).where(m.device.c.id == device.id).values(
            download_horizon=select(m.organisation.c.horizon).where(
                m.organisation.c.id == device.organisation_id).scalar_subquery()))
        connection.commit()


def pull(connection: Connection, device: Device, cursor: int, limit: int,
         count: bool = False) -> tuple[bytes, int]:
    """The page as the JSON body it is sent as, and its number of records. Values are copied
    as the database holds them (no decoding and encoding again), except for a volunteer
    device, whose restricted fields are taken out. ``count``: say how many records the next
    pages hold (a count over everything after the page: asked once per pull, on its first
    page, never on every page, which would cost the square of a first download)."""
    # Writers commit in sequence order (push.py), so every row at or below the highest
    # committed seq is visible here: a page never skips one that commits later.
    limit = min(limit, MAX_PULL_LIMIT)
    horizon = connection.execute(select(m.organisation.c.horizon).where(
        m.organisation.c.id == device.organisation_id)).scalar_one()
    if 0 < cursor < horizon and device.download_horizon < horizon:
        raise ApiError(410, CURSOR_EXPIRED, "tombstones below this cursor were purged")
    rows = connection.execute(
        select(m.record.c.entity, m.record.c.id, m.record.c.version, m.record.c.deleted,
               cast(m.record.c["values"], Text), m.record.c.seq, m.record.c.updated_by,
               m.record.c.updated_at)
        .where(m.record.c.organisation_id == device.organisation_id, m.record.c.seq > cursor)
        .order_by(m.record.c.seq).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    volunteer = device.scope == SCOPE_VOLUNTEER
    records = ",".join(_record(row, volunteer) for row in rows
                       if not (volunteer and row.entity in VOLUNTEER_HIDDEN_ENTITIES))
    new_cursor = rows[-1].seq if rows else cursor
    head = _dump({"protocol": PROTOCOL, "cursor": new_cursor, "more": more,
                  **({"remaining": _remaining(connection, device, new_cursor) if more else 0}
                     if count else {})})
    return f'{head[:-1]},"records":[{records}]}}'.encode(), len(rows)


def _remaining(connection: Connection, device: Device, cursor: int) -> int:
    """The records the next pages hold (a desktop's progress bar on a first download);
    counted only when asked and more pages follow."""
    query = select(func.count()).select_from(m.record).where(
        m.record.c.organisation_id == device.organisation_id, m.record.c.seq > cursor)
    if device.scope == SCOPE_VOLUNTEER:
        query = query.where(m.record.c.entity.not_in(sorted(VOLUNTEER_HIDDEN_ENTITIES)))
    return int(connection.execute(query).scalar_one())


def _record(row: Any, volunteer: bool) -> str:
    entity, record_id, version, deleted, values, seq, updated_by, updated_at = row
    if volunteer:
        values = _dump(strip_restricted(entity, json.loads(values)))
    return (f'{{"entity":{_dump(entity)},"id":{_dump(record_id)},"version":{int(version)},'
            f'"deleted":{"true" if deleted else "false"},"values":{values},"seq":{int(seq)},'
            f'"updated_by":{_dump(updated_by)},"updated_at":{_dump(updated_at)}}}')
