"""The overview's true counts (persons, households, files active, opened and closed) of every
organisation for several months at once: two plain queries bring each file's dates and each
(person, file) pair once, and the months are counted here with the same rules as
compute.py (active in a month: opened on or before its last day, not closed before its
first). Joining a table of months in SQL instead was slower on PostgreSQL than one query per
month (bench/figures_central.py). tests/figures/test_series.py checks each month against
compute()'s overview table."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from figures import schema as s
from figures.compute import Key
from figures.source import Source

MonthCounts = dict[str, dict[Key, dict[str, int]]]  # month -> organisation -> row -> count


def _active(opened: str | None, closed: str | None, first: str, last: str) -> bool:
    return opened is not None and opened <= last and (closed is None or closed >= first)


def overviews(connection: Connection, source: Source, months: list[str]) -> MonthCounts:
    bounds = [(m, *(d.isoformat() for d in s.month_bounds(m))) for m in months]
    counts: MonthCounts = {m: defaultdict(lambda: defaultdict(int)) for m in months}
    households: dict[tuple[str, Key], set[str]] = defaultdict(set)
    case_file = source.rows("case_file", ("household_id", "status", "opened_on",
                                          "closed_on"))
    cf = case_file.c
    for org, household, status, opened, closed in connection.execute(
            select(cf.org, cf.household_id, cf.status, cf.opened_on, cf.closed_on)):
        for month, first, last in bounds:
            if not _active(opened, closed, first, last):
                continue
            row = counts[month][org]
            row["files_active"] += 1
            households[(month, org)].add(household)
            row["files_opened"] += first <= opened <= last
            row["files_closed"] += (status == "closed" and closed is not None
                                    and first <= closed <= last)
    person, member = source.rows("person", ()), source.rows("household_member",
                                                            ("household_id", "person_id"))
    p, hm = person.c, member.c
    persons: dict[tuple[str, Key], set[str]] = defaultdict(set)
    for org, person_id, opened, closed in connection.execute(
            select(hm.org, hm.person_id, cf.opened_on, cf.closed_on)
            .select_from(member.join(case_file, and_(cf.org == hm.org,
                                                      cf.household_id == hm.household_id))
                         .join(person, and_(p.org == hm.org, p.id == hm.person_id)))):
        for month, first, last in bounds:
            if _active(opened, closed, first, last):
                persons[(month, org)].add(person_id)
    for (month, org), found in households.items():
        counts[month][org]["households"] = len(found)
    for (month, org), found in persons.items():
        counts[month][org]["persons"] = len(found)
    return {m: {org: dict(row) for org, row in by_org.items()} for m, by_org in counts.items()}
