"""Time to compute a month's figures on the central for 100 organisations and 100,000
persons in total, on PostgreSQL, beside a plain SQL GROUP BY over the same rows; then what
a push leaves for the coordinator page (central/coordination/stored.py: each organisation's
month and chart counted again in the background, for it alone) and the page's first view
reading those stored figures.

    uv run python bench/figures_central.py [--orgs 100] [--persons 100000]
        [--pg "host=127.0.0.1 port=5432 user=postgres"]

Creates its own database (relais_figures_bench_<random>) and drops it at the end. The rows
go straight into the central's ``record`` table with COPY (what a sync would leave there),
not through 100 desktops."""

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
from central.coordination.service import FiguresService
from central.coordination.source import CentralSource
from central.db import make_engine, upgrade, utcnow
from figures.compute import compute

MONTH, FIRST = "2026-03", date(2026, 3, 1)


def records(org: int, persons: int, rng: random.Random, places: list[str]):
    """(entity, id, values) of one organisation: households of 1 to 5, their file,
    address, members, protection status, aid and referrals."""
    made = 0
    while made < persons:
        household = str(uuid.uuid4())
        yield "household", household, {"reference": "", "members_in_ukraine": 0}
        opened = FIRST - timedelta(days=rng.randrange(-20, 700))
        closed = opened + timedelta(days=rng.randrange(1, 400)) if rng.random() < .3 else None
        case = str(uuid.uuid4())
        yield "case_file", case, {
            "household_id": household, "file_number": f"{org}/{made}",
            "status": "closed" if closed else "open", "opened_on": opened.isoformat(),
            "closed_on": closed and closed.isoformat()}
        yield "accommodation", str(uuid.uuid4()), {
            "household_id": household, "accommodation_type": "rental",
            "municipality_refnis": rng.choice(places), "from_date": opened.isoformat(),
            "to_date": None}
        for member in range(min(rng.choice([1, 2, 2, 3, 4, 5]), persons - made)):
            person = str(uuid.uuid4())
            born = date(2026, 3, 31) - timedelta(days=rng.randrange(0, 80 * 365))
            yield "person", person, {
                "surname_lat": "Shevchenko", "given_name_lat": "Olena",
                "sex": rng.choice("FMFMU"), "birth_date": born.isoformat(),
                "phone": "+32 470 000000", "national_number": None}
            yield "household_member", str(uuid.uuid4()), {
                "household_id": household, "person_id": person,
                "relationship": "head" if member == 0 else "child"}
            yield "protection_status", str(uuid.uuid4()), {
                "person_id": person, "attestation_on": opened.isoformat(),
                "annex15_issued_on": opened.isoformat() if rng.random() < .7 else None,
                "a_card_issued_on": (opened + timedelta(days=40)).isoformat()
                if rng.random() < .5 else None}
            made += 1
        if rng.random() < .5:
            yield "aid_decision", str(uuid.uuid4()), {
                "case_id": case, "category": "isolated", "decided_on": opened.isoformat(),
                "piis": rng.random() < .6}
        for _ in range(rng.choice([0, 1, 1, 2])):
            yield "referral", str(uuid.uuid4()), {
                "case_id": case, "partner": "Maison X", "status": rng.choice(
                    ["proposed", "sent", "accepted", "completed", "declined"]),
                "referred_on": (FIRST + timedelta(days=rng.randrange(-30, 31))).isoformat()}


