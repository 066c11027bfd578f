"""What the operator does from the command line: organisations, enrolment codes, devices,
the tombstone purge. The CLI calls these; nothing here prints."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine

from central import models as m
from central.auth import code_digest, new_code
from central.db import utcnow, write_connection
from central.protocol import SCOPE_FULL, SCOPE_VOLUNTEER
from central.publishing.service import seed


class AdminError(Exception):
    """A refusal the CLI shows as is (the operator's words, not the desktop's codes)."""


@dataclass(frozen=True)
class DeviceRow:
    id: str
    refnis: str
    name: str
    scope: str
    series: str
    created_at: str
    revoked: bool


def add_organisation(engine: Engine, refnis: str, name: str) -> int:
    if not (len(refnis) == 5 and refnis.isdigit()):
        raise AdminError("a REFNIS code is five digits")
    if not name.strip() or len(name) > 200:
        raise AdminError("the organisation needs a name (at most 200 characters)")
    with write_connection(engine) as connection:
        exists = connection.execute(select(m.organisation.c.id).where(
            m.organisation.c.refnis == refnis)).first()
        if exists:
            raise AdminError(f"organisation {refnis} already exists")
        new_id = connection.execute(insert(m.organisation).values(
            refnis=refnis, name=name.strip(), seq=0, horizon=0, next_series=0,
            created_at=utcnow())).inserted_primary_key[0]
        # Its stream starts with the regional directories it lies in.
        seed(connection, int(new_id), refnis)
        connection.commit()
    return int(new_id)


def organisation_id(connection, refnis: str) -> int:  # type: ignore[no-untyped-def]
    row = connection.execute(select(m.organisation.c.id).where(
        m.organisation.c.refnis == refnis)).first()
    if row is None:
        raise AdminError(f"no organisation {refnis}")
    return int(row.id)


def issue_code(engine: Engine, refnis: str, volunteer: bool = False, hours: float = 24) -> str:
    if hours <= 0:
        raise AdminError("--hours must be positive")
    code = new_code()
    now = utcnow()
    with write_connection(engine) as connection:
        org = organisation_id(connection, refnis)
        connection.execute(insert(m.enrol_code).values(
            code_hash=code_digest(code), organisation_id=org,
            scope=SCOPE_VOLUNTEER if volunteer else SCOPE_FULL,
            created_at=now, expires_at=now + timedelta(hours=hours)))
        connection.commit()
    return code


def list_devices(engine: Engine, refnis: str | None = None) -> list[DeviceRow]:
    query = (select(m.device, m.organisation.c.refnis)
             .join(m.organisation, m.organisation.c.id == m.device.c.organisation_id)
             .order_by(m.organisation.c.refnis, m.device.c.created_at))
    with engine.connect() as connection:
        if refnis is not None:
            query = query.where(m.device.c.organisation_id == organisation_id(connection,
                                                                             refnis))
        return [DeviceRow(id=r.id, refnis=r.refnis, name=r.name, scope=r.scope,
                          series=r.series, created_at=r.created_at.isoformat(" ", "seconds"),
                          revoked=r.revoked_at is not None)
                for r in connection.execute(query)]


def revoke_device(engine: Engine, device_id: str) -> None:
    with write_connection(engine) as connection:
        done = connection.execute(update(m.device).where(m.device.c.id == device_id.lower())
                                  .values(revoked_at=func.coalesce(m.device.c.revoked_at,
                                                                   utcnow())))
        if done.rowcount != 1:
            raise AdminError(f"no device {device_id}")
        connection.commit()


def purge_tombstones(engine: Engine, older_than_days: int) -> int:
    """Delete tombstones written more than N days ago and raise each organisation's horizon
    to the highest purged sequence number: a cursor below it can no longer see every
    deletion, so it gets 410 and the desktop downloads again."""
    if older_than_days < 0:
        raise AdminError("--older-than-days must not be negative")
    cutoff = utcnow() - timedelta(days=older_than_days)
    purged = 0
    with write_connection(engine) as connection:
        old = (m.record.c.deleted.is_(True)) & (m.record.c.written_at < cutoff)
        horizons = connection.execute(
            select(m.record.c.organisation_id, func.max(m.record.c.seq), func.count())
            .where(old).group_by(m.record.c.organisation_id)).all()
        for org, horizon, count in horizons:
            connection.execute(update(m.organisation).where(m.organisation.c.id == org).values(
                horizon=func.max(m.organisation.c.horizon, horizon)
                if connection.dialect.name == "sqlite"
                else func.greatest(m.organisation.c.horizon, horizon)))
            purged += count
        connection.execute(delete(m.record).where(old))
        connection.commit()
    return purged
