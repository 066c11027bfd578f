"""A second Relais process for the concurrency tests, on the real services:

    python -m tests.store.relais_process hold DATA_DIR            holds the write lock
    python -m tests.store.relais_process import DATA_DIR FILE    plans, then imports
    python -m tests.store.relais_process demo DATA_DIR PERSONS   generates demo data

Each signs in as ``admin`` (RELAIS_PASSWORD), prints ``ready`` once prepared, and waits for a
line on stdin before its write (``hold``: until stdin closes), so the test starts several
writes at the same moment. A failure ends with its traceback on stderr and exit code 1.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault


def _services(data_dir: str) -> Services:
    session = Vault(DataPaths.portable(Path(data_dir))).login("admin",
                                                               os.environ["RELAIS_PASSWORD"])
    return Services.for_session(session)


def _ready() -> None:
    print("ready", flush=True)


def hold(data_dir: str) -> None:
    services = _services(data_dir)
    with services.session.engine.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        _ready()
        sys.stdin.read()  # until the test closes it
        connection.rollback()


def import_file(data_dir: str, file: str) -> None:
    services = _services(data_dir)
    plan = services.imports.plan(Path(file))
    _ready()
    sys.stdin.readline()
    services.imports.run(plan)
    services.session.close()


def demo(data_dir: str, persons: str) -> None:
    services = _services(data_dir)
    _ready()
    sys.stdin.readline()
    services.demo.generate(int(persons))
    services.session.close()


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    {"hold": hold, "import": import_file, "demo": demo}[command](*arguments)
