"""A backup and its verification at 100,000 persons, beside a plain copy of the same file.

    uv run python bench/backup.py [--persons 100000] [--dir /tmp/relais-bench-backup]

The installation is made once (demo data) and kept in --dir for the next runs. Prints the
time and MB/s of: a plain ``shutil.copyfile`` of relais.db; the backup (snapshot through
SQLite's backup API, zip written and synced); its verification (read back, hashes,
``PRAGMA integrity_check``); and, for the choice made in store/backups/verify.py, the
same check as ``quick_check``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PASSWORD, USER

from desktop.core.organisation import organisation_name
from desktop.core.reference import reference_data
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.backups import archive
from desktop.store.backups.verify import verify
from desktop.store.vault import NewOrganisation, Vault


def build(folder: Path, persons: int) -> None:
    paths = DataPaths.portable(folder)
    if paths.keystore.exists():
        return
    shutil.rmtree(folder, ignore_errors=True)
    liege = reference_data().municipality("62063")
    session, _ = Vault(paths).create(
        NewOrganisation(organisation_name(liege), liege.refnis, liege.document_language),
        USER, PASSWORD, language="fr")
    started = time.perf_counter()
    Services.for_session(session).demo.generate(persons, seed=1)
    session.close()
    print(f"database built:         {persons} persons in {time.perf_counter() - started:.0f} s")


def rate(size: int, seconds: float) -> str:
    return f"{seconds:6.2f} s  {size / 1e6 / seconds:7.1f} MB/s"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/relais-bench-backup"))
    args = parser.parse_args()
    build(args.dir, args.persons)
    paths = DataPaths.portable(args.dir)
    services = Services.for_session(Vault(paths).login(USER, PASSWORD))
    key = services.session.data_key
    with services.session.engine.connect() as connection:  # a copy of the whole file
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    size = paths.database.stat().st_size
    print(f"database:               {size / 1e6:.1f} MB, "
          f"{services.backups.organisation_name}")
    with tempfile.TemporaryDirectory(dir=args.dir.parent) as out:
        target = Path(out)
        started = time.perf_counter()
        shutil.copyfile(paths.database, target / "plain-copy.db")
        print(f"plain file copy:        {rate(size, time.perf_counter() - started)}")
        (target / "plain-copy.db").unlink()

        started = time.perf_counter()
        snapshot = target / "snapshot.db"
        archive.snapshot(paths.database, paths.keystore, key, snapshot)
        print(f"  snapshot (backup API):{rate(size, time.perf_counter() - started)}")
        for check in ("quick_check", "integrity_check"):
            connection = archive.connect(snapshot, key)
            started = time.perf_counter()
            result = connection.execute(f"PRAGMA {check}").fetchone()[0]
            connection.close()
            print(f"  PRAGMA {check + ':':16}{rate(size, time.perf_counter() - started)}"
                  f"  ({result})")
        snapshot.unlink()

        started = time.perf_counter()
        made = services.backups.back_up(target)  # includes its own verification
        whole = time.perf_counter() - started
        started = time.perf_counter()
        verify(made.path, key)
        checked = time.perf_counter() - started
        print(f"backup, verified:       {rate(size, whole)}  ({made.size / 1e6:.1f} MB file; "
              "snapshot, file, its verification, rotation, audit)")
        print(f"  a verification alone: {rate(size, checked)}")
        print(f"  the backup without it:{rate(size, whole - checked)}")
    services.session.close()


if __name__ == "__main__":
    main()
