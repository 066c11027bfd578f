"""How varied the synthetic names are: distinct surnames and the spread of their frequency,
drawn without a database at 20,000 and 100,000 persons; with --dir, also what a generated
database holds (distinct surnames, distinct forms in the name index behind search).

    uv run python bench/names.py [--dir /tmp/relais-bench]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PASSWORD, USER

from desktop.core.demo.surnames import population

SIZES = (20_000, 100_000)


def drawn(persons: int, seed: int = 1) -> str:
    households: Counter[str] = Counter()
    holders: Counter[str] = Counter()
    for (masculine, _), size in population(persons, seed):
        households[masculine] += 1
        holders[masculine] += size
    ordered = sorted(holders.values(), reverse=True)
    once = sum(count == 1 for count in households.values())
    return (f"{persons:>7,} persons: {len(holders):,} distinct surnames; the most common held "
            f"by {ordered[0]} persons, the median by {ordered[len(ordered) // 2]}; "
            f"{once / len(households):.0%} of surnames in one household only")


def in_database(engine: Engine) -> list[str]:
    """Distinct surnames and name-index forms in a generated database."""
    counts = (("persons", "COUNT(*) FROM person"),
              ("distinct surnames (Cyrillic)", "COUNT(DISTINCT surname_cyr) FROM person"),
              ("distinct surnames (passport)", "COUNT(DISTINCT surname_lat) FROM person"),
              ("name index rows", "COUNT(*) FROM person_name_key"),
              ("distinct name forms in index", "COUNT(DISTINCT form) FROM person_name_key"),
              ("distinct keys in index", "COUNT(DISTINCT key) FROM person_name_key"))
    with engine.connect() as connection:
        return [f"{label + ':':<31}{connection.execute(text('SELECT ' + sql)).scalar_one():,}"
                for label, sql in counts]


def open_engine(folder: Path) -> Engine:
    from desktop.paths import DataPaths
    from desktop.store.vault import Vault

    return Vault(DataPaths.portable(folder)).login(USER, PASSWORD).engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=None,
                        help="a database made by bench/generate.py, to count what it holds")
    args = parser.parse_args()
    for persons in SIZES:
        print(drawn(persons))
    if args.dir is not None:
        for line in in_database(open_engine(args.dir)):
            print(line)


if __name__ == "__main__":
    main()
