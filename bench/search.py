"""Search at 100,000 persons: latency (p50, p95) and recall@5 over 200+ queries that mix
spellings (Cyrillic Ukrainian and Russian forms, passport Latin, French/Dutch/German
administrative spellings, older passport habits, diminutives, typos), file numbers and
dates; the same queries through a plain SQL LIKE search as the baseline.

    uv run python bench/generate.py   # once
    uv run python bench/search.py [--queries 300]

Each query runs through LIKE and through Relais in turn (A B A B), so a loaded machine
slows both alike. The first search after login is timed apart, each in a fresh process that
has just logged in (nothing cached but the operating system's file cache, as on a used
machine), alternating with a fresh process whose first query goes through LIKE.

recall@5 for a name query: the person is in the first five results, or every result ranked
above them is a namesake (same Cyrillic surname and given name: a name alone cannot tell
them apart; results show birth date and file number for that).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, PASSWORD, USER, summary
from _harness import Figure, Stats, emit, interleave
from sqlalchemy import or_, select
from sqlmodel import Session

from desktop.core.models import CaseFile, HouseholdMember, Person
from desktop.core.name_aliases import GROUPS
from desktop.core.transliteration import administrative_spelling
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault

OLD_PASSPORT = {"ії": "iy", "ій": "iy", "ія": "iya", "Є": "Ye", "є": "ie", "Ю": "Yu", "ю": "yu",
                "я": "ya", "Г": "G", "г": "g", "и": "i", "х": "h"}
VARIANT = {v: k for k, vs in GROUPS.items() for v in vs}  # diminutive/Russian -> Ukrainian
UKRAINIAN_TO_VARIANTS = GROUPS


def old_passport(cyrillic: str) -> str:
    """Spellings of older passports and Russian-style habits: Andriy, Yevgen, Galina."""
    text = cyrillic
    for source, target in OLD_PASSPORT.items():
        text = text.replace(source, target)
    from desktop.core.names import passport_latin

    return passport_latin(text) if any("\u0400" <= ch <= "\u04ff" for ch in text) else text


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    kind = rng.choice(["swap", "drop", "double", "replace"])
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeioukrnst") + word[i + 1 :]


def name_queries(person: Person, rng: random.Random) -> list[tuple[str, str]]:
    given_cyr = person.given_name_cyr
    alternatives = list(UKRAINIAN_TO_VARIANTS.get(given_cyr, ()))
    queries = [
        ("cyrillic", f"{person.surname_cyr} {given_cyr}"),
        ("passport", f"{person.surname_lat} {person.given_name_lat}"),
        ("french", f"{administrative_spelling(person.surname_cyr, 'fr')} "
                   f"{administrative_spelling(given_cyr, 'fr')}"),
        ("dutch", f"{administrative_spelling(person.surname_cyr, 'nl')} "
                  f"{administrative_spelling(given_cyr, 'nl')}"),
        ("german", f"{administrative_spelling(person.surname_cyr, 'de')} "
                   f"{administrative_spelling(given_cyr, 'de')}"),
        ("old passport", f"{old_passport(person.surname_cyr)} {old_passport(given_cyr)}"),
        ("typo", f"{typo(person.surname_lat, rng)} {person.given_name_lat}"),
        ("cyrillic typo", f"{typo(person.surname_cyr, rng)} {given_cyr}"),
    ]
    if alternatives:
        queries.append(("diminutive / russian form",
                        f"{person.surname_cyr} {rng.choice(alternatives)}"))
    return queries


def like_search(db: Session, query: str, limit: int) -> list:
    """The baseline: every word must appear, as typed, in one of the name columns."""
    statement = select(Person.id)
    for word in query.split():
        pattern = f"%{word}%"
        statement = statement.where(or_(
            Person.surname_cyr.like(pattern), Person.given_name_cyr.like(pattern),
            Person.surname_lat.like(pattern), Person.given_name_lat.like(pattern),
        ))
    return list(db.execute(statement.limit(limit)).scalars())


def recalled(services: Services, names_of: dict, births: dict, kind: str, text: str,
             target: object, ranked: list) -> bool:
    """In the first five, or only indistinguishable persons ranked above: namesakes for a
    name, persons born the same day for a date."""
    if target in ranked:
        return True
    if kind == "file number" or not ranked:
        return False
    alike = births if kind == "birth date" else names_of
    longer = [h.person_id for h in services.search.search(text, limit=200)]
    if target not in longer:
        return False
    return all(alike[p] == alike[target] for p in longer[: longer.index(target)])


# Logs in, then times one query (argv: bench folder, "relais" or "like", the query); prints
# the seconds it took.
FIRST_SEARCH = """
import sys, time
sys.path.insert(0, sys.argv[1])
from _common import BENCH_DIR, PASSWORD, USER
from search import like_search
from sqlmodel import Session
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault
services = Services.for_session(Vault(DataPaths.portable(BENCH_DIR)).login(USER, PASSWORD))
started = time.perf_counter()
if sys.argv[2] == "relais":
    services.search.search(sys.argv[3], limit=5)
