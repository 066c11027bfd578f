"""Search at 100,000 persons with the worst names the length rules allow (issue 9): the same
queries before and after adding N persons whose every name part is as long as allowed
(core/limits.py), half as one 100-letter word (most deletions per form), half as twenty
4-letter words (most index rows). Works on a copy of the bench database, never on it.
Prints latency (p50, p95), the name index's deletion entries and memory; asserts nothing.

    uv run python bench/generate.py   # once
    uv run python bench/search_long_names.py [--persons 10000] [--queries 300] [--keep DIR]

--keep DIR keeps the copy with the long names in DIR and reuses it on the next run (adding
10,000 persons through the intake takes minutes): the "without" figures are then measured
on the bench database itself, the "with" figures on DIR.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, PASSWORD, USER, rss_mb, summary
from search import name_queries
from sqlalchemy import select
from sqlmodel import Session

from desktop.core.enums import Relationship, Sex
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.limits import NAME_MAX
from desktop.core.models import Person
from desktop.core.name_index import deletion_entries
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault

LATIN = "abcdefghijklmnopqrstuvwxyz"
CYRILLIC = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"


def long_name(rng: random.Random, letters: str, words: bool) -> str:
    """A name part of exactly NAME_MAX characters: one word, or 4-letter words."""
    if words:
        return " ".join("".join(rng.choice(letters) for _ in range(4))
                        for _ in range((NAME_MAX + 1) // 5))[:NAME_MAX].strip()
    return "".join(rng.choice(letters) for _ in range(NAME_MAX)).capitalize()


def longest_person(rng: random.Random, words: bool) -> PersonInput:
    return PersonInput(
        surname_cyr=long_name(rng, CYRILLIC, words), given_name_cyr=long_name(rng, CYRILLIC, words),
        patronymic_cyr=long_name(rng, CYRILLIC, words), surname_lat=long_name(rng, LATIN, words),
        given_name_lat=long_name(rng, LATIN, words), patronymic_lat=long_name(rng, LATIN, words),
        other_spellings=[long_name(rng, LATIN, words)], sex=Sex.FEMALE.value,
        birth_date="01/01/1980", relationship=Relationship.HEAD.value)


def timed(services: Services, queries: list[str]) -> list[float]:
    samples = []
    for text in queries:
        started = time.perf_counter()
        services.search.search(text, limit=5)
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = args.keep or Path(tempfile.mkdtemp(prefix="relais-bench-long-"))
    reused = args.keep is not None and (work / "relais.db").exists()
    try:
        if not reused:
            work.mkdir(parents=True, exist_ok=True)
            for name in ("relais.db", "keys.json", "settings.json"):
                if (BENCH_DIR / name).exists():
                    shutil.copy2(BENCH_DIR / name, work / name)
        plain = Services.for_session(Vault(DataPaths.portable(BENCH_DIR)).login(USER, PASSWORD))
        with Session(plain.session.engine) as db:
            ids = list(db.execute(select(Person.id)).scalars())
            people = [db.get(Person, pid) for pid in rng.sample(ids, args.queries // 8 + 1)]
        queries = [text for person in people for _, text in name_queries(person, rng)]
        queries = [*queries[: args.queries], "ol", "shev", "ко"]  # short, as typed
        plain.search.search("warm up")
        before = timed(plain, queries)
        with Session(plain.session.engine) as db:
            entries_before, rss_before = deletion_entries(db), rss_mb()
        plain.session.close()

        services = Services.for_session(Vault(DataPaths.portable(work)).login(USER, PASSWORD))
        added = [longest_person(rng, words=i % 2 == 1) for i in range(args.persons)]
        started = time.perf_counter()
        if not reused:
            for person in added:  # through the intake: the rules accept these names
                services.intake.register(HouseholdInput(members=[person]))
        adding = time.perf_counter() - started
        started = time.perf_counter()
        services.search.search("warm up")  # the first search after the new rows
        loading = time.perf_counter() - started
        after = timed(services, queries)
        long_queries = [f"{p.surname_lat} {p.given_name_lat}"[:200] for p in added[:50]]
        long_queries += [p.surname_lat[:30] for p in added[50:100]]  # beginnings
        on_long = timed(services, long_queries)

        print(f"{len(ids):,} persons, {len(queries)} queries; "
              f"{args.persons} persons with {NAME_MAX}-character name parts "
              + ("reused" if reused else f"added in {adding:.1f} s")
              + f"; first search after them {loading:.1f} s")
        print(f"  without them:  {summary(before)}")
        print(f"  with them:     {summary(after)}")
        print(f"  queries of the long names themselves: {summary(on_long)}")
        with Session(services.session.engine) as db:
            entries_after = deletion_entries(db)
        print(f"  deletion entries {entries_before:,} -> {entries_after:,}; "
              f"RSS {rss_before:.0f} -> {rss_mb():.0f} MB")
        services.session.close()
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
