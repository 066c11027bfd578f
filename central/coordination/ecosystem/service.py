"""Partner services by kind and area, and the waits from referral to outcome, for a
coordinator's scope: one query for the directory entries, one for the referrals (through
the figures' own referral facts, so a kind and a wait mean what they mean in the figures).
Partner services are organisations: their names and addresses are public contact data.
Nothing about a person is read but the referral's kind, status and dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Engine

from central import models as m
from central.coordination.ecosystem.areas import area_of
from central.coordination.source import CentralSource
from central.coordination.web.places import Sum, by_level
from figures import schema as s
from figures.compute import _Queries, median_days
from figures.places import in_scope, narrower_or_equal

KINDS = s.REFERRAL_KINDS[1:]  # the directory's kinds, "other" as "other_service"
WAIT_MONTHS = 12  # waits of referrals that reached an outcome in the last 12 months
LONGEST = 10


def kind_code(value: Any) -> str:
    text = str(value or "other")
    return "other_service" if text == "other" else text if text in KINDS else "other_service"


@dataclass(frozen=True)
class PartnerEntry:
    id: str
    kind: str
    name: str
    municipality: str  # where it is (its address), "" when not given
    languages: tuple[str, ...]
    verified_on: str | None
    areas: frozenset[str]


@dataclass(frozen=True)
class Wait:
    median: float | None  # None under s.SUPPRESS_UNDER outcomes
    outcomes: int

    def shown(self) -> str:
        return "–" if self.median is None else f"{self.median:g}"


@dataclass
class Ecosystem:
    province: str | None  # None: by province; else municipalities of that province
    first_month: str
    entries: list[PartnerEntry] = field(default_factory=list)
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (area, kind)
    waits: dict[tuple[str, str], Wait] = field(default_factory=dict)
    persons: dict[str, Sum] = field(default_factory=dict)  # area -> persons (figures)

    def areas(self) -> list[str]:
        found = {a for a, _ in self.counts} | {a for a, _ in self.waits} | set(self.persons)
        return sorted(found)

    def gaps(self) -> list[tuple[str, str]]:
        """(area, kind) where people are registered but no service of the kind serves."""
        return [(area, kind) for area in sorted(self.persons)
                if self.persons[area].value or self.persons[area].hidden
                for kind in KINDS if not self.counts.get((area, kind))]

    def longest(self, limit: int = LONGEST) -> list[tuple[str, str, Wait]]:
        shown = [(a, k, w) for (a, k), w in self.waits.items() if w.median is not None]
        return sorted(shown, key=lambda t: (-(t[2].median or 0), t[0], t[1]))[:limit]


def window(month: str) -> tuple[str, date, date]:
    """The first month, first day and last day of the WAIT_MONTHS ending with ``month``."""
    _, last = s.month_bounds(month)
    year, number = int(month[:4]), int(month[5:])
    index = year * 12 + number - 1 - (WAIT_MONTHS - 1)
    first_month = f"{index // 12:04d}-{index % 12 + 1:02d}"
    return first_month, s.month_bounds(first_month)[0], last


class EcosystemService:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def organisations(self, scope: str) -> dict[int, str]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(m.organisation.c.id, m.organisation.c.refnis))
            return {row.id: row.refnis for row in rows if in_scope(scope, row.refnis)}

    def ecosystem(self, scope: str, month: str, province: str | None,
                  doc: dict[str, Any]) -> Ecosystem:
        """``doc`` is the month's figures document of the same scope (persons by area)."""
        orgs = self.organisations(scope)
        first_month, first, last = window(month)
        out = Ecosystem(province, first_month)
        with self.engine.connect() as connection:
            if connection.dialect.name == "postgresql":  # joins on JSON values: see
                connection.execute(text("SET LOCAL enable_nestloop = off"))  # service.py
            out.entries = self._entries(connection, scope, orgs, province)
            waits = self._waits(connection, orgs, first, last, province)
        for entry in out.entries:
            for area in entry.areas:
                out.counts[(area, entry.kind)] = out.counts.get((area, entry.kind), 0) + 1
        for key, days in waits.items():
            enough = len(days) >= s.SUPPRESS_UNDER
            out.waits[key] = Wait(median_days(days) if enough else None, len(days))
        for row in by_level(doc, "municipality"):
            area = area_of(row.code, province)
            if area is not None:
                total = out.persons.setdefault(area, Sum())
                part = row.sums["persons"]
                total.value, total.parts = total.value + part.value, total.parts + part.parts
                total.hidden += part.hidden
        return out

    def _entries(self, connection, scope: str, orgs: dict[int, str],  # type: ignore[no-untyped-def]
                 province: str | None) -> list[PartnerEntry]:
        r = m.record.c
        rows = connection.execute(
            select(r.organisation_id, r.id, r["values"])
            .where(r.entity == "partner_service", r.deleted.is_(False),
                   r.organisation_id.in_(list(orgs)))
            .order_by(r.organisation_id, r.id))
        seen: set[str] = set()
        out = []
        for org, record_id, values in rows:
            values = values or {}
            if values.get("listed") is False or str(record_id) in seen:
                continue
            if values.get("scope") == "regional" and not _overlaps(values.get("owner"), scope):
                continue
            seen.add(str(record_id))
            served = [str(c) for c in values.get("municipalities") or []]
            located = str(values.get("municipality_refnis") or "")
            places = served or [located or orgs[org]]
            areas = frozenset(a for a in (area_of(c, province) for c in places) if a)
            if not areas:
                continue
            out.append(PartnerEntry(str(record_id), kind_code(values.get("kind")),
                                    str(values.get("name") or ""), located,
                                    tuple(str(x) for x in values.get("languages") or []),
                                    values.get("verified_on"), areas))
        return sorted(out, key=lambda e: (e.kind, e.name.casefold(), e.id))

    def _waits(self, connection, orgs: dict[int, str], first: date,  # type: ignore[no-untyped-def]
               last: date, province: str | None) -> dict[tuple[str, str], list[int]]:
        """Days from referral to outcome, by (area of the referring organisation, kind)."""
        if not orgs:
            return {}
        facts = _Queries(connection, CentralSource(list(orgs)), first, last)
        f = facts.referral_facts().c
        out: dict[tuple[str, str], list[int]] = {}
        for org, kind, made, decided in connection.execute(
                select(f.org, f.kind, f.made, f.decided)
                .where(f.outcome.in_(s.FINAL_OUTCOMES),
                       f.decided.between(first.isoformat(), last.isoformat()),
                       f.kind != s.REFERRAL_KINDS[0])):
            area = area_of(orgs[org], province)
            try:
                days = (date.fromisoformat(decided) - date.fromisoformat(made)).days
            except (TypeError, ValueError):
                continue
            if area is not None:
                out.setdefault((area, kind), []).append(max(days, 0))
        return out


def _overlaps(owner: Any, scope: str) -> bool:
    """A regional entry is the coordinator's when its area and their scope overlap."""
    text = str(owner or "")
    try:
        return narrower_or_equal(text, scope) or narrower_or_equal(scope, text)
    except KeyError:
        return False