else:
    with Session(services.session.engine) as db:
        like_search(db, sys.argv[3], 5)
print(time.perf_counter() - started)
services.session.close()
"""


def first_search_in_fresh_process(kind: str, query: str) -> float:
    env = {**os.environ, "RELAIS_BENCH_DIR": str(BENCH_DIR)}
    done = subprocess.run([sys.executable, "-c", FIRST_SEARCH, str(Path(__file__).parent),
                           kind, query], check=True, env=env, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--first-rounds", type=int, default=7,
                        help="fresh processes timing their first search (and as many LIKE)")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    services = Services.for_session(Vault(DataPaths.portable(BENCH_DIR)).login(USER, PASSWORD))
    engine = services.session.engine
    with Session(engine) as db:
        ids = list(db.execute(select(Person.id)).scalars())
        people = [db.get(Person, pid) for pid in rng.sample(ids, args.queries // 8 + 1)]
        everyone = list(db.execute(select(Person)).scalars())
        names_of = {p.id: (p.surname_cyr, p.given_name_cyr) for p in everyone}
        births = {p.id: p.birth_date for p in everyone}
        cases = db.execute(select(CaseFile.file_number, HouseholdMember.person_id).join(
            HouseholdMember, HouseholdMember.household_id == CaseFile.household_id)).all()
    workload: list[tuple[str, str, object]] = []
    for person in people:
        workload += [(kind, text, person.id) for kind, text in name_queries(person, rng)]
    for number, person_id in rng.sample(cases, 20):
        workload.append(("file number", number, person_id))
    for person in people[:20]:
        workload.append(("birth date", f"{person.birth_date:%d/%m/%Y}", person.id))
    rng.shuffle(workload)

    # The first search of a process right after login: the one a user waits for. Name
    # queries (identifiers are cheap lookups), a different one each round.
    firsts = [text for kind, text, _ in workload if kind not in ("file number", "birth date")]
    first_run = interleave(
        lambda i: first_search_in_fresh_process("like", firsts[i]),
        lambda i: first_search_in_fresh_process("relais", firsts[i]), args.first_rounds)
    first = Stats.of([took * 1000 for took in first_run.subject_results])
    first_like = Stats.of([took * 1000 for took in first_run.baseline_results])

    # Then each query through LIKE and through Relais, interleaved (A B A B): the LIKE
    # scans compete with Relais for the cache exactly as a neighbour's load would.
    with Session(engine) as db:
        run = interleave(lambda i: like_search(db, workload[i][1], 5),
                         lambda i: [h.person_id for h in services.search.search(
                             workload[i][1], limit=5)],
                         len(workload))
    found: dict[str, list[bool]] = {}
    latencies: dict[str, list[float]] = {}
    like_found: dict[str, list[bool]] = {}
    for (kind, text, target), ranked, like, took in zip(
            workload, run.subject_results, run.baseline_results, run.subject_times,
            strict=True):
        latencies.setdefault(kind, []).append(took)
        found.setdefault(kind, []).append(recalled(services, names_of, births, kind, text,
                                                   target, ranked))
        like_found.setdefault(kind, []).append(target in like or (
            bool(like) and all(names_of[p] == names_of[target] for p in like)))
    names = [ok for kind, oks in found.items() if kind not in ("file number", "birth date")
             for ok in oks]
    like_names = [ok for kind, oks in like_found.items()
                  if kind not in ("file number", "birth date") for ok in oks]
    recall, like_recall = sum(names) / len(names), sum(like_names) / len(like_names)
    subject, baseline = run.subject.scaled(1000), run.baseline.scaled(1000)
    print(f"queries: {len(workload)} ({len(names)} name queries) on {len(ids)} persons")
    print(f"first search after login: {first.line()} (floor 200 ms, goal 50 ms; "
          "each in a fresh process)")
    print(f"  first LIKE after login:  {first_like.line()} (interleaved baseline)")
    print(f"Relais search latency: {subject.line()}")
    print(f"LIKE baseline latency: {baseline.line()} (interleaved)")
    print(f"ratio Relais / LIKE (medians): {run.ratio:.2f}")
    print(f"recall@5, name queries: Relais {recall:.1%}, LIKE {like_recall:.1%}")
    for kind in sorted(found):
        oks, like_oks = found[kind], like_found[kind]
        print(f"  {kind:26} Relais {sum(oks):3}/{len(oks):<3} LIKE {sum(like_oks):3}/{len(oks):<3}"
              f" Relais latency {summary(latencies[kind])}")
    emit(Figure("first search after login (fresh processes; floor on the worst)", "ms",
                first, judged="worst", baseline=first_like, baseline_name="SQL LIKE",
                floor=200, goal=50))
    emit(Figure("search latency (floor on p95)", "ms", subject, judged="p95",
                baseline=baseline, baseline_name="SQL LIKE", floor=20, goal=10))
    emit(Figure("search recall@5, name queries", "%", Stats.of([recall * 100]),
                baseline=Stats.of([like_recall * 100]), baseline_name="SQL LIKE",
                higher_is_better=True))
    services.session.close()


if __name__ == "__main__":
    main()
