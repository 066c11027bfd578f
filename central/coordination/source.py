"""The central's records as the figures read them: one JSON ``values`` per record, so a field
is a JSON text extraction (json_extract on SQLite, ->> on PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.sql import Subquery

from central import models as m


class CentralSource:
    def __init__(self, organisation_ids: Sequence[int]) -> None:
        self.organisation_ids = list(organisation_ids)

    def rows(self, entity: str, fields: Sequence[str], flags: Sequence[str] = ()) -> Subquery:
        r = m.record.alias()
        values = r.c["values"]
        columns = [r.c.organisation_id.label("org"), r.c.id.label("id")]
        columns += [(r.c.updated_at if name == "updated_at" else values[name].as_string())
                    .label(name) for name in fields]
        columns += [values[name].as_boolean().label(name) for name in flags]
        return (select(*columns)
                .where(r.c.organisation_id.in_(self.organisation_ids), r.c.entity == entity,
                       r.c.deleted.is_(False))
                .subquery())
