"""Time the coordinator page's partner services section on the central, on PostgreSQL:
100 organisations (real Walloon and Flemish REFNIS codes), each with 50 directory entries
serving 1 to 5 municipalities and 300 referrals to them with an outcome; beside a plain
SQL GROUP BY of the same entries by kind.

    uv run python bench/partners_central.py [--orgs 100] [--entries 50] [--referrals 300]
        [--pg "host=127.0.0.1 port=5432 user=postgres"]

Creates its own database and drops it at the end. The persons by area come from the
month's figures document, which the page already caches (bench/figures_central.py times
it); here the document is empty, so only the section's own work is measured."""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import time
import uuid
from datetime import date, timedelta

import psycopg
from sqlalchemy import insert, text

from central import models as m
from central.coordination.ecosystem.service import KINDS, EcosystemService
from central.coordination.web.partners_view import PartnersView, partners_page
from central.db import make_engine, upgrade, utcnow
from figures.places import _places

MONTH = "2026-03"


def fill(conninfo: str, engine, orgs: int, entries: int, referrals: int) -> int:
    codes = sorted(p.refnis for p in _places().values() if p.region in ("02000", "03000"))
    chosen = random.Random(2).sample(codes, orgs)
    now = utcnow()
    with engine.begin() as connection:
        connection.execute(insert(m.organisation), [
            {"refnis": code, "name": f"CPAS {code}", "record_id": str(uuid.uuid4()),
             "seq": 0, "horizon": 0, "next_series": 0, "created_at": now}
            for code in chosen])
        ids = list(connection.execute(text("SELECT id, refnis FROM organisation")))
    rng, count = random.Random(1), 0
    kinds = [("other" if k == "other_service" else k) for k in KINDS]
    with psycopg.connect(conninfo) as pg, pg.cursor() as cursor, cursor.copy(
            'COPY record (organisation_id, entity, id, version, deleted, "values", stamps, '
            "seq, updated_by, updated_at, written_at) FROM STDIN") as copy:
        for org, refnis in ids:
            rows = []
            case = str(uuid.uuid4())
            rows.append(("case_file", case, {"household_id": str(uuid.uuid4()),
                                             "status": "open", "opened_on": "2025-01-01"}))
            partners = []
            for number in range(entries):
                partner = str(uuid.uuid4())
                partners.append(partner)
                rows.append(("partner_service", partner, {
                    "kind": rng.choice(kinds), "name": f"Service {refnis}-{number}",
                    "scope": "local", "municipalities": rng.sample(codes, rng.randint(1, 5)),
                    "municipality_refnis": refnis, "languages": ["uk", "fr"],
                    "verified_on": "2026-01-15", "listed": True}))
            for _ in range(referrals):
                made = date(2025, 4, 1) + timedelta(days=rng.randrange(0, 330))
                rows.append(("referral", str(uuid.uuid4()), {
                    "case_id": case, "partner": "x", "partner_id": rng.choice(partners),
                    "status": rng.choice(["accepted", "completed", "declined", "no_show"]),
                    "referred_on": made.isoformat(),
                    "outcome_on": (made + timedelta(days=rng.randrange(0, 60))).isoformat()}))
            for seq, (entity, record_id, values) in enumerate(rows, start=1):
                copy.write_row((org, entity, record_id, 1, False, json.dumps(values), "{}",
                                seq, None, "2026-03-20T10:00:00+00:00", now))
                count += 1
    with engine.connect() as connection:
        connection.execute(text("ANALYZE record"))
        connection.commit()
    return count


def timed(action, repeat: int = 5) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=100)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--referrals", type=int, default=300)
    parser.add_argument("--pg", default="host=127.0.0.1 port=5432 user=postgres")
    args = parser.parse_args()
    name = f"relais_partners_bench_{secrets.token_hex(4)}"
    with psycopg.connect(f"{args.pg} dbname=postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    user = dict(part.split("=") for part in args.pg.split())
    url = (f"postgresql+psycopg://{user.get('user', 'postgres')}@{user.get('host')}:"
           f"{user.get('port', 5432)}/{name}")
    engine = make_engine(url)
    try:
        upgrade(engine)
        rows = fill(f"{args.pg} dbname={name}", engine, args.orgs, args.entries,
                    args.referrals)
        print(f"{args.orgs} organisations: {rows:,} records")
        service, doc = EcosystemService(engine), {"organisations": []}
        seconds, eco = timed(lambda: service.ecosystem("federal", MONTH, None, doc))
        print(f"ecosystem by province (entries + waits, two queries): median "
              f"{seconds * 1000:.0f} ms of 5, {len(eco.entries)} entries")
        seconds, here = timed(lambda: service.ecosystem("federal", MONTH, "60000", doc))
        print(f"ecosystem of one province by municipality: median {seconds * 1000:.0f} ms")

        def render() -> str:
            return partners_page(PartnersView("fr", "bench", "federal", "federal",
                                              ["federal"], MONTH, "housing", "60000",
                                              here.areas()[0], eco, here, "x"))

        seconds, html = timed(render)
        print(f"page HTML ({len(html) // 1024} KiB): median {seconds * 1000:.0f} ms")
        plain = ("SELECT organisation_id, \"values\"->>'kind', count(*) FROM record "
                 "WHERE entity = 'partner_service' AND NOT deleted GROUP BY 1, 2")
        with engine.connect() as connection:
            seconds, result = timed(lambda: connection.execute(text(plain)).all())
        print(f"plain GROUP BY (entries by organisation and kind, {len(result)} groups): "
              f"median {seconds * 1000:.0f} ms of 5")
    finally:
        engine.dispose()
        with psycopg.connect(f"{args.pg} dbname=postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
