"""What the near-spelling triggers (migration 0012) add to writing name index rows: the
rows of real-looking persons (read from the bench database) written in batches into two
fresh databases at the current schema, one with the triggers and one without, alternating
(A B A B).

    uv run python bench/generate.py   # once
    uv run python bench/name_index_writes.py [--persons 20000] [--batch 2000]

The figure is the ratio of the medians: a demo or an import writes these rows among much
else, so this bounds what the triggers cost them.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, PASSWORD, USER
from _harness import Figure, emit, interleave

from desktop.core.bulk import insert_many
from desktop.core.models import PersonNameKey
from desktop.paths import DataPaths
from desktop.store.engine import open_engine
from desktop.store.migrate import upgrade_to_head
from desktop.store.vault import Vault

TRIGGERS = ("person_name_key_counted", "person_name_key_uncounted",
            "person_name_key_recounted")


def fresh_database(folder: Path, name: str, triggers: bool):
    engine = open_engine(folder / f"{name}.db", os.urandom(32))
    upgrade_to_head(engine, folder / f"{name}.db", folder / "backups")
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")  # rows without their persons
        if not triggers:
            for trigger in TRIGGERS:
                connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
    return engine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=2_000, help="persons per batch")
    args = parser.parse_args()
    session = Vault(DataPaths.portable(BENCH_DIR)).login(USER, PASSWORD)
    with session.engine.connect() as connection:
        rows = [dict(row._mapping, person_id=uuid.UUID(bytes=bytes(row.person_id)))
                for row in connection.exec_driver_sql(
            "SELECT person_id, form, key, normal FROM person_name_key WHERE person_id IN "
            "(SELECT id FROM person ORDER BY id LIMIT ?) ORDER BY person_id",
            (args.persons,))]
    session.close()
    per_person: dict[uuid.UUID, list[dict]] = {}
    for row in rows:
        per_person.setdefault(row["person_id"], []).append(row)
    people = list(per_person.values())
    batches = [[row for person in people[start:start + args.batch] for row in person]
               for start in range(0, len(people), args.batch)]
    with tempfile.TemporaryDirectory() as folder:
        plain = fresh_database(Path(folder), "plain", triggers=False)
        kept = fresh_database(Path(folder), "kept", triggers=True)

        def write(engine, i: int) -> None:
            with engine.begin() as connection:
                connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
                insert_many(connection, PersonNameKey.__table__, batches[i])  # type: ignore[attr-defined]

        run = interleave(lambda i: write(plain, i), lambda i: write(kept, i), len(batches))
        with kept.connect() as connection:
            forms = connection.exec_driver_sql("SELECT count(*) FROM name_form").scalar_one()
        plain.dispose()
        kept.dispose()
    without, with_ = run.baseline.scaled(1000), run.subject.scaled(1000)
    print(f"{len(rows):,} rows of {len(people):,} persons, {forms:,} distinct forms, "
          f"batches of {args.batch:,} persons")
    print(f"without triggers: {without.line()}")
    print(f"with triggers:    {with_.line()}")
    print(f"ratio:            {run.ratio:.2f}×")
    emit(Figure("name index rows written, with the near-spelling triggers", "ms", with_,
                baseline=without, baseline_name="without triggers"))


if __name__ == "__main__":
    main()
