"""A backup is one owner-only file holding the encrypted database copy, keys.json of the same
moment and a manifest; it is checked after writing; administrators only."""

import json
import os
import stat
import zipfile
from datetime import UTC, datetime

import pytest
import sqlcipher3

from desktop.core.enums import AuditAction, Role
from desktop.core.errors import AccessDenied, RelaisError
from desktop.store.backups.verify import verify
from tests.conftest import login_as


def audit_actions(services) -> list[str]:
    with services.session.engine.connect() as connection:
        return [row[0] for row in connection.exec_driver_sql(
            "SELECT action FROM audit_event ORDER BY seq")]


def test_a_backup_is_one_private_file_with_the_database_its_keys_and_a_manifest(
        services, paths, tmp_path):
    services.demo.generate(5)
    folder = tmp_path / "usb"
    folder.mkdir()
    verified = services.backups.back_up(folder)
    path = verified.path
    assert path.parent == folder and path.name.startswith("relais-cpas-de-liege-")
    assert path.suffix == ".relaisbackup"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [path.name]  # nothing left beside it
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["keys.json", "manifest.json", "relais.db"]
        assert all(i.compress_type == zipfile.ZIP_STORED for i in archive.infolist())
        manifest = json.loads(archive.read("manifest.json"))
        keys = archive.read("keys.json")
        database = archive.read("relais.db")
    assert keys == paths.keystore.read_bytes()
    assert not database.startswith(b"SQLite format 3")  # still encrypted
    assert manifest["database_id"] == json.loads(keys)["database_id"]
    assert manifest["organisation"]["name"] == "CPAS de Liège"
    assert manifest["counts"]["persons"] >= 5
    assert manifest["audit_head"]["seq"] > 0 and len(manifest["audit_head"]["hash"]) == 64
    assert set(manifest["members"]) == {"relais.db", "keys.json"}
    assert manifest["schema_revision"]
    # the copy opens with the data key and is whole
    assert verify(path, services.session.data_key).manifest.counts == manifest["counts"]
    assert audit_actions(services)[-1] == AuditAction.BACKUP


def test_a_damaged_backup_fails_its_verification(services, tmp_path):
    verified = services.backups.back_up(tmp_path)
    raw = bytearray(verified.path.read_bytes())
    middle = raw.index(b"keys.json") // 2  # inside the database member
    raw[middle] ^= 0xFF
    verified.path.write_bytes(bytes(raw))
    with pytest.raises(RelaisError) as caught:
        services.backups.verify(verified.path)
    assert caught.value.key == "backup.damaged"


def test_a_backup_with_another_key_does_not_open(services, tmp_path):
    verified = services.backups.back_up(tmp_path)
    with pytest.raises(RelaisError) as caught:
        verify(verified.path, bytes(32))
    assert caught.value.key == "backup.wrong_key"


def test_only_administrators_back_up(vault, services, tmp_path):
    worker = login_as(vault, services, "marie", Role.SOCIAL_WORKER)
    with pytest.raises(AccessDenied):
        worker.backups.back_up(tmp_path)
    with pytest.raises(AccessDenied):
        worker.backups.list(tmp_path)
    # the schedule runs in any session, on the administrator's settings
    assert worker.backups.back_up_scheduled(tmp_path).path.exists()


@pytest.mark.parametrize("case", ["missing", "file", "read_only"])
def test_a_folder_that_cannot_take_it_is_named_and_nothing_is_touched(
        services, paths, tmp_path, case):
    before = paths.database.stat().st_size
    target = tmp_path / "usb"
    if case == "file":
        target.write_text("not a folder")
    elif case == "read_only":
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder: run as a user to test this")
        target.mkdir()
        target.chmod(0o500)
    with pytest.raises(RelaisError) as caught:
        services.backups.back_up(target)
    assert caught.value.key == {"missing": "backup.folder_missing", "file": "backup.not_a_folder",
                                "read_only": "backup.folder_unwritable"}[case]
    assert paths.database.stat().st_size == before


def test_leftovers_of_a_crashed_backup_are_removed_and_other_files_kept(services, tmp_path):
    partial = tmp_path / "relais-cpas-de-liege-20260101T000000Z.relaisbackup.partial"
    partial.write_bytes(b"half")
    snapshot = tmp_path / ".relais-snapshot-abc.db"
    snapshot.write_bytes(b"half")
    mine = tmp_path / "holiday.jpg"
    mine.write_bytes(b"photo")
    services.backups.back_up(tmp_path)
    assert not partial.exists() and not snapshot.exists()
    assert mine.read_bytes() == b"photo"


def test_the_list_holds_this_organisations_backups_newest_first(services, tmp_path):
    first = services.backups.back_up(tmp_path)
    services.backups.clock = lambda: datetime(2030, 1, 2, tzinfo=UTC)
    second = services.backups.back_up(tmp_path)
    (tmp_path / "relais-other-20300101T000000Z.relaisbackup").write_bytes(b"not a zip")
    listed = services.backups.list(tmp_path)
    assert [e.path for e in listed] == [second.path, first.path]


def test_sqlcipher_copy_keeps_the_key(services, tmp_path):
    verified = services.backups.back_up(tmp_path)
    with zipfile.ZipFile(verified.path) as archive:
        (tmp_path / "copy.db").write_bytes(archive.read("relais.db"))
    connection = sqlcipher3.connect(str(tmp_path / "copy.db"))
    with pytest.raises(sqlcipher3.DatabaseError):
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()


def test_a_backup_is_made_while_another_process_holds_the_write_lock(services, tmp_path):
    """The copy is a read (WAL): another Relais writing does not stop it, and what that
    process has not committed is not in it."""
    from tests.store.test_two_processes import helper

    services.demo.generate(3)
    holder = helper("hold", services.session.vault.paths.root)
    try:
        verified = services.backups.back_up(tmp_path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    assert verified.manifest.counts["persons"] >= 3
