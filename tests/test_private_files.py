"""The database, its backups, exports and documents are readable by their owner only, like
keys.json (issue 9, item 14), whatever the umask of the session that made them."""

import os
import stat
from datetime import date

import pytest

from desktop.core.i18n import Translator
from desktop.documents.recovery_sheet import write_recovery_sheet
from desktop.store.backup import backup_database
from tests.conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.skipif(os.name == "nt", reason="no POSIX modes on Windows")


@pytest.fixture(autouse=True)
def _usual_umask():
    """The common 022: files readable by every account unless Relais says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_new_database_and_its_companions_are_owner_only(vault, session):
    root = vault.paths.root
    companions = [p for p in root.iterdir() if p.name.startswith("relais.db")]
    assert {p.name for p in companions} >= {"relais.db", "relais.db-wal"}
    assert {p.name: mode(p) for p in companions} == {p.name: 0o600 for p in companions}
    assert mode(vault.paths.keystore) == 0o600


def test_an_older_database_is_taken_back_and_its_backups_are_owner_only(vault, session):
    session.close()
    vault.paths.database.chmod(0o644)  # as Relais made it before
    again = vault.login("admin", ADMIN_PASSWORD)
    assert mode(vault.paths.database) == 0o600
    vault.paths.database.chmod(0o644)  # even a copy of a still-open 0644 file
    backup = backup_database(again.engine, vault.paths.database, vault.paths.backups, "test")
    again.close()
    assert mode(backup) == 0o600
    assert mode(vault.paths.backups) == 0o700


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_are_owner_only_even_over_an_older_file(services, tmp_path, fmt):
    services.demo.generate(3, seed=1)
    target = tmp_path / f"persons.{fmt}"
    target.write_bytes(b"an older export")
    target.chmod(0o644)
    services.exports.export("persons", target, fmt)
    assert mode(target) == 0o600
    assert target.stat().st_size > 100


def test_documents_and_the_recovery_sheet_are_owner_only(services, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    documents = services.documents
    languages = documents.languages("fr", "uk")
    documents.blank_intake(out / "blank.pdf", languages)
    documents.fillable_intake(out / "fillable.pdf", languages)
    month = date.today().strftime("%Y-%m")
    documents.monthly(month, languages, pdf=out / "m.pdf", csv=out / "m.csv",
                      xlsx=out / "m.xlsx")
    write_recovery_sheet(out / "code.pdf", Translator("fr"), "CPAS", "ABCD-EFGH", date.today())
    written = sorted(out.iterdir())
    assert len(written) == 6
    assert {p.name: mode(p) for p in written} == {p.name: 0o600 for p in written}
