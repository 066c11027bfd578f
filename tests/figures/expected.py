"""The same figures counted directly from the records in Python, one record at a time: what
the SQL must agree with."""

from __future__ import annotations

from collections import Counter
from datetime import date

from figures import schema as s
from tests.figures.records import FIRST, LAST, Dataset


def _age(born: str | None) -> int | None:
    if not born:
        return None
    b = date.fromisoformat(born)
    return LAST.year - b.year - ((LAST.month, LAST.day) < (b.month, b.day))


def _band(age: int | None) -> str:
    if age is None:
        return s.UNKNOWN
    return next(s.band_label(b) for b in s.AGE_BANDS if age <= b[1])


def expected(data: Dataset) -> dict[str, object]:
    r = data.records
    active = {cid: c for cid, c in r["case_file"].items()
              if c["opened_on"] <= LAST.isoformat()
              and (c["closed_on"] is None or c["closed_on"] >= FIRST.isoformat())}
    households = {c["household_id"] for c in active.values()}
    members: dict[str, list[str]] = {}
    for m in r["household_member"].values():
        members.setdefault(m["household_id"], []).append(m["person_id"])
    persons = {p for h in households for p in members.get(h, [])}
    people = r["person"]
    closed = [c for c in active.values() if c["status"] == "closed"
              and FIRST.isoformat() <= c["closed_on"] <= LAST.isoformat()]
    out: dict[str, object] = {
        "overview": {"persons": len(persons), "households": len(households),
                     "files_active": len(active),
                     "files_opened": sum(FIRST.isoformat() <= c["opened_on"] <= LAST.isoformat()
                                         for c in active.values()),
                     "files_closed": len(closed)},
        "age_sex": Counter((_band(_age(people[p]["birth_date"])), people[p]["sex"])
                           for p in persons)}
    kinds = Counter()
    for c in active.values():
        ages = [_age(people[p]["birth_date"]) for p in members.get(c["household_id"], [])]
        if not ages:
            continue
        minors = sum(a is not None and a < 18 for a in ages)
        adults = len(ages) - minors
        kinds["minors_only" if adults == 0 else "alone" if adults == 1 and minors == 0
              else "adults" if minors == 0 else "single_parent" if adults == 1
              else "adults_with_children"] += 1
    out["household_type"] = kinds
    stage = Counter()
    for p in persons:
        level = 0
        for ps in r["protection_status"].values():
            if ps["person_id"] != p:
                continue
            for rank, name in ((3, "a_card_issued_on"), (2, "annex15_issued_on"),
                               (1, "attestation_on")):
                if ps[name] and ps[name] <= LAST.isoformat():
                    level = max(level, rank)
                    break
        stage[{3: "a_card", 2: "annex15", 1: "attestation", 0: "none"}[level]] += 1
    out["stage"] = stage
    piis_cases = {a["case_id"] for a in r.get("aid_decision", {}).values() if a["piis"]}
    with_piis = sum(cid in piis_cases for cid in active)
    out["piis"] = {"with_piis": with_piis, "without_piis": len(active) - with_piis}
    place_of = {}
    for a in r.get("accommodation", {}).values():
        place_of[a["household_id"]] = a["municipality_refnis"]
    places: dict[str, Counter] = {}
    for c in active.values():
        where = place_of.get(c["household_id"], s.UNKNOWN)
        row = places.setdefault(where, Counter())
        row["files_active"] += 1
        row["households"] += 1
        row["files_closed"] += c in closed
        row["persons"] += len(members.get(c["household_id"], []))
    out["places"] = {k: dict(v) for k, v in places.items()}
    partner_kind = {key: ("other_service" if p["kind"] == "other" else p["kind"])
                    for key, p in r.get("partner_service", {}).items()}
    out["referrals"] = Counter(
        (partner_kind.get(x.get("partner_id"), "unspecified"), x["status"])
        for x in r.get("referral", {}).values()
        if FIRST.isoformat() <= x["referred_on"] <= LAST.isoformat())
    return out


def from_counts(counts) -> dict[str, object]:
    """compute()'s true counts in the shape of expected()."""
    t = counts.tables

    def one_way(key: str) -> Counter:
        rows, body = t[key]
        return Counter({row: v[0] for row, v in zip(rows, body, strict=True) if v[0]})

    def two_way(key: str, columns) -> Counter:
        rows, body = t[key]
        return Counter({(row, col): v for row, values in zip(rows, body, strict=True)
                        for col, v in zip(columns, values, strict=True) if v})

    rows, body = t["overview"]
    places_rows, places_body = t["by_municipality"]
    return {
        "overview": {row: v[0] for row, v in zip(rows, body, strict=True)},
        "age_sex": two_way("persons_by_age_sex", s.SEXES),
        "household_type": one_way("files_by_household_type"),
        "stage": one_way("persons_by_protection_stage"),
        "piis": {row: v[0] for row, v in zip(*t["files_by_piis"], strict=True)},
        "places": {row: {c: v for c, v in zip(s.PLACE_COLUMNS, values, strict=True) if v or
                         c in ("files_active", "households", "persons", "files_closed")}
                   for row, values in zip(places_rows, places_body, strict=True)},
        "referrals": two_way("referrals_by_kind_outcome", s.REFERRAL_OUTCOMES),
    }
