"""GET /api/v1/sync/pull: the organisation's records whose latest write is above a cursor."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine

from central import models as m
from central.auth import Device
from central.db import write_connection
from central.errors import ApiError
from central.protocol import CURSOR_EXPIRED, MAX_PULL_LIMIT, PROTOCOL, SCOPE_VOLUNTEER
from central.scope import strip_restricted


def begin_download(engine: Engine, device: Device) -> None:
    """A pull from cursor 0 is a whole download: every record still there comes down, so the
    tombstones purged before it are not missed. Remembering the horizon it began under lets
    its later pages (cursors below the horizon too) through."""
    with write_connection(engine) as connection:
        connection.execute(update(m.device).where(m.device.c.id == device.id).values(
            download_horizon=select(m.organisation.c.horizon).where(
                m.organisation.c.id == device.organisation_id).scalar_subquery()))
        connection.commit()


def pull(connection: Connection, device: Device, cursor: int, limit: int) -> dict[str, Any]:
    # Writers commit in sequence order (push.py), so every row at or below the highest
    # committed seq is visible here: a page never skips one that commits later.
    limit = min(limit, MAX_PULL_LIMIT)
    horizon = connection.execute(select(m.organisation.c.horizon).where(
        m.organisation.c.id == device.organisation_id)).scalar_one()
    if 0 < cursor < horizon and device.download_horizon < horizon:
        raise ApiError(410, CURSOR_EXPIRED, "tombstones below this cursor were purged")
    rows = connection.execute(
        select(m.record.c.entity, m.record.c.id, m.record.c.version, m.record.c.deleted,
               m.record.c["values"], m.record.c.seq, m.record.c.updated_by,
               m.record.c.updated_at)
        .where(m.record.c.organisation_id == device.organisation_id, m.record.c.seq > cursor)
        .order_by(m.record.c.seq).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    volunteer = device.scope == SCOPE_VOLUNTEER
    records = [{"entity": r.entity, "id": r.id, "version": r.version, "deleted": r.deleted,
                "values": strip_restricted(r.entity, r.values) if volunteer else r.values,
                "seq": r.seq, "updated_by": r.updated_by, "updated_at": r.updated_at}
               for r in rows]
    return {"protocol": PROTOCOL, "records": records,
            "cursor": rows[-1].seq if rows else cursor, "more": more}
