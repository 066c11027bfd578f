"""Where a REFNIS code lies (province, region), from the shipped municipality list, and the
scopes a coordinator may be given: federal, a region or a province."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_REFERENCE = Path(__file__).resolve().parent.parent / "resources" / "reference" / \
    "municipalities.json"
REGIONS = {"VLG": "02000", "WAL": "03000", "BRU": "04000"}
FEDERAL = "federal"


@dataclass(frozen=True)
class Place:
    refnis: str
    province: str | None  # None in Brussels (no province) or for an unknown code
    region: str | None


@cache
def _names() -> dict[str, dict[str, str]]:
    rows = json.loads(_REFERENCE.read_text("utf-8"))
    return {row["refnis"]: row["names"] for row in rows}


def municipality_name(refnis: str, lang: str) -> str | None:
    """The municipality's name in ``lang`` if it has one, else in French, else Dutch."""
    names = _names().get(refnis)
    if not names:
        return None
    return names.get(lang) or names.get("fr") or names.get("nl")


@cache
def _places() -> dict[str, Place]:
    rows = json.loads(_REFERENCE.read_text("utf-8"))
    return {row["refnis"]: Place(row["refnis"], row["province"], row["region"])
            for row in rows}


def place(refnis: str) -> Place:
    return _places().get(refnis, Place(refnis, None, None))


def provinces() -> set[str]:
    return {p.province for p in _places().values() if p.province}


def parse_scope(text: str) -> str:
    """The canonical form of a scope (federal, region:WAL, province:<code>); ValueError
    for anything else."""
    kind, _, value = text.strip().partition(":")
    if kind == FEDERAL and not value:
        return FEDERAL
    if kind == "region" and value.upper() in REGIONS:
        return f"region:{value.upper()}"
    if kind == "province" and value in provinces():
        return f"province:{value}"
    raise ValueError(text)


def in_scope(scope: str, refnis: str) -> bool:
    """Whether an organisation (by its REFNIS code) lies within a scope."""
    kind, _, value = scope.partition(":")
    if kind == FEDERAL:
        return True
    where = place(refnis)
    if kind == "region":
        return where.region == REGIONS.get(value)
    if kind == "province":
        return where.province == value
    return False


def narrower_or_equal(inner: str, outer: str) -> bool:
    """Whether every organisation of ``inner`` lies within ``outer`` (a coordinator may ask
    for a part of their scope, never more)."""
    if outer == FEDERAL or inner == outer:
        return True
    kind, _, value = inner.partition(":")
    if outer.startswith("region:") and kind == "province":
        regions = {p.region for p in _places().values() if p.province == value}
        return regions == {REGIONS[outer.partition(":")[2]]}
    return False


@cache
def _area_names() -> dict[str, dict[str, str]]:
    """Province and region codes to their names (fr, nl, de) from the municipality list."""
    out: dict[str, dict[str, str]] = {}
    for row in json.loads(_REFERENCE.read_text("utf-8")):
        if row.get("province"):
            out.setdefault(row["province"], row.get("province_names") or {})
        out.setdefault(row["region"], row.get("region_names") or {})
    return out


def area_name(code: str, lang: str) -> str | None:
    """A province's or a region's name in ``lang``, else French, else Dutch (the list has no
    English names)."""
    names = _area_names().get(code)
    if not names:
        return None
    return names.get(lang) or names.get("fr") or names.get("nl")
