"""The figures document added up by region, province or municipality of residence. Only
visible counts are added: a sum with a hidden part is "at least" that sum, so the page
publishes no total that a hidden cell could be worked out from (docs/figures-schema.md,
Suppression)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from figures import schema as s

LEVELS = ("region", "province", "municipality")
NO_PROVINCE = "none"


@dataclass
class Sum:
    """Visible counts added up, and how many of the parts were hidden."""

    value: int = 0
    parts: int = 0
    hidden: int = 0

    def add(self, value: int | float | None) -> None:
        self.parts += 1
        if value is None:
            self.hidden += 1
        else:
            self.value += int(value)


@dataclass
class PlaceRow:
    code: str
    sums: dict[str, Sum] = field(default_factory=dict)


def columns(level: str) -> tuple[str, ...]:
    return s.PLACE_COLUMNS if level == "municipality" else s.OVERVIEW_ROWS


def table_of(org: dict[str, Any], key: str) -> dict[str, Any] | None:
    return next((t for t in org["tables"] if t["key"] == key), None)


def by_level(doc: dict[str, Any], level: str) -> list[PlaceRow]:
    if level not in LEVELS:
        raise ValueError(level)
    rows: dict[str, PlaceRow] = {}

    def row(code: str) -> PlaceRow:
        return rows.setdefault(code, PlaceRow(code, {c: Sum() for c in columns(level)}))

    for org in doc["organisations"]:
        if level == "municipality":
            table = table_of(org, "by_municipality")
            for line in table["rows"] if table else []:
                target = row(line["row"])
                for column, value in zip(table["columns"], line["values"], strict=True):
                    target.sums[column].add(value)
            continue
        overview = table_of(org, "overview")
        code = (org["region"] if level == "region" else org["province"]) or NO_PROVINCE
        target = row(code)
        values = {line["row"]: line["values"][0] for line in overview["rows"]} \
            if overview else {}
        for column in s.OVERVIEW_ROWS:
            target.sums[column].add(values.get(column))
    return sorted(rows.values(), key=lambda r: (r.code in (s.OTHER, NO_PROVINCE), r.code))


def shown(total: Sum, alone_hidden: str) -> str:
    """A sum as the page writes it: the number; ``alone_hidden`` ("<5" or "–") for a
    single hidden part; "≥ n" when some parts are hidden."""
    if total.hidden == 0:
        return str(total.value)
    if total.parts == 1 or total.value == 0:
        return alone_hidden if total.parts == 1 else "–"
    return f"≥ {total.value}"
