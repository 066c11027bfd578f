"""Create an installation with N synthetic persons and print generation time and size.

    uv run python bench/generate.py [--persons 100000] [--dir /tmp/relais-bench]

The folder is kept for the other benchmarks (startup.py, login.py, case_list.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, PASSWORD, USER
from names import in_database

from desktop.core.organisation import organisation_name
from desktop.core.reference import reference_data
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.settings import Settings
from desktop.store.vault import NewOrganisation, Vault


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=BENCH_DIR)
    args = parser.parse_args()
    shutil.rmtree(args.dir, ignore_errors=True)
    paths = DataPaths.portable(args.dir)
    liege = reference_data().municipality("62063")
    session, _ = Vault(paths).create(
        NewOrganisation(organisation_name(liege), liege.refnis, liege.document_language),
        USER, PASSWORD, language="fr")
    Settings(language="fr", last_username=USER,
             organisation_name=organisation_name(liege)).save(paths.settings)
    services = Services.for_session(session)
    for name in ("marie", "jan", "olena"):
        services.users.add_user(name, "social_worker", "worker password 12")
    started = time.perf_counter()
    made = services.demo.generate(args.persons, seed=1)
    elapsed = time.perf_counter() - started
    names = in_database(session.engine)
    session.close()
    size = sum(f.stat().st_size for f in args.dir.glob("relais.db*"))
    print(f"persons generated:      {made}")
    print(f"generation time:        {elapsed:.1f} s  (goal < 60 s)")
    print(f"database size:          {size / 1024 / 1024:.1f} MB ({args.dir / 'relais.db'})")
    print("names:")
    for line in names:
        print(f"  {line}")


if __name__ == "__main__":
    main()
