import sqlite3

import pytest
import sqlcipher3
from sqlmodel import Session, select

from desktop.core.enums import AuditAction, Role
from desktop.core.errors import RelaisError, ValidationError
from desktop.core.models import AuditEvent, Organisation
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault
from tests.conftest import ADMIN_PASSWORD, FAST_KDF, LIEGE


def test_setup_creates_an_encrypted_database_with_organisation_and_admin(vault, created):
    session, code = created
    assert session.user.role == Role.ADMINISTRATOR
    assert session.organisation.refnis == "62063"
    assert len(code.replace("-", "")) == 32
    header = vault.paths.database.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"


def test_file_cannot_be_read_without_the_key(vault, created):
    created[0].close()
    plain = sqlite3.connect(vault.paths.database)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT count(*) FROM sqlite_master").fetchall()
    wrong_key = sqlcipher3.connect(str(vault.paths.database))
    wrong_key.execute("PRAGMA key = \"x'" + "00" * 32 + "'\"")
    with pytest.raises(sqlcipher3.DatabaseError):
        wrong_key.execute("SELECT count(*) FROM sqlite_master").fetchall()


def test_key_file_holds_no_key_in_clear(vault, created):
    session = created[0]
    text = vault.paths.keystore.read_text()
    assert session._data_key.hex() not in text
    assert ADMIN_PASSWORD not in text
    assert created[1] not in text


def test_login_with_the_right_password_opens_the_database(vault, created):
    created[0].close()
    session = vault.login("Admin ", ADMIN_PASSWORD)
    assert session.user.username == "admin"
    with Session(session.engine) as db:
        assert db.exec(select(Organisation)).one().name == "CPAS de Liège"
        actions = [e.action for e in db.exec(select(AuditEvent))]
    assert AuditAction.LOGIN in actions
    session.close()


def test_wrong_password_and_unknown_user_get_the_same_message(vault, created):
    for username, password in [("admin", "not the password"), ("nobody", ADMIN_PASSWORD)]:
        with pytest.raises(RelaisError) as failure:
            vault.login(username, password)
        assert failure.value.key == "auth.wrong_credentials"


def test_three_wrong_passwords_impose_a_short_wait(vault, created, clock):
    for _ in range(3):
        with pytest.raises(RelaisError):
            vault.login("admin", "wrong password here")
    with pytest.raises(RelaisError) as locked:
        vault.login("admin", ADMIN_PASSWORD)  # even the right password waits
    assert locked.value.key == "auth.locked"
    assert locked.value.params["n"] == 31
    clock.now += 31
    vault.login("admin", ADMIN_PASSWORD).close()
    assert vault.lockout_remaining("admin") == 0


def test_lockout_survives_a_restart_of_the_application(paths, created, clock):
    for _ in range(3):
        with pytest.raises(RelaisError):
            Vault(paths, kdf=FAST_KDF, clock=clock).login("admin", "wrong password here")
    assert Vault(paths, kdf=FAST_KDF, clock=clock).lockout_remaining("admin") > 0


def test_recovery_code_sets_a_new_password(vault, created):
    session, code = created
    session.close()
    typed = code.lower().replace("-", " ")
    recovered = vault.recover(typed, "admin", "a brand new passphrase")
    recovered.close()
    vault.login("admin", "a brand new passphrase").close()
    with pytest.raises(RelaisError):
        vault.login("admin", ADMIN_PASSWORD)


def test_wrong_recovery_code_is_refused(vault, created):
    with pytest.raises(RelaisError) as failure:
        vault.recover("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", "admin", "a brand new pass")
    assert failure.value.key == "auth.wrong_recovery_code"


def test_weak_admin_password_is_refused_before_anything_is_written(vault):
    with pytest.raises(ValidationError) as failure:
        vault.create(LIEGE, "admin", "short", language="fr")
    assert failure.value.key == "password.too_short"
    assert not vault.paths.database.exists()
    assert not vault.paths.keystore.exists()


