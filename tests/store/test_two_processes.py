"""Two Relais processes on one data folder: writes take turns under SQLite's write lock, file
numbers never collide, and a write that cannot get the lock says so in one line and changes
nothing, while signing in and reading go on."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.models import AuditEvent, CaseFile, Person
from desktop.services import Services
from desktop.store import engine as store_engine
from desktop.store.vault import Vault
from tests.conftest import ADMIN_PASSWORD, LIEGE

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "RELAIS_USER": "admin", "RELAIS_PASSWORD": ADMIN_PASSWORD,
       "RELAIS_LANG": "en"}
GIVEN = ("Olena", "Iryna", "Taras", "Andrii", "Yuliia", "Mykola", "Oksana", "Petro")
# A short wait for the lock, so a test of "the lock did not come" takes a moment.
SHORT_WAIT_MS = 300


@pytest.fixture
def data_dir(vault: Vault) -> Path:
    session, _code = vault.create(LIEGE, "admin", ADMIN_PASSWORD, language="en")
    session.close()
    return vault.paths.root


def people_csv(path: Path, surname: str, rows: int) -> Path:
    """One person per row, each a household of their own (no household column)."""
    lines = ["Nom;Prenom;Sexe;Date de naissance"]
    for index in range(rows):
        born = date(1950, 1, 1) + timedelta(days=index)
        lines.append(f"{surname};{GIVEN[index % len(GIVEN)]};F;{born:%d/%m/%Y}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def helper(*arguments: str | Path) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.store.relais_process", *map(str, arguments)],
        cwd=ROOT, env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line == "ready\n", process.communicate()[1]
    return process


def start_together(*processes: subprocess.Popen[str]) -> list[tuple[int, str]]:
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    results = []
    for process in processes:
        _out, err = process.communicate(timeout=300)
        results.append((process.returncode, err))
    return results


@contextmanager
def lock_held(data_dir: Path) -> Iterator[None]:
    """Another process holds the write lock (as a long import would) until the block ends."""
    holder = helper("hold", data_dir)
    try:
        yield
    finally:
        holder.communicate(timeout=60)
    assert holder.returncode == 0


def relais(data_dir: Path, *argv: str, wait_ms: int = SHORT_WAIT_MS) -> subprocess.CompletedProcess:
    """The real command line in its own process, waiting ``wait_ms`` for the lock."""
    code = ("import sys; import desktop.store.engine as e; "
            f"e.BUSY_TIMEOUT_MS = {wait_ms}; from desktop.app import main; "
            "sys.exit(main(sys.argv[1:]))")
    return subprocess.run([sys.executable, "-c", code, "--data-dir", str(data_dir), *argv],
                          cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)


def file_numbers(vault: Vault) -> list[str]:
    session = vault.login("admin", ADMIN_PASSWORD)
    try:
        with Session(session.engine) as db:
            return list(db.exec(select(CaseFile.file_number)))
    finally:
        session.close()


def test_two_imports_at_once_both_succeed_with_distinct_file_numbers(data_dir, vault, tmp_path):
    first = helper("import", data_dir, people_csv(tmp_path / "a.csv", "Kovalenko", 400))
    second = helper("import", data_dir, people_csv(tmp_path / "b.csv", "Petrenko", 400))
    for code, err in start_together(first, second):
        assert code == 0, err
    numbers = file_numbers(vault)
    year = date.today().year
    assert sorted(numbers) == [f"{year}/{serial:06d}" for serial in range(1, 801)]


def test_demo_data_and_an_import_at_once_take_distinct_file_numbers(data_dir, vault, tmp_path):
    demo = helper("demo", data_dir, "1500")
    importing = helper("import", data_dir, people_csv(tmp_path / "a.csv", "Kovalenko", 400))
    for code, err in start_together(demo, importing):
        assert code == 0, err
    numbers = file_numbers(vault)
    assert len(numbers) == len(set(numbers)) > 400
    this_year = sorted(n for n in numbers if n.startswith(f"{date.today().year}/"))
    assert this_year == [f"{date.today().year}/{s:06d}" for s in range(1, len(this_year) + 1)]


def test_signing_in_and_reading_go_on_while_another_process_writes(data_dir):
    with lock_held(data_dir):
        result = relais(data_dir, "search", "Kovalenko", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_write_that_cannot_get_the_lock_says_so_in_one_line(data_dir, vault, tmp_path):
    csv = people_csv(tmp_path / "a.csv", "Kovalenko", 3)
    with lock_held(data_dir):
        result = relais(data_dir, "import", str(csv))
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Another Relais is writing to this database; try again in a moment. "
        "Nothing was changed."]
    session = vault.login("admin", ADMIN_PASSWORD)
    services = Services.for_session(session)
    with Session(session.engine) as db:  # nothing half-written
        assert db.exec(select(func.count()).select_from(Person)).one() == 0
    assert services.imports.run(services.imports.plan(csv)).created == 3  # now it can
    session.close()


def test_a_write_refused_as_busy_loses_nothing(data_dir, vault, monkeypatch):
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", SHORT_WAIT_MS, raising=False)
    household = HouseholdInput(members=[PersonInput(
        surname_lat="Melnyk", given_name_lat="Iryna", birth_date="12/12/1990", sex="F")])
    with lock_held(data_dir):
        session = vault.login("admin", ADMIN_PASSWORD)  # reads only: no wait
        services = Services.for_session(session)
        with pytest.raises(RelaisError) as refused:
            services.intake.register(household)
        assert refused.value.key == "store.busy"
        with Session(session.engine) as db:  # reading during the other's write
            assert db.exec(select(func.count()).select_from(Person)).one() == 0
    case_id = services.intake.register(household)  # the same form, once the lock is free
    with Session(session.engine) as db:
        case = db.get(CaseFile, case_id)
        assert case is not None and case.file_number == f"{date.today().year}/000001"
        logins = list(db.exec(select(AuditEvent.at).where(
            AuditEvent.action == AuditAction.LOGIN)))
    session.close()
    # the other process's login, and this one: written with the first write after it, at
    # the time it happened
    assert len(logins) == 2 and max(logins) < case.created_at


def test_a_session_closed_while_another_writes_leaves_its_sign_in_for_the_next(
        data_dir, vault, monkeypatch):
    """Its sign-in could not be written (the lock never came, even at close): keys.json
    keeps it, and the next session writes it with its own time and user."""
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", SHORT_WAIT_MS, raising=False)
    with lock_held(data_dir):
        session = vault.login("admin", ADMIN_PASSWORD)
        signed_in_at = session.user.id, date.today()
        session.close()
    assert [event.action for event in vault.unaudited_events()] == ["login"]
    later = vault.login("admin", ADMIN_PASSWORD)
    with Session(later.engine) as db:
        logins = list(db.exec(select(AuditEvent).where(
            AuditEvent.action == AuditAction.LOGIN).order_by(AuditEvent.at)))
    later.close()
    assert vault.unaudited_events() == []
    # the other process's, the one kept aside, this one
    assert len(logins) == 3 and logins[1].actor_id == signed_in_at[0]
    assert logins[1].at.date() == signed_in_at[1]
