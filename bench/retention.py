"""Retention at 100,000 persons: the preview (goal < 2 s) and the rate of anonymisation.

    uv run python bench/retention.py [--persons 100000] [--apply 2000] [--dir DIR]

Builds its own installation (demo data) in DIR unless it is already there, turns the rules
for closed files (1 year) and unfinished quick intakes (3 months) on, times the preview
(read only) a few times, then anonymises the first ``--apply`` persons of the preview and
prints persons per second. The folder is changed by the run: build it again to start over.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PASSWORD, USER, rss_mb, summary

from desktop.core.enums import RetentionKind
from desktop.core.organisation import organisation_name
from desktop.core.reference import reference_data
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault

DEFAULT_DIR = Path("/tmp/relais-bench-retention")


def open_or_build(folder: Path, persons: int) -> Services:
    paths = DataPaths.portable(folder)
    vault = Vault(paths)
    if paths.database.exists():
        return Services.for_session(vault.login(USER, PASSWORD))
    liege = reference_data().municipality("62063")
    session, _ = vault.create(
        NewOrganisation(organisation_name(liege), liege.refnis, liege.document_language),
        USER, PASSWORD, language="fr")
    services = Services.for_session(session)
    started = time.perf_counter()
    services.demo.generate(persons, seed=1)
    print(f"demo data:             {persons} persons in {time.perf_counter() - started:.1f} s")
    return services


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--apply", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    services = open_or_build(args.dir, args.persons)
    retention = services.retention
    retention.set_rule(RetentionKind.CLOSED_FILES, 1, True)
    retention.set_rule(RetentionKind.UNFINISHED_INTAKES, 3, True)
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        preview = retention.preview()
        samples.append(time.perf_counter() - started)
    counts = preview.counts()
    print(f"preview:               {summary(samples)}  (goal < 2 s)")
    print(f"  due closed files:    {counts[RetentionKind.CLOSED_FILES]} persons")
    print(f"  due quick intakes:   {counts[RetentionKind.UNFINISHED_INTAKES]} persons")
    print(f"  memory:              {rss_mb():.0f} MB resident")
    chosen = preview.persons[:args.apply]
    part = type(preview)(preview.day, preview.rules, chosen, [])
    started = time.perf_counter()
    result = retention.apply(part)
    elapsed = time.perf_counter() - started
    done = sum(result.persons.values())
    print(f"apply:                 {done} persons in {elapsed:.1f} s "
          f"({done / elapsed:.0f} persons/s, batches of 200, each its own transaction)")
    started = time.perf_counter()
    retention.preview()
    print(f"preview after apply:   {(time.perf_counter() - started) * 1000:.0f} ms")
    services.session.close()


if __name__ == "__main__":
    main()
