"""A backup file made or edited by someone else: a manifest that lies about its
organisation or its schema, a member whose declared size is not what it holds. Each is
refused with a named reason and the live database stays where it is."""

import json
import struct
import zipfile
from pathlib import Path

import pytest

from desktop.core.errors import RelaisError
from desktop.store.backups.archive import connect
from desktop.store.backups.restore import Restorer, unlock
from desktop.store.backups.verify import verify
from desktop.store.vault import Vault
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, LIEGE


def rewritten(source: Path, target: Path, manifest_change=None, database: bytes | None = None
              ) -> Path:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        members = {}
        for name in old.namelist():
            members[name] = old.read(name)
        if database is not None:
            import hashlib

            members["relais.db"] = database
            manifest = json.loads(members["manifest.json"])
            manifest["members"]["relais.db"]["sha256"] = hashlib.sha256(database).hexdigest()
            members["manifest.json"] = json.dumps(manifest).encode()
        if manifest_change:
            manifest = json.loads(members["manifest.json"])
            manifest_change(manifest)
            members["manifest.json"] = json.dumps(manifest).encode()
        for name, data in members.items():
            new.writestr(name, data)
    return target


def live_untouched(paths) -> bool:
    return paths.database.exists() and not list(paths.root.glob("*.before-restore-*"))


def test_a_manifest_claiming_this_organisation_does_not_let_another_ones_backup_in(
        services, paths, tmp_path):
    live = json.loads(paths.keystore.read_text())["database_id"]
    other = Vault(type(paths).portable(tmp_path / "other"), kdf=FAST_KDF)
    session, _ = other.create(LIEGE, "admin", ADMIN_PASSWORD, language="fr")
    session.close()
    from desktop.services import Services

    other_session = other.login("admin", ADMIN_PASSWORD)
    (tmp_path / "b").mkdir()
    try:
        theirs = Services.for_session(other_session).backups.back_up(tmp_path / "b").path
    finally:
        other_session.close()
    lying = rewritten(theirs, tmp_path / "lying.relaisbackup",
                      lambda m: m.update(database_id=live))
    with pytest.raises(RelaisError) as caught:
        Restorer(paths).check(lying)
    assert caught.value.key == "backup.other_organisation"
    services.session.close()
    data_key = unlock(lying, "admin", ADMIN_PASSWORD)
    with pytest.raises(RelaisError) as caught:
        Restorer(paths).apply(lying, data_key, "admin")
    assert caught.value.key == "backup.other_organisation"
    assert live_untouched(paths)


def test_a_database_newer_than_its_manifest_says_is_refused_before_the_swap(
        services, paths, tmp_path):
    backup = services.backups.back_up(tmp_path).path
    data_key, username = services.backups.restore_key()
    copy = tmp_path / "copy.db"
    with zipfile.ZipFile(backup) as archive:
        copy.write_bytes(archive.read("relais.db"))
    connection = connect(copy, data_key)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    lying = rewritten(backup, tmp_path / "newer.relaisbackup", database=copy.read_bytes())
    services.session.close()
    with pytest.raises(RelaisError) as caught:
        Restorer(paths).apply(lying, data_key, username)
    assert live_untouched(paths)
    assert caught.value.key == "backup.newer_version"


def test_a_member_declaring_more_bytes_than_it_holds_is_named_damaged(
        services, paths, tmp_path):
    backup = services.backups.back_up(tmp_path).path
    data_key, username = services.backups.restore_key()
    raw = bytearray(backup.read_bytes())
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        length = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46:at + 46 + length] == b"relais.db":
            struct.pack_into("<II", raw, at + 20, 0xF0000000, 0xF0000000)  # ~4 GB
        at = raw.find(b"PK\x01\x02", at + 4)
    big = tmp_path / "big.relaisbackup"
    big.write_bytes(bytes(raw))
    with pytest.raises(RelaisError) as caught:
        verify(big, data_key)
    assert caught.value.key in {"backup.damaged", "store.disk_full"}
    services.session.close()
    with pytest.raises(RelaisError) as caught:
        Restorer(paths).apply(big, data_key, username)
    assert caught.value.key in {"backup.damaged", "backup.not_a_backup", "store.disk_full"}
    assert live_untouched(paths)
    assert not list(paths.root.glob(".*.restoring"))


HOLDER = """
import sys, time, sqlcipher3
connection = sqlcipher3.connect(sys.argv[1])
connection.execute(f"PRAGMA key = \\"x'{sys.argv[2]}'\\"")
connection.execute("SELECT count(*) FROM person").fetchone()
print("open", flush=True)
time.sleep(60)
"""


def test_a_restore_while_another_relais_has_the_database_open_is_refused(
        services, paths, tmp_path):
    """Else that process goes on writing into the file set aside, and what its user types
    from then on is lost from sight."""
    import subprocess
    import sys

    backup = services.backups.back_up(tmp_path).path
    data_key, username = services.backups.restore_key()
    services.session.close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(paths.database),
                               data_key.hex()], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(RelaisError) as caught:
            Restorer(paths).apply(backup, data_key, username)
        assert caught.value.key == "backup.database_in_use"
        assert live_untouched(paths)
        assert not list(paths.root.glob(".*.restoring"))
    finally:
        holder.kill()
        holder.wait()
    Restorer(paths).apply(backup, data_key, username)  # once it is closed


def test_a_restore_stopped_in_the_middle_of_the_swap_leaves_a_database_to_sign_in_to(
        vault, services, paths, tmp_path, monkeypatch):
    """A crash (power cut, kill -9) between setting the live files aside and putting the
    backup's in place must not leave a folder that looks like a new installation."""
    import os

    backup = services.backups.back_up(tmp_path).path
    data_key, username = services.backups.restore_key()
    services.session.close()
    real_replace = os.replace

    def crash_on_the_incoming_copy(source, target, *args, **kwargs):
        if str(source).endswith(".restoring"):
            raise KeyboardInterrupt  # the process stops here
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(os, "replace", crash_on_the_incoming_copy)
    with pytest.raises(KeyboardInterrupt):
        Restorer(paths).apply(backup, data_key, username)
    monkeypatch.setattr(os, "replace", real_replace)
    assert paths.database.exists() and paths.keystore.exists()
    vault.login("admin", ADMIN_PASSWORD).close()


def test_what_a_restore_killed_midway_left_behind_is_cleared_by_the_next(
        services, paths, tmp_path):
    """kill -9 during the copy or the check leaves the copy being restored and SQLite's
    -wal and -shm beside it (tens of MB, and a -wal never to be replayed into the next
    copy): the next restore starts from none of them and leaves none."""
    backup = services.backups.back_up(tmp_path).path
    data_key, username = services.backups.restore_key()
    services.session.close()
    leftovers = [paths.root / f".{paths.database.name}.restoring{suffix}"
                 for suffix in ("", "-wal", "-shm")]
    for leftover in leftovers:
        leftover.write_bytes(b"left by a killed restore" * 100)
    Restorer(paths).apply(backup, data_key, username)
    assert not [p.name for p in paths.root.glob(".*restoring*")]
