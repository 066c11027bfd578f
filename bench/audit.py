"""The audit trail at 100,000 persons and 1,000,000 events: verifying the whole chain
(goal < 10 s), appending (events/s), the viewer's "who opened this file" and a person's
events, and the CSV export of everything.

    RELAIS_BENCH_DIR=/tmp/relais-bench uv run python bench/generate.py   # once
    uv run python bench/audit.py [--events 1000000]

The events beyond those the demo data wrote are synthetic case views by the bench's users,
appended through the same chain code as every event.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, PASSWORD, USER, rss_mb
from sqlalchemy import func, select
from sqlmodel import Session

from desktop.core.audit.chain import append_events, verify
from desktop.core.audit.log import AuditFilter
from desktop.core.enums import AuditAction
from desktop.core.i18n import Translator
from desktop.core.models import AuditEvent, CaseFile, HouseholdMember, UserAccount
from desktop.core.uow import UnitOfWork
from desktop.exchange.audit_csv import write_audit_csv
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault

BATCH = 50_000


def top_up(services: Services, wanted: int) -> None:
    engine = services.session.engine
    with Session(engine) as db:
        have = db.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
        cases = list(db.execute(select(CaseFile.id)).scalars())
        users = list(db.execute(select(UserAccount.id)).scalars())
    missing = wanted - have
    print(f"events already there:   {have:,}")
    if missing <= 0:
        return
    rng = random.Random(12)
    started = time.perf_counter()
    while missing > 0:
        count = min(BATCH, missing)
        rows = [{"actor_id": rng.choice(users), "action": AuditAction.VIEW,
                 "entity": "case_file", "entity_id": rng.choice(cases)}
                for _ in range(count)]
        with UnitOfWork(engine, services.session.actor) as uow:
            append_events(uow.session.connection(), rows)
        missing -= count
    elapsed = time.perf_counter() - started
    print(f"appended:               {wanted - have:,} events in {elapsed:.1f} s "
          f"({(wanted - have) / elapsed:,.0f} events/s, chained and indexed)")


def timed(label: str, work: Callable[[], Any], runs: int = 3) -> Any:
    samples, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        samples.append(time.perf_counter() - started)
    print(f"{label:<24}median {statistics.median(samples):.2f} s, "
          f"min {min(samples):.2f} s, max {max(samples):.2f} s (n={runs})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    session = Vault(DataPaths.portable(BENCH_DIR)).login(USER, PASSWORD)
    services = Services.for_session(session)
    with Session(session.engine) as db:
        persons = db.execute(select(func.count()).select_from(HouseholdMember)).scalar_one()
    print(f"persons:                {persons:,}")
    top_up(services, args.events)

    def check() -> Any:
        with session.engine.connect() as connection:
            return verify(connection)

    result = timed("verify whole chain:", check)
    print(f"  -> {result.events:,} events, {result.chains} chain(s), "
          f"intact: {result.intact}; memory {rss_mb():.0f} MB")

    with Session(session.engine) as db:
        case_id = db.execute(select(CaseFile.id).limit(1).offset(500)).scalar_one()
        person_id = db.execute(select(HouseholdMember.person_id).where(
            HouseholdMember.household_id == db.get(CaseFile, case_id).household_id)
        ).scalars().first()
    for label, wanted in (
            ("who opened a file:", AuditFilter(case_id=case_id,
                                               actions=frozenset({AuditAction.VIEW}))),
            ("a person's events:", AuditFilter(person_id=person_id)),
            ("newest 1,000 (viewer):", AuditFilter())):
        page = timed(label, lambda wanted=wanted: services.audit.events(wanted), runs=5)
        print(f"  -> {len(page.rows):,} events listed")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"audit-{uuid.uuid4().hex}.csv"
        count = timed("CSV export, all:", lambda: write_audit_csv(
            services.audit, AuditFilter(), target, Translator("fr")), runs=1)
        print(f"  -> {count:,} rows, {target.stat().st_size / 1e6:.0f} MB; "
              f"memory {rss_mb():.0f} MB")
    session.close()


if __name__ == "__main__":
    main()
