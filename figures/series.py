"""The overview's true counts (persons, households, files active, opened and closed) of every
organisation for several months in two queries, not two per month: the months are a small
table joined on the same "active in the month" condition as compute.py, so each count equals
that month's overview table (tests/figures/test_series.py)."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, case, func, literal, or_, select, union_all
from sqlalchemy.engine import Connection

from figures import schema as s
from figures.compute import Key
from figures.source import Source

MonthCounts = dict[str, dict[Key, dict[str, int]]]  # month -> organisation -> row -> count


def overviews(connection: Connection, source: Source, months: list[str]) -> MonthCounts:
    out: MonthCounts = {month: defaultdict(dict) for month in months}
    if not months:
        return out
    rows = [select(literal(month).label("month"), literal(first.isoformat()).label("first"),
                   literal(last.isoformat()).label("last"))
            for month, (first, last) in ((m, s.month_bounds(m)) for m in months)]
    table = (rows[0] if len(rows) == 1 else union_all(*rows)).subquery()
    mo = table.c
    case_file = source.rows("case_file", ("household_id", "status", "opened_on",
                                          "closed_on"))
    cf = case_file.c
    active = and_(cf.opened_on <= mo.last, or_(cf.closed_on.is_(None), cf.closed_on >= mo.first))
    opened = case((cf.opened_on.between(mo.first, mo.last), 1), else_=0)
    closed = case((and_(cf.status == "closed", cf.closed_on.between(mo.first, mo.last)), 1),
                  else_=0)
    for org, month, files, households, opened_count, closed_count in connection.execute(
            select(cf.org, mo.month, func.count(), func.count(func.distinct(cf.household_id)),
                   func.sum(opened), func.sum(closed))
            .select_from(case_file.join(table, active))
            .group_by(cf.org, mo.month)):
        out[month][org].update(files_active=files, households=households,
                               files_opened=int(opened_count or 0),
                               files_closed=int(closed_count or 0))
    person = source.rows("person", ())
    member = source.rows("household_member", ("household_id", "person_id"))
    p, hm = person.c, member.c
    for org, month, persons in connection.execute(
            select(hm.org, mo.month, func.count(func.distinct(hm.person_id)))
            .select_from(member.join(case_file, and_(cf.org == hm.org,
                                                      cf.household_id == hm.household_id))
                         .join(person, and_(p.org == hm.org, p.id == hm.person_id))
                         .join(table, active))
            .group_by(hm.org, mo.month)):
        out[month][org]["persons"] = persons
    return out
