"""The true counts of each organisation for one month, by SQL GROUP BY over a ``Source``
(SQLite on the desktop, SQLite or PostgreSQL on the central). Nothing here is suppressed:
document.py does that before anything leaves.

Definitions (docs/figures-schema.md): a file is active in the month when it was opened on or
before its last day and not closed before its first; persons are the live members of the
households of active files, counted once; ages are whole years on the month's last day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from statistics import median
from typing import Any

from sqlalchemy import Integer, and_, case, cast, func, literal, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement

from figures import schema as s
from figures.source import Source

Key = Any  # an organisation as the source names it


@dataclass
class Counts:
    """One organisation's true counts: ``tables[key] = (row labels, body)``, and for each
    referral kind the waits in days of referrals that reached an outcome in the month."""

    tables: dict[str, tuple[list[str], list[list[int]]]] = field(default_factory=dict)
    waits: dict[str, list[int]] = field(default_factory=dict)


def compute(connection: Connection, source: Source, month: str,
            organisations: list[Key]) -> dict[Key, Counts]:
    """Every organisation of ``organisations`` gets every table, zeros included."""
    first, last = s.month_bounds(month)
    q = _Queries(connection, source, first, last)
    counts: dict[Key, Counts] = {org: Counts() for org in organisations}
    overview = q.overview()
    for org in counts:
        counts[org].tables["overview"] = (
            list(s.OVERVIEW_ROWS), [[overview.get(org, {}).get(r, 0)] for r in s.OVERVIEW_ROWS])
    _two_way(counts, "persons_by_age_sex", list(s.AGE_ROWS), s.SEXES, q.age_sex())
    _one_way(counts, "files_by_household_type", s.HOUSEHOLD_TYPES, q.household_types())
    _one_way(counts, "persons_by_protection_stage", s.PROTECTION_STAGES, q.stages())
    _one_way(counts, "files_by_piis", s.PIIS_ROWS, q.piis())
    places = q.places()
    for org in counts:
        found = places.get(org, {})
        rows = sorted(found, key=lambda r: (r == s.UNKNOWN, r))
        counts[org].tables["by_municipality"] = (
            rows, [[found[r].get(c, 0) for c in s.PLACE_COLUMNS] for r in rows])
    _two_way(counts, "referrals_by_kind_outcome", list(s.REFERRAL_KINDS),
             s.REFERRAL_OUTCOMES, q.referrals())
    for (org, kind), days in q.waits().items():
        if org in counts:
            counts[org].waits[kind] = days
    return counts


def _one_way(counts: dict[Key, Counts], key: str, rows: tuple[str, ...],
             found: dict[Key, dict[str, int]]) -> None:
    for org, result in counts.items():
        by_row = found.get(org, {})
        result.tables[key] = (list(rows), [[by_row.get(r, 0)] for r in rows])


def _two_way(counts: dict[Key, Counts], key: str, rows: list[str], columns: tuple[str, ...],
             found: dict[Key, dict[tuple[str, str], int]]) -> None:
    for org, result in counts.items():
        cells = found.get(org, {})
        result.tables[key] = (rows, [[cells.get((r, c), 0) for c in columns] for r in rows])


def median_days(days: list[int]) -> float:
    return float(median(days))


def age_on(birth: ColumnElement, day: date) -> ColumnElement:
    """Whole years on ``day`` from a YYYY-MM-DD text (NULL without a birth date): the same
    text functions on SQLite and PostgreSQL."""
    born_later_in_year = case((func.substr(birth, 6, 5) > day.strftime("%m-%d"), 1), else_=0)
    return day.year - cast(func.substr(birth, 1, 4), Integer) - born_later_in_year


class _Queries:
    def __init__(self, connection: Connection, source: Source, first: date,
                 last: date) -> None:
        self.db, self.source = connection, source
        self.first, self.last = first.isoformat(), last.isoformat()
        self.last_day = last
        self.cf = source.rows("case_file", ("household_id", "status", "opened_on",
                                            "closed_on"))
        cf = self.cf.c
        self.active = and_(cf.opened_on <= self.last,
                           or_(cf.closed_on.is_(None), cf.closed_on >= self.first))
        self.person = source.rows("person", ("sex", "birth_date"))
        self.member = source.rows("household_member", ("household_id", "person_id"))
        p, hm = self.person.c, self.member.c
        # Persons of active files, once each (a person may be in two households).
        self.persons = (select(hm.org, hm.person_id)
                        .join(self.cf, and_(cf.org == hm.org,
                                            cf.household_id == hm.household_id))
                        .join(self.person, and_(p.org == hm.org, p.id == hm.person_id))
                        .where(self.active).distinct().subquery())

    def _grouped(self, query) -> dict[Key, dict[Any, int]]:  # type: ignore[no-untyped-def]
        out: dict[Key, dict[Any, int]] = defaultdict(dict)
        for row in self.db.execute(query):
            org, *labels, count = row
            label = labels[0] if len(labels) == 1 else tuple(labels)
            out[org][label] = out[org].get(label, 0) + int(count)
        return out

    def overview(self) -> dict[Key, dict[str, int]]:
        cf, out = self.cf.c, defaultdict(dict)
        between = [(cf.opened_on.between(self.first, self.last), "files_opened"),
                   (and_(cf.status == "closed", cf.closed_on.between(self.first, self.last)),
                    "files_closed")]
        query = select(cf.org, func.count(), func.count(func.distinct(cf.household_id)),
                       *(func.sum(case((cond, 1), else_=0)) for cond, _ in between)
                       ).where(self.active).group_by(cf.org)
        for org, files, households, opened, closed in self.db.execute(query):
            out[org].update(files_active=files, households=households,
                            files_opened=int(opened or 0), files_closed=int(closed or 0))
        for org, count in self.db.execute(select(self.persons.c.org, func.count())
                                          .group_by(self.persons.c.org)):
            out[org]["persons"] = count
        return out

    def _band(self, birth: ColumnElement) -> ColumnElement:
        age = age_on(birth, self.last_day)
        whens = [(birth.is_(None), s.UNKNOWN)]
        whens += [(age <= high, s.band_label((low, high))) for low, high in s.AGE_BANDS]
        return case(*whens, else_=s.UNKNOWN)

    def age_sex(self) -> dict[Key, dict[tuple[str, str], int]]:
        p, ap = self.person.c, self.persons.c
        sex = case(*((p.sex == value, value) for value in s.SEXES), else_="U")
        band = self._band(p.birth_date)
        return self._grouped(select(ap.org, band, sex, func.count())
                             .join(self.person, and_(p.org == ap.org, p.id == ap.person_id))
                             .group_by(ap.org, band, sex))

    def household_types(self) -> dict[Key, dict[str, int]]:
        """desktop.core.figures' rule: adults are 18 or older or of unknown age."""
        p, hm, cf = self.person.c, self.member.c, self.cf.c
        minor = case((age_on(p.birth_date, self.last_day) < 18, 1), else_=0)
        members = (select(hm.org, hm.household_id, func.sum(minor).label("minors"),
                          func.sum(1 - minor).label("adults"))
                   .join(self.person, and_(p.org == hm.org, p.id == hm.person_id))
                   .group_by(hm.org, hm.household_id).subquery())
        mc = members.c
        kind = case((mc.adults == 0, "minors_only"),
                    (and_(mc.adults == 1, mc.minors == 0), "alone"),
                    (mc.minors == 0, "adults"),
                    (mc.adults == 1, "single_parent"),
                    else_="adults_with_children")
        return self._grouped(select(cf.org, kind, func.count())
                             .join(members, and_(mc.org == cf.org,
                                                 mc.household_id == cf.household_id))
                             .where(self.active).group_by(cf.org, kind))

    def stages(self) -> dict[Key, dict[str, int]]:
        ps = self.source.rows("protection_status", ("person_id", "attestation_on",
                                                    "annex15_issued_on", "a_card_issued_on"))
        c, ap = ps.c, self.persons.c
        level = case((c.a_card_issued_on <= self.last, 3), (c.annex15_issued_on <= self.last, 2),
                     (c.attestation_on <= self.last, 1), else_=0)
        reached = (select(c.org, c.person_id, func.max(level).label("level"))
                   .group_by(c.org, c.person_id).subquery())
        stage = case((reached.c.level == 3, "a_card"), (reached.c.level == 2, "annex15"),
                     (reached.c.level == 1, "attestation"), else_="none")
        return self._grouped(select(ap.org, stage, func.count())
                             .join(reached, and_(reached.c.org == ap.org,
                                                 reached.c.person_id == ap.person_id),
                                   isouter=True)
                             .group_by(ap.org, stage))

    def piis(self) -> dict[Key, dict[str, int]]:
        aid = self.source.rows("aid_decision", ("case_id",), ("piis",))
        cf, a = self.cf.c, aid.c
        with_piis = (select(a.org, a.case_id).where(a.piis.is_(True)).distinct().subquery())
        has = case((with_piis.c.case_id.is_not(None), "with_piis"), else_="without_piis")
        return self._grouped(select(cf.org, has, func.count())
                             .join(with_piis, and_(with_piis.c.org == cf.org,
                                                   with_piis.c.case_id == cf.id),
                                   isouter=True)
                             .where(self.active).group_by(cf.org, has))

    def places(self) -> dict[Key, dict[str, dict[str, int]]]:
        """By the municipality of the household's address in the month (the latest begun
        if several; "unknown" without one)."""
        acc = self.source.rows("accommodation", ("household_id", "municipality_refnis",
                                                 "from_date", "to_date"))
        a, cf, hm = acc.c, self.cf.c, self.member.c
        order = func.row_number().over(partition_by=(a.org, a.household_id),
                                       order_by=(func.coalesce(a.from_date, "").desc(),
                                                 a.id.desc()))
        ranked = (select(a.org, a.household_id, a.municipality_refnis, order.label("rank"))
                  .where(or_(a.from_date.is_(None), a.from_date <= self.last),
                         or_(a.to_date.is_(None), a.to_date >= self.first)).subquery())
        current = select(ranked).where(ranked.c.rank == 1).subquery()
        where = func.coalesce(func.nullif(current.c.municipality_refnis, ""),
                              literal(s.UNKNOWN))
        files = (select(cf.org, cf.id, cf.household_id, cf.status, cf.closed_on,
                        where.label("where"))
                 .join(current, and_(current.c.org == cf.org,
                                     current.c.household_id == cf.household_id),
                       isouter=True).where(self.active).subquery())
        f = files.c
        closed = and_(f.status == "closed", f.closed_on.between(self.first, self.last))
        out: dict[Key, dict[str, dict[str, int]]] = defaultdict(dict)
        for org, place, active, households, closed_count in self.db.execute(
                select(f.org, f.where, func.count(), func.count(func.distinct(f.household_id)),
                       func.sum(case((closed, 1), else_=0))).group_by(f.org, f.where)):
            out[org][place] = {"files_active": active, "households": households,
                               "files_closed": int(closed_count or 0), "persons": 0}
        p = self.person.c
        for org, place, persons in self.db.execute(
                select(f.org, f.where, func.count(func.distinct(hm.person_id)))
                .join(self.member, and_(hm.org == f.org, hm.household_id == f.household_id))
                .join(self.person, and_(p.org == hm.org, p.id == hm.person_id))
                .group_by(f.org, f.where)):
            out[org][place]["persons"] = persons
        return out

    def referral_facts(self):  # type: ignore[no-untyped-def]
        """One row per referral: org, kind (its partner's, "unspecified" without one),
        outcome, the day it was made (``referred_on``, else its last write) and the day it
        reached its outcome (``outcome_on``, else its last write)."""
        ref = self.source.rows("referral", ("case_id", "partner_id", "status", "referred_on",
                                            "outcome_on", "updated_at"))
        r, written = ref.c, func.substr(ref.c.updated_at, 1, 10)
        live_case = self.source.rows("case_file", ())
        partner = self.source.rows("partner_service", ("kind",))
        kinds = {k: k for k in s.REFERRAL_KINDS[1:-1]} | {"other": "other_service"}
        kind = case(*((partner.c.kind == value, code) for value, code in kinds.items()),
                    else_=s.REFERRAL_KINDS[0])
        return (select(r.org.label("org"), kind.label("kind"), r.status.label("outcome"),
                       func.coalesce(r.referred_on, written).label("made"),
                       func.coalesce(r.outcome_on, written).label("decided"))
                .join(live_case, and_(live_case.c.org == r.org, live_case.c.id == r.case_id))
                .outerjoin(partner, and_(partner.c.org == r.org, partner.c.id == r.partner_id))
                .subquery())

    def referrals(self) -> dict[Key, dict[tuple[str, str], int]]:
        facts = self.referral_facts().c
        outcome = case(*((facts.outcome == o, o) for o in s.REFERRAL_OUTCOMES),
                       else_=s.REFERRAL_OUTCOMES[0])
        return self._grouped(select(facts.org, facts.kind, outcome, func.count())
                             .where(facts.made.between(self.first, self.last))
                             .group_by(facts.org, facts.kind, outcome))

    def waits(self) -> dict[tuple[Key, str], list[int]]:
        facts = self.referral_facts().c
        out: dict[tuple[Key, str], list[int]] = defaultdict(list)
        for org, kind, made, decided, count in self.db.execute(
                select(facts.org, facts.kind, facts.made, facts.decided, func.count())
                .where(facts.outcome.in_(s.FINAL_OUTCOMES),
                       facts.decided.between(self.first, self.last))
                .group_by(facts.org, facts.kind, facts.made, facts.decided)):
            try:
                days = (date.fromisoformat(decided) - date.fromisoformat(made)).days
            except (TypeError, ValueError):
                continue
            out[(org, kind)].extend([max(days, 0)] * int(count))
        return out
