"""The desktop's side of sync without a network: what the outbox costs a big write, how
long enrolment's first upload takes to queue, and how fast pulled pages are applied.

    uv run python bench/sync_local.py [--persons 10000] [--dir /tmp/relais-bench-sync]

Prints demo generation time on an island and on an enrolled database (the outbox's cost),
the enrolment of an island database (every record queued), and the apply of every record
of that database onto a second desktop in pages of 1,000 (records per second, memory).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _common import PASSWORD, USER, rss_mb

from desktop.core.models import SyncState
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault
from desktop.sync.apply import apply_page
from desktop.sync.outbox import enrol
from tests.sync.replica import pulled

LIEGE = NewOrganisation("CPAS de Liège", "62063", "fr")
PAGE = 1000


def desktop(folder: Path, enrolled: bool, user: str = USER):
    session, _ = Vault(DataPaths.portable(folder)).create(LIEGE, user, PASSWORD,
                                                          language="fr")
    if enrolled:
        enrol(session.engine, SyncState(server_url="https://central.example",
                                        device_id=folder.name), upload_everything=False)
    return session


def timed_generate(session, persons: int) -> float:
    started = time.perf_counter()
    Services.for_session(session).demo.generate(persons, seed=1)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/relais-bench-sync"))
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)

    island = desktop(args.dir / "island", enrolled=False)
    plain = timed_generate(island, args.persons)
    enrolled = desktop(args.dir / "enrolled", enrolled=True)
    recorded = timed_generate(enrolled, args.persons)
    print(f"demo of {args.persons} persons, island:      {plain:.1f} s")
    print(f"demo of {args.persons} persons, enrolled:    {recorded:.1f} s "
          f"(outbox +{(recorded / plain - 1) * 100:.0f} %)")
    enrolled.close()

    started = time.perf_counter()
    queued = enrol(island.engine, SyncState(server_url="https://central.example",
                                            device_id="island"), upload_everything=True)
    print(f"enrolment, first upload queued:   {queued} changes in "
          f"{time.perf_counter() - started:.1f} s")

    records = pulled(island.engine)
    island.close()
    joined = desktop(args.dir / "joined", enrolled=True, user="joined-admin")
    before = rss_mb()
    started = time.perf_counter()
    for start in range(0, len(records), PAGE):
        apply_page(joined.engine, records[start:start + PAGE], cursor=start + PAGE)
    elapsed = time.perf_counter() - started
    joined.close()
    print(f"apply of {len(records)} pulled records: {elapsed:.1f} s "
          f"({len(records) / elapsed:.0f} records/s, pages of {PAGE}; "
          f"memory {rss_mb() - before:+.0f} MB)")


if __name__ == "__main__":
    main()
