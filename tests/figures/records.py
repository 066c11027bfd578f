"""Synthetic records for the figures tests, as a desktop would push them, with the values
that must never come out of a figure (names, national numbers, phones, birth dates)."""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.central.server import create

MONTH, FIRST, LAST = "2026-03", date(2026, 3, 1), date(2026, 3, 31)
_REFERENCE = Path(__file__).resolve().parents[2] / "resources" / "reference" / \
    "municipalities.json"
SURNAMES = ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk",
            "Oliinyk", "Marchenko"]
GIVEN = ["Olena", "Iryna", "Oksana", "Taras", "Andrii", "Mykola", "Yuliia", "Dmytro"]


def municipalities(region: str) -> list[str]:
    rows = json.loads(_REFERENCE.read_text("utf-8"))
    return sorted(r["refnis"] for r in rows if r["region"] == region)


def real_org(server, region: str, name: str) -> str:
    """An organisation with a real REFNIS code of the region, new on this (shared) server."""
    from central import admin

    for refnis in municipalities(region):
        if refnis not in server.refnis_used:
            server.refnis_used.add(refnis)
            admin.add_organisation(server.engine, refnis, name)
            return refnis
    raise AssertionError("no REFNIS code left")


def national_number(born: date, rng: random.Random) -> str:
    serial = rng.randrange(1, 998)
    base = f"{born:%y%m%d}{serial:03d}"
    number = int(("2" if born.year >= 2000 else "") + base)
    return base + f"{97 - number % 97:02d}"


@dataclass
class Dataset:
    """The records of one organisation: entity -> id -> values."""

    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    secrets: set[str] = field(default_factory=set)

    def add(self, entity: str, values: dict[str, Any]) -> str:
        record_id = str(uuid.uuid4())
        self.records.setdefault(entity, {})[record_id] = values
        return record_id

    def changes(self) -> list[dict[str, Any]]:
        order = ["partner_service", "household", "person", "household_member",
                 "protection_status", "case_file", "accommodation", "aid_decision",
                 "referral"]
        return [create(entity, values, record_id) for entity in order
                for record_id, values in self.records.get(entity, {}).items()]


PARTNER_KINDS = ("language_courses", "housing", "mental_health", "other")


def generate(seed: int, households: int, places: list[str]) -> Dataset:
    rng, data = random.Random(seed), Dataset()
    partners = [data.add("partner_service", {"kind": kind, "name": f"Service {number}",
                                             "scope": "local"})
                for number, kind in enumerate(PARTNER_KINDS)]
    for _ in range(households):
        household = data.add("household", {"reference": "", "members_in_ukraine": 0})
        opened = FIRST - timedelta(days=rng.randrange(-20, 400))
        closed = None
        if rng.random() < 0.3:
            closed = opened + timedelta(days=rng.randrange(1, 120))
        case = data.add("case_file", {
            "household_id": household, "file_number": f"F-{rng.randrange(10**6)}",
            "status": "closed" if closed else rng.choice(["open", "follow_up"]),
            "opened_on": opened.isoformat(), "closed_on": closed and closed.isoformat(),
            "closure_reason": "moved" if closed else None})
        if rng.random() < 0.9:
            data.add("accommodation", {
                "household_id": household, "accommodation_type": "rental",
                "municipality_refnis": rng.choice(places), "street": "Rue X 1",
                "from_date": (opened - timedelta(days=3)).isoformat(), "to_date": None})
        for member in range(rng.choice([1, 1, 2, 3, 4])):
            adult = member == 0 or rng.random() < 0.4
            born = date(2026, 3, 31) - timedelta(days=rng.randrange(
                18 * 365 + 5 if adult else 0, 80 * 365 if adult else 18 * 365 - 5))
            surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
            nrn = national_number(born, rng)
            phone = f"+32 470 {rng.randrange(10**6):06d}"
            has_birth = rng.random() < 0.95
            person = data.add("person", {
                "surname_lat": surname, "given_name_lat": given,
                "sex": rng.choice(["F", "M", "F", "M", "U"]),
                "birth_date": born.isoformat() if has_birth else None,
                "phone": phone, "national_number": nrn, "national_number_kind": "nrn"})
            data.secrets.update({surname, given, nrn, phone})
            if has_birth:
                data.secrets.add(born.isoformat())
            data.add("household_member", {"household_id": household, "person_id": person,
                                          "relationship": "head" if member == 0 else "child"})
            stage = rng.random()
            data.add("protection_status", {
                "person_id": person,
                "attestation_on": (opened - timedelta(days=10)).isoformat() if stage > .1
                else None,
                "annex15_issued_on": (opened - timedelta(days=5)).isoformat() if stage > .4
                else None,
                "a_card_issued_on": (opened + timedelta(days=40)).isoformat() if stage > .6
                else None})
        if rng.random() < 0.5:
            data.add("aid_decision", {"case_id": case, "category": "isolated",
                                      "decided_on": opened.isoformat(),
                                      "piis": rng.random() < 0.6})
        for _ in range(rng.choice([0, 1, 2])):
            referred = FIRST + timedelta(days=rng.randrange(-10, 31))
            status = rng.choice(["proposed", "sent", "waiting", "accepted", "completed",
                                 "declined", "no_show"])
            data.add("referral", {
                "case_id": case, "partner": "Maison X", "purpose": "",
                "partner_id": rng.choice([None, *partners]), "status": status,
                "referred_on": referred.isoformat(),
                "outcome_on": (referred + timedelta(days=rng.randrange(0, 40))).isoformat()
                if status not in ("proposed", "sent") else None})
    return data


def push_all(device, data: Dataset) -> None:
    changes = data.changes()
    for start in range(0, len(changes), 400):
        results = device.push(*changes[start:start + 400])
        assert {r["result"] for r in results} == {"applied"}, results[:3]
