"""``kill -9`` in the middle of an import, a demo generation, a merge and a backup: the
database then passes SQLite's integrity check, its audit chain verifies, and each operation
is wholly there or wholly absent (issue 12, item 5).

Each operation runs in a real process (the CLI, tests/crash/paused_cli.py) that pauses
between two of its statements with its transaction open; the test kills it there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.core.audit.chain import verify as verify_chain
from desktop.services import Services
from desktop.store.vault import Vault
from tests.conftest import ADMIN_PASSWORD

REPO = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "RELAIS_USER": "admin", "RELAIS_PASSWORD": ADMIN_PASSWORD}


def start(data_dir: Path, pattern: str, count: int, *argv: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash.paused_cli", pattern, str(count), "--",
         "--data-dir", str(data_dir), "--lang", "en", *argv],
        cwd=REPO, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def kill_at_marker(process: subprocess.Popen) -> None:
    line = process.stdout.readline()
    assert line.strip() == "mid-write", process.stderr.read()[-2000:]
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def check(vault: Vault) -> Services:
    """Opens the database after the kill: integrity, the audit chain; the services to count."""
    services = Services.for_session(vault.login("admin", ADMIN_PASSWORD))
    with services.session.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar_one() == "ok"
        assert verify_chain(connection).intact
    return services


def count(services: Services, sql: str) -> int:
    with services.session.engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


PERSONS = "SELECT count(*) FROM person WHERE deleted_at IS NULL"
# every person written has its creation in the audit, written in the same transaction
AUDITED = "SELECT count(*) FROM audit_event WHERE entity = 'person' AND action = 'create'"


def test_an_import_killed_midway_leaves_no_row_of_it(vault, services, tmp_path):
    sheet = tmp_path / "liste.csv"
    sheet.write_text("Nom;Prénom;Date de naissance;Sexe\n" + "".join(
        f"Nom{n};Prénom{n};01/01/19{50 + n % 50};F\n" for n in range(3000)), encoding="utf-8")
    services.session.close()
    process = start(vault.paths.root, "INSERT INTO person ", 1, "import", str(sheet))
    kill_at_marker(process)
    after = check(vault)
    assert count(after, PERSONS) == 0 and count(after, AUDITED) == 0
    after.session.close()


def test_a_demo_generation_killed_midway_keeps_whole_batches_only(vault, services):
    services.session.close()
    # after three commits (the login's audit, the partner directory's examples, the first
    # batch): the second batch's persons
    process = start(vault.paths.root, "3:INSERT INTO person ", 1, "demo", "--persons",
                    "6000")  # two batches (demo.HOUSEHOLDS_PER_BATCH households each)
    kill_at_marker(process)
    after = check(vault)
    persons = count(after, PERSONS)
    assert 0 < persons < 6000
    assert count(after, AUDITED) == persons
    # every household of the committed batch is whole: each member's person is there
    assert count(after, "SELECT count(*) FROM household_member m LEFT JOIN person p "
                        "ON p.id = m.person_id WHERE p.id IS NULL") == 0
    after.session.close()


MERGE = """
import os, sys, uuid
from desktop.services import Services
from desktop.store.vault import Vault
from desktop.paths import DataPaths
from pathlib import Path
services = Services.for_session(Vault(DataPaths.portable(Path(sys.argv[1]))).login(
    "admin", os.environ["RELAIS_PASSWORD"]))
services.merge.merge(uuid.UUID(sys.argv[2]), uuid.UUID(sys.argv[3]))
"""


def test_a_merge_killed_midway_leaves_both_persons_as_they_were(vault, services):
    services.demo.generate(20)
    keep, other = [row[0] for row in services.session.engine.connect().execute(text(
        "SELECT p.id FROM person p JOIN identity_document d ON d.person_id = p.id "
        "GROUP BY p.id LIMIT 2"))]
    documents = "SELECT count(*) FROM identity_document WHERE person_id = :id"
    with services.session.engine.connect() as connection:
        before = [connection.execute(text(documents), {"id": pid}).scalar_one()
                  for pid in (keep, other)]
    services.session.close()
    # Merging has no command of its own: the same service, in a process of its own, paused
    # at its second UPDATE (the kept person updated, the documents being moved).
    process = subprocess.Popen(
        [sys.executable, "-c", "import runpy, sys; sys.argv = ['x', 'UPDATE', '2', '--'];"
         "from tests.crash import paused_cli as p;"
         "from sqlalchemy import event; from sqlalchemy.engine import Engine;"
         "import time\n"
         "seen = [0]\n"
         "def trace(s):\n"
         "    if s.lstrip().upper().startswith('UPDATE'):\n"
         "        seen[0] += 1\n"
         "        if seen[0] == 2: print('mid-write', flush=True); time.sleep(600)\n"
         "event.listen(Engine, 'connect', lambda c, r: c.set_trace_callback(trace))\n"
         f"sys.argv = ['x', {str(vault.paths.root)!r}, {str(uuid.UUID(bytes=keep))!r}, "
         f"{str(uuid.UUID(bytes=other))!r}]\n" + MERGE],
        cwd=REPO, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    kill_at_marker(process)
    after = check(vault)
    with after.session.engine.connect() as connection:
        assert [connection.execute(text(documents), {"id": pid}).scalar_one()
                for pid in (keep, other)] == before
        assert connection.execute(text(
            "SELECT count(*) FROM person WHERE id = :id AND deleted_at IS NULL"),
            {"id": other}).scalar_one() == 1
        assert connection.execute(text(
            "SELECT count(*) FROM audit_event WHERE action = 'merge'")).scalar_one() == 0
    after.session.close()


@pytest.mark.parametrize("moment", [".relais-snapshot-", ".partial"])
def test_a_backup_killed_midway_leaves_no_file_that_looks_whole(vault, services, tmp_path,
                                                                  moment):
    services.demo.generate(400)
    persons = count(services, PERSONS)
    services.session.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    process = start(vault.paths.root, "-", 0, "backup", "now", "--to", str(usb))
    deadline = time.monotonic() + 60
    while not any(moment in p.name for p in usb.iterdir()):
        assert process.poll() is None, process.stderr.read()[-2000:]
        assert time.monotonic() < deadline
        time.sleep(0.001)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    # whatever it reached: no complete-looking backup unless it is a good one
    after = check(vault)
    assert count(after, PERSONS) == persons
    for made in usb.glob("*.relaisbackup"):
        after.backups.verify(made)
    # the next backup clears what the killed one left and succeeds
    good = after.backups.back_up(usb)
    assert sorted(p.name for p in usb.iterdir()) == sorted(
        {good.path.name, *(p.name for p in usb.glob("*.relaisbackup"))})
    after.session.close()
