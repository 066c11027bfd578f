"""A password is checked only where a wrong one can be counted (issue 9, item 6), and a full
disk at login is called a full disk (item 7). On a real read-only folder (a read-only bind
mount) and a real full disk (a small tmpfs), in a process with its own mount namespace
(``unshare``), so no root and no machine-wide mount is needed."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.core.i18n import Translator
from tests.conftest import ADMIN_PASSWORD

REPO = Path(__file__).resolve().parents[2]


@functools.cache
def _can_mount() -> bool:
    if sys.platform != "linux" or not shutil.which("unshare"):
        return False
    done = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs tmpfs /mnt"],
                          capture_output=True, timeout=30)
    return done.returncode == 0


needs_mount = pytest.mark.skipif(not _can_mount(),
                                 reason="needs a private mount namespace (unshare -rm)")


def _in_namespace(mount: str, command: list[str], **kwargs) -> subprocess.CompletedProcess:
    """``command`` in its own mount namespace, after the shell line ``mount`` ran there."""
    return subprocess.run(["unshare", "-rm", "sh", "-c", f'{mount} && exec "$@"', "sh",
                           *command], capture_output=True, text=True, timeout=120,
                          cwd=REPO, **kwargs)


def _cli(folder: Path, password: str) -> list[str]:
    return [sys.executable, "-m", "desktop", "--data-dir", str(folder), "--lang", "en",
            "search", "x", "--user", "admin"]


@needs_mount
@pytest.mark.parametrize("password", [ADMIN_PASSWORD, "a wrong password"])
def test_a_read_only_data_folder_refuses_to_check_the_password(vault, created, password):
    created[0].close()
    folder = vault.paths.root
    read_only = f'mount --bind "{folder}" "{folder}" && mount -o remount,bind,ro "{folder}"'
    done = _in_namespace(read_only, _cli(folder, password),
                         env={**os.environ, "RELAIS_PASSWORD": password})
    # right or wrong, the same refusal: a wrong password here could not be counted
    assert done.returncode == 1
    assert done.stderr.strip() == Translator("en")("auth.not_checked_read_only",
                                                   path=str(folder))


# Creates an installation on the small disk, fills the disk up to ``free`` bytes, signs in.
FULL_DISK = """
import errno, json, os, sys
from pathlib import Path
from desktop.core.errors import RelaisError
from desktop.paths import DataPaths
from desktop.store.crypto import KdfParams
from desktop.store.vault import NewOrganisation, Vault

disk, free, password = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
vault = Vault(DataPaths.portable(disk / "relais"), kdf=KdfParams(1, 8 * 1024, 1))
session, _ = vault.create(NewOrganisation("CPAS de Liège", "62063", "fr"), "admin", password,
                          language="fr")
session.close()
filler = disk / "filler"
handle = os.open(filler, os.O_WRONLY | os.O_CREAT)
try:
    while True:
        os.write(handle, b"x" * 4096)
except OSError as error:
    assert error.errno == errno.ENOSPC, error
os.close(handle)
os.truncate(filler, max(0, filler.stat().st_size - free))
try:
    vault.login("admin", password).close()
    print(json.dumps(["signed in"]))
except RelaisError as error:
    print(json.dumps([error.key, error.params]))
"""


@needs_mount
@pytest.mark.parametrize(("free", "key"), [
    (0, "auth.not_checked_disk_full"),  # not even keys.json can be written
    (16 * 1024, "store.disk_full"),  # keys.json can, SQLite's shared memory file cannot
])
def test_a_full_disk_at_login_is_called_a_full_disk(tmp_path, free, key):
    disk = tmp_path / "disk"
    disk.mkdir()
    done = _in_namespace(f'mount -t tmpfs -o size=2m tmpfs "{disk}"',
                         [sys.executable, "-c", FULL_DISK, str(disk), str(free),
                          ADMIN_PASSWORD])
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)[0] == key