def test_a_second_setup_is_refused(vault, created):
    with pytest.raises(RelaisError) as failure:
        vault.create(LIEGE, "other", ADMIN_PASSWORD, language="fr")
    assert failure.value.key == "store.already_initialised"


def test_unwritable_data_folder_gets_a_clear_message(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    vault = Vault(DataPaths.portable(blocker / "data"), kdf=FAST_KDF)
    with pytest.raises(RelaisError) as failure:
        vault.create(LIEGE, "admin", ADMIN_PASSWORD, language="fr")
    assert failure.value.key == "store.cannot_write"


def test_a_plain_sqlite_file_in_place_of_the_database_is_named_and_left_untouched(
    vault, created
):
    created[0].close()
    vault.paths.database.unlink()
    foreign = sqlite3.connect(vault.paths.database)
    foreign.execute("CREATE TABLE contacts (name TEXT)")
    foreign.commit()
    foreign.close()
    before = vault.paths.database.read_bytes()
    with pytest.raises(RelaisError) as failure:
        vault.login("admin", ADMIN_PASSWORD)
    assert failure.value.key == "store.unencrypted_file"
    assert vault.paths.database.read_bytes() == before


def test_a_corrupted_database_is_reported_and_left_untouched(vault, created):
    created[0].close()
    vault.paths.database.write_bytes(b"\x13" * 8192)
    with pytest.raises(RelaisError) as failure:
        vault.login("admin", ADMIN_PASSWORD)
    assert failure.value.key == "store.unreadable"
    assert vault.paths.database.read_bytes() == b"\x13" * 8192


def test_missing_key_file_is_reported(vault, created):
    created[0].close()
    vault.paths.keystore.unlink()
    with pytest.raises(RelaisError) as failure:
        vault.login("admin", ADMIN_PASSWORD)
    assert failure.value.key == "store.keystore_missing"


def test_damaged_key_file_is_reported(vault, created):
    created[0].close()
    vault.paths.keystore.write_text("{ not json")
    with pytest.raises(RelaisError) as failure:
        vault.login("admin", ADMIN_PASSWORD)
    assert failure.value.key == "store.keystore_unreadable"


def test_the_first_administrators_language_is_said_never_guessed(vault):
    with pytest.raises(TypeError):  # no default: every caller says which language
        vault.create(LIEGE, "admin", ADMIN_PASSWORD)
    with pytest.raises(ValidationError) as failure:
        vault.create(LIEGE, "admin", ADMIN_PASSWORD, language="xx")
    assert failure.value.key == "user.language_unknown"
    assert not vault.paths.database.exists()
    session, _ = vault.create(LIEGE, "admin", ADMIN_PASSWORD, language="uk")
    assert session.user.language == "uk"
    session.close()


def test_recovery_replaces_a_temporary_password_for_good(vault, created):
    """A user whose administrator set a temporary password recovers with the code: the
    password chosen there is their own, and no later sign-in asks for another."""
    session, code = created
    Services.for_session(session).users.reset_password(session.user.id, "temporary pass 42")
    session.close()
    recovered = vault.recover(code, "admin", "a brand new passphrase")
    assert not recovered.must_change_password
    assert recovered.actor.username == "admin"  # the session serves at once
    recovered.close()
    again = vault.login("admin", "a brand new passphrase")
    assert not again.must_change_password
    again.close()


def test_recovery_refuses_the_temporary_password_as_the_new_one(vault, created):
    session, code = created
    Services.for_session(session).users.reset_password(session.user.id, "temporary pass 42")
    session.close()
    with pytest.raises(ValidationError) as refused:
        vault.recover(code, "admin", "temporary pass 42")
    assert refused.value.key == "password.same_as_temporary"
    still = vault.login("admin", "temporary pass 42")
    assert still.must_change_password
    still.close()
