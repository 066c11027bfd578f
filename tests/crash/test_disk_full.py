"""The disk fills up in the middle of an import and of a backup (a small tmpfs, in a mount
namespace of the test's own: ``unshare -rm``, no machine-wide mount): a clear message, and
nothing that was there is lost (issue 12, item 5)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from desktop.core.i18n import Translator
from tests.store.test_login_unwritable import REPO, _can_mount

needs_mount = pytest.mark.skipif(
    not _can_mount(), reason="mounting a small tmpfs needs a private mount namespace "
    "(unshare -rm), which this machine does not allow")

# Prepares an installation with 50 persons, fills the small disk up to FREE bytes, runs the
# command through the CLI in this process, then reports what the database holds.
SCRIPT = """
import errno, io, json, os, sys
from pathlib import Path
from sqlalchemy import text
from desktop.cli import run_cli
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.crypto import KdfParams
from desktop.store.vault import NewOrganisation, Vault

disk, data, free, what = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
vault = Vault(DataPaths.portable(data), kdf=KdfParams(1, 8 * 1024, 1))
session, _ = vault.create(NewOrganisation("CPAS de Liège", "62063", "fr"), "admin",
                          os.environ["RELAIS_PASSWORD"], language="fr")
Services.for_session(session).demo.generate(50)
session.close()
sheet = Path(sys.argv[5])
sheet.write_text("Nom;Prénom;Date de naissance;Sexe\\n" + "".join(
    f"Nom{n};Prénom{n};01/01/19{50 + n % 50};F\\n" for n in range(4000)), encoding="utf-8")
filler = disk / "filler"
handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
try:
    while True:
        os.write(handle, b"x" * 4096)
except OSError as error:
    assert error.errno == errno.ENOSPC, error
os.close(handle)
if free < 0:  # -N: room for N/10 of the database (its snapshot fits, the backup file not)
    free = (data / "relais.db").stat().st_size * -free // 10
os.truncate(filler, max(0, filler.stat().st_size - free))
argv = ["--data-dir", str(data), "--lang", "en"]
command = (["import", str(sheet)] if what == "import"
           else ["backup", "now", "--to", str(disk / "usb")])
(disk / "usb").mkdir(exist_ok=True)
out, err = io.StringIO(), io.StringIO()
code = run_cli([*argv[:4], *command, "--user", "admin"], stdout=out, stderr=err)
filler.unlink()  # room again: the database must open as it was
session = vault.login("admin", os.environ["RELAIS_PASSWORD"])
with session.engine.connect() as connection:
    integrity = connection.execute(text("PRAGMA integrity_check")).scalar_one()
    persons = connection.execute(text("SELECT count(*) FROM person")).scalar_one()
session.close()
print(json.dumps({"code": code, "err": err.getvalue().strip(), "integrity": integrity,
                  "persons": persons, "left": sorted(p.name for p in (disk / "usb").iterdir())}))
"""


def run(tmp_path, what: str, data_on_disk: bool, free: int) -> dict:
    disk = tmp_path / "disk"
    disk.mkdir()
    data = disk / "relais" if data_on_disk else tmp_path / "relais"
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f'mount -t tmpfs -o size=3m tmpfs "{disk}" && '
         'exec "$@"', "sh", sys.executable, "-c", SCRIPT, str(disk), str(data), str(free),
         what, str(tmp_path / "liste.csv")],
        capture_output=True, text=True, timeout=300, cwd=REPO,
        env={"RELAIS_PASSWORD": "correct horse battery", "PATH": "/usr/bin:/bin",
             "HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@needs_mount
def test_an_import_that_fills_the_disk_says_so_and_loses_nothing(tmp_path):
    result = run(tmp_path, "import", data_on_disk=True, free=256 * 1024)
    assert result["code"] == 1
    assert result["err"] == Translator("en")("store.disk_full")
    assert result["integrity"] == "ok"
    assert result["persons"] == 50  # what was there, and none of the import


@needs_mount
@pytest.mark.parametrize("free", [64 * 1024, -15], ids=["in-the-snapshot", "in-the-file"])
def test_a_backup_that_fills_its_folder_says_so_and_leaves_nothing(tmp_path, free):
    result = run(tmp_path, "backup", data_on_disk=False, free=free)
    assert result["code"] == 1
    assert "is full" in result["err"], result["err"]
    assert result["left"] == []  # no partial file, no snapshot copy
    assert result["integrity"] == "ok" and result["persons"] == 50


@needs_mount
def test_a_read_only_backup_folder_is_named_and_the_database_untouched(vault, created,
                                                                       tmp_path):
    """Even as root (a read-only bind mount is read-only for everyone)."""
    created[0].close()
    usb = tmp_path / "usb"
    usb.mkdir()
    read_only = f'mount --bind "{usb}" "{usb}" && mount -o remount,bind,ro "{usb}"'
    before = vault.paths.database.read_bytes()
    done = subprocess.run(
        ["unshare", "-rm", "sh", "-c", f'{read_only} && exec "$@"', "sh", sys.executable,
         "-m", "desktop", "--data-dir", str(vault.paths.root), "--lang", "en", "backup",
         "now", "--to", str(usb), "--user", "admin"],
        capture_output=True, text=True, timeout=120, cwd=REPO,
        env={"RELAIS_PASSWORD": "correct horse battery", "PATH": "/usr/bin:/bin",
             "HOME": str(tmp_path)})
    assert done.returncode == 1
    assert done.stderr.strip() == Translator("en")("backup.folder_unwritable", folder=str(usb))
    assert list(usb.iterdir()) == []
    # the command's sign-in audits itself (in the WAL); the database file's header is as it was
    assert vault.paths.database.read_bytes()[:4096] == before[:4096]