def fill(url_conninfo: str, engine, orgs: int, persons: int) -> int:
    places = [f"{62000 + i:05d}" for i in range(1, 100)]
    now = utcnow()
    with engine.begin() as connection:
        connection.execute(insert(m.organisation), [
            {"refnis": f"{10000 + i:05d}", "name": f"CPAS {i}", "record_id": str(uuid.uuid4()),
             "seq": 0, "horizon": 0, "next_series": 0, "created_at": now}
            for i in range(orgs)])
        ids = [row[0] for row in connection.execute(text(
            "SELECT id FROM organisation ORDER BY id"))]
    rng, count = random.Random(1), 0
    stamp = "2026-03-20T10:00:00+00:00"
    with psycopg.connect(url_conninfo) as pg, pg.cursor() as cursor, cursor.copy(
            'COPY record (organisation_id, entity, id, version, deleted, "values", stamps, '
            "seq, updated_by, updated_at, written_at) FROM STDIN") as copy:
        for org in ids:
            for seq, (entity, record_id, values) in enumerate(
                    records(org, persons // orgs, rng, places), start=1):
                copy.write_row((org, entity, record_id, 1, False, json.dumps(values), "{}",
                                seq, None, stamp, now))
                count += 1
    with engine.connect() as connection:
        connection.execute(text("ANALYZE record"))
        connection.commit()
    return count


def timed(action, repeat: int = 3) -> tuple[float, object]:
    samples, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), result


def forget_stored(engine) -> None:  # type: ignore[no-untyped-def]
    with engine.begin() as connection:
        connection.execute(m.figures_stored.delete())


def refresh_each(engine) -> None:  # type: ignore[no-untyped-def]
    """What the background does after each organisation's push (Refresher.refresh: the
    month in full, the 12 months of the chart as overviews), one organisation at a time,
    from an empty table; then once more as if each had pushed again (stale rows)."""
    from central.coordination.stored import Refresher

    forget_stored(engine)
    with engine.connect() as connection:
        ids = [row[0] for row in connection.execute(text("SELECT id FROM organisation"))]
    refresher = Refresher(engine)
    samples = []
    for org_id in ids:
        start = time.perf_counter()
        refresher.refresh(org_id, MONTH)
        samples.append(time.perf_counter() - start)
    print(f"background refresh after a push, per organisation ({len(ids)}, about "
          f"{rows_per_org(engine)} records each): median {statistics.median(samples) * 1000:.0f}"
          f" ms, max {max(samples) * 1000:.0f} ms")
    with engine.begin() as connection:
        connection.execute(text("UPDATE organisation SET seq = seq + 1"))  # all stale
    samples = []
    for org_id in ids:
        start = time.perf_counter()
        refresher.refresh(org_id, MONTH)
        samples.append(time.perf_counter() - start)
    print(f"  again after a further push (rows stale): median "
          f"{statistics.median(samples) * 1000:.0f} ms")


def rows_per_org(engine) -> int:  # type: ignore[no-untyped-def]
    with engine.connect() as connection:
        return int(connection.execute(text(
            "SELECT count(*) / greatest(count(DISTINCT organisation_id), 1) FROM record"))
            .scalar_one())


def page(engine) -> None:  # type: ignore[no-untyped-def]
    """The coordinator page's work without HTTP: the month's figures, the overview of the 12
    months before, the HTML; first with an empty cache, then as shown again."""
    from central.coordination.web.data import PageFigures
    from central.coordination.web.views import FiguresView, figures_page

    figures, signer = PageFigures(engine), SignerStub()

    def render() -> str:
        doc, months = figures.document(MONTH, "federal"), figures.months(MONTH, "federal")
        return figures_page(FiguresView("fr", "bench", "federal", "federal", ["federal"],
                                        MONTH, "province", doc, months, signer.csrf()))

    start = time.perf_counter()
    html = render()
    cold = time.perf_counter() - start
    seconds, _ = timed(render, repeat=5)
    print(f"coordinator page ({len(html) // 1024} KiB of HTML): first view {cold:.2f} s "
          f"(stored figures + 12 months' overview, empty cache), shown again median "
          f"{seconds * 1000:.0f} ms of 5")


class SignerStub:
    def csrf(self) -> str:
        return "0" * 32


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orgs", type=int, default=100)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--pg", default="host=127.0.0.1 port=5432 user=postgres")
    args = parser.parse_args()
    name = f"relais_figures_bench_{secrets.token_hex(4)}"
    with psycopg.connect(f"{args.pg} dbname=postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    user = dict(part.split("=") for part in args.pg.split())
    url = (f"postgresql+psycopg://{user.get('user', 'postgres')}@{user.get('host')}:"
           f"{user.get('port', 5432)}/{name}")
    engine = make_engine(url)
    try:
        upgrade(engine)
        start = time.perf_counter()
        rows = fill(f"{args.pg} dbname={name}", engine, args.orgs, args.persons)
        print(f"{args.orgs} organisations, {args.persons:,} persons: {rows:,} records "
              f"inserted in {time.perf_counter() - start:.1f} s")
        service = FiguresService(engine)
        seconds, doc = timed(lambda: forget_stored(engine) or service.figures(MONTH))
        print(f"figures of {MONTH} counted on demand (every table, suppressed, "
              f"{len(doc['organisations'])} organisations, nothing stored yet): median "
              f"{seconds:.2f} s of 3")
        seconds, doc = timed(lambda: service.figures(MONTH))
        print(f"figures of {MONTH} read from the stored rows: median {seconds * 1000:.0f} ms "
              "of 3")
        with engine.connect() as connection:
            connection.execute(text("SET LOCAL enable_nestloop = off"))
            ids = [row[0] for row in connection.execute(text("SELECT id FROM organisation"))]
            seconds, _ = timed(lambda: compute(connection, CentralSource(ids), MONTH, ids))
        print(f"  of which the SQL (compute, true counts): median {seconds:.2f} s of 3")
        plain = ("SELECT organisation_id, \"values\"->>'sex', count(*) FROM record "
                 "WHERE entity = 'person' AND NOT deleted GROUP BY 1, 2")
        with engine.connect() as connection:
            seconds, result = timed(lambda: connection.execute(text(plain)).all())
        print(f"plain GROUP BY (persons by organisation and sex, {len(result)} groups): "
              f"median {seconds * 1000:.0f} ms of 3")
        refresh_each(engine)
        page(engine)
    finally:
        engine.dispose()
        with psycopg.connect(f"{args.pg} dbname=postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


if __name__ == "__main__":
    main()
