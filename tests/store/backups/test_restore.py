"""A restore says what it replaces, keeps the live files aside, refuses another
organisation's or a newer backup, and works when the live database is broken."""

import json
import zipfile

import pytest

from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.i18n import Translator
from desktop.store.backups.restore import Restorer, describe_loss, unlock
from desktop.store.vault import Vault
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, LIEGE


def persons(session) -> int:
    with session.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT count(*) FROM person WHERE deleted_at IS NULL").scalar_one()


def test_restore_puts_the_backup_back_and_keeps_the_newer_data_aside(
        vault, services, paths, tmp_path):
    services.demo.generate(3)
    backup = services.backups.back_up(tmp_path).path
    count_then = persons(services.session)
    services.demo.generate(4)
    data_key, username = services.backups.restore_key()
    restorer = Restorer(paths)
    preview = restorer.preview(backup, data_key)
    assert preview.live_readable and preview.events_after > 0
    assert preview.live_persons > count_then
    lines = describe_loss(Translator("en"), preview)
    assert str(preview.events_after) in lines[1]
    services.session.close()

    restored = restorer.apply(backup, data_key, username)
    aside = {p.name.split(".before-restore-")[0] for p in restored.set_aside}
    assert {"relais.db", "keys.json"} <= aside
    assert all(p.exists() for p in restored.set_aside)
    session = vault.login("admin", ADMIN_PASSWORD)
    try:
        assert persons(session) == count_then
        with session.engine.connect() as connection:
            detail = connection.exec_driver_sql(
                "SELECT detail FROM audit_event WHERE action = 'restore'").scalar_one()
        assert json.loads(detail)["file"] == backup.name
    finally:
        session.close()


def test_a_backup_of_another_organisation_is_refused(services, paths, tmp_path):
    backup = services.backups.back_up(tmp_path).path
    other = Vault(type(paths).portable(tmp_path / "other"), kdf=FAST_KDF)
    session, _ = other.create(LIEGE, "admin", ADMIN_PASSWORD, language="fr")
    session.close()
    with pytest.raises(RelaisError) as caught:
        Restorer(other.paths).check(backup)
    assert caught.value.key == "backup.other_organisation"


def test_a_backup_from_a_newer_relais_is_refused(services, paths, tmp_path):
    backup = services.backups.back_up(tmp_path).path
    newer = tmp_path / "newer.relaisbackup"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(newer, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "manifest.json":
                manifest = json.loads(data)
                manifest["schema_revision"] = "9999_from_the_future"
                data = json.dumps(manifest).encode()
            target.writestr(name, data)
    with pytest.raises(RelaisError) as caught:
        Restorer(paths).check(newer)
    assert caught.value.key == "backup.newer_version"


def test_a_broken_live_database_is_restored_with_the_password_of_the_backup(
        vault, services, paths, tmp_path):
    services.demo.generate(2)
    backup = services.backups.back_up(tmp_path).path
    expected = persons(services.session)
    services.session.close()
    paths.database.write_bytes(b"garbage" * 1000)  # broken on purpose
    with pytest.raises(RelaisError):
        vault.login("admin", ADMIN_PASSWORD)
    with pytest.raises(RelaisError) as caught:
        unlock(backup, "admin", "not the password")
    assert caught.value.key == "auth.wrong_credentials"
    data_key = unlock(backup, "admin", ADMIN_PASSWORD)
    restorer = Restorer(paths)
    assert not restorer.preview(backup, data_key).live_readable
    restorer.apply(backup, data_key, "admin")
    session = vault.login("admin", ADMIN_PASSWORD)
    try:
        assert persons(session) == expected
    finally:
        session.close()
    kept = [p for p in paths.root.iterdir() if ".before-restore-" in p.name]
    assert any(p.read_bytes().startswith(b"garbage") for p in kept)


def test_only_an_administrator_of_the_backup_restores(vault, services, paths, tmp_path):
    from desktop.core.enums import Role
    from tests.conftest import login_as

    worker = login_as(vault, services, "marie", Role.SOCIAL_WORKER)
    backup = services.backups.back_up(tmp_path).path
    data_key = unlock(backup, "marie", "staple of the office 7")
    with pytest.raises(RelaisError) as caught:
        Restorer(paths).apply(backup, data_key, "marie")
    assert caught.value.key == "error.access_denied"
    assert paths.database.exists() and not list(paths.root.glob("*.before-restore-*"))
    worker.session.close()
    assert AuditAction.RESTORE == "restore"


def test_a_restore_that_stops_before_recording_itself_is_audited_at_the_next_sign_in(
        vault, services, paths, tmp_path, monkeypatch):
    """The restored keys.json carries a note of the restore until the restored database
    records it: a process stopped in between (power cut) loses no audit of it."""
    services.demo.generate(2)
    backup = services.backups.back_up(tmp_path).path
    data_key, username = services.backups.restore_key()
    services.session.close()

    def stopped(*_args, **_kwargs):
        raise KeyboardInterrupt  # the process stops right after the swap

    monkeypatch.setattr(Restorer, "_audit", stopped)
    with pytest.raises(KeyboardInterrupt):
        Restorer(paths).apply(backup, data_key, username)
    monkeypatch.undo()
    assert [e.action for e in vault.unaudited_events()] == ["restore"]
    session = vault.login("admin", ADMIN_PASSWORD)
    try:
        with session.engine.connect() as connection:
            detail, actor = connection.exec_driver_sql(
                "SELECT detail, actor_id FROM audit_event WHERE action = 'restore'").one()
        assert json.loads(detail)["file"] == backup.name and actor == session.user.id.bytes
    finally:
        session.close()
    assert vault.unaudited_events() == []


def test_a_restore_recorded_at_once_leaves_no_note_behind(vault, services, paths, tmp_path):
    backup = services.backups.back_up(tmp_path).path
    data_key, username = services.backups.restore_key()
    services.session.close()
    Restorer(paths).apply(backup, data_key, username)
    assert vault.unaudited_events() == []
    session = vault.login("admin", ADMIN_PASSWORD)
    with session.engine.connect() as connection:
        assert connection.exec_driver_sql(
            "SELECT count(*) FROM audit_event WHERE action = 'restore'").scalar_one() == 1
    session.close()
