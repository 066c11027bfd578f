"""`relais audit verify | list | export` for administrators: verification names the first
broken event and fails; the export is a CSV of every event with its chain link; volunteers
are refused; filters by case, user, action and period."""

import csv
import json
import uuid
from pathlib import Path

from sqlalchemy import text

from desktop.core.enums import Role
from tests.test_cli import PASSWORD, cli, data_dir  # noqa: F401  (the fixture)

ENV = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}


def test_verify_then_tamper_then_verify_fails_naming_the_event(data_dir, tmp_path):  # noqa: F811
    assert cli("--data-dir", data_dir, "demo", "--persons", "20", env=ENV)[0] == 0
    code, out, err = cli("--data-dir", data_dir, "--lang", "en", "audit", "verify", env=ENV)
    assert code == 0, err
    assert out.startswith("Audit trail intact:")

    from desktop.paths import DataPaths
    from desktop.store.vault import Vault

    session = Vault(DataPaths.portable(Path(data_dir))).login("admin", PASSWORD)
    with session.engine.begin() as connection:  # the key in hand, one event edited
        connection.execute(text("UPDATE audit_event SET action = 'view' WHERE seq = 5"))
    session.close()
    code, out, _ = cli("--data-dir", data_dir, "--lang", "en", "audit", "verify", env=ENV)
    assert code == 1
    assert "event no. 5" in out and "no longer matches" in out


def test_export_writes_every_event_of_the_period_with_its_link(data_dir, tmp_path):  # noqa: F811
    assert cli("--data-dir", data_dir, "demo", "--persons", "10", env=ENV)[0] == 0
    target = tmp_path / "audit.csv"
    code, out, err = cli("--data-dir", data_dir, "--lang", "fr", "audit", "export",
                         "--from", "2020-01-01", "--to", "31/12/2099", "-o", str(target),
                         env=ENV)
    assert code == 0, err
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0][:4] == ["Date et heure (UTC)", "Utilisateur", "Id de l'utilisateur",
                           "Action"]
    seqs = [int(row[12]) for row in rows[1:]]
    assert seqs == sorted(seqs) and len(seqs) > 10
    assert all(len(row[13]) == 64 for row in rows[1:])
    code, out, _ = cli("--data-dir", data_dir, "--lang", "en", "audit", "list", "--action",
                       "export", "--json", env=ENV)
    assert code == 0
    (export,) = json.loads(out)
    assert export["detail"] == {"kind": "audit", "format": "csv", "rows": len(rows) - 1}


def test_filters_by_case_and_action_answer_who_opened_a_file(data_dir):  # noqa: F811
    assert cli("--data-dir", data_dir, "demo", "--persons", "10", env=ENV)[0] == 0
    from desktop.paths import DataPaths
    from desktop.store.vault import Vault

    session = Vault(DataPaths.portable(Path(data_dir))).login("admin", PASSWORD)
    with session.engine.connect() as connection:
        case_id = str(uuid.UUID(bytes=connection.execute(
            text("SELECT id FROM case_file LIMIT 1")).scalar()))
    session.close()
    assert cli("--data-dir", data_dir, "pdf", "summary", "--case", case_id, "-o",
               str(Path(data_dir) / "s.pdf"), env=ENV)[0] == 0
    code, out, err = cli("--data-dir", data_dir, "--lang", "en", "audit", "list", "--case",
                         case_id, "--action", "view", "--json", env=ENV)
    assert code == 0, err
    views = json.loads(out)
    assert views and {v["action"] for v in views} == {"view"}
    assert {v["entity_id"] for v in views} == {case_id}
    assert {v["user"] for v in views} == {"admin"}


def test_a_bad_date_and_a_volunteer_are_refused_clearly(data_dir):  # noqa: F811
    code, _, err = cli("--data-dir", data_dir, "--lang", "en", "audit", "list", "--from",
                       "yesterday", env=ENV)
    assert code == 1 and '"yesterday" is not a date' in err
    assert cli("--data-dir", data_dir, "users", "add", "vera", "--role", Role.VOLUNTEER.value,
               env={**ENV, "RELAIS_NEW_PASSWORD": "temporary pass 1"})[0] == 0
    code, _, err = cli("--data-dir", data_dir, "users", "set-password", "--user", "vera",
                       "--password-stdin", stdin="temporary pass 1\nvolunteer pass 22\n")
    assert code == 0, err
    code, _, err = cli("--data-dir", data_dir, "--lang", "en", "audit", "verify", env={
        "RELAIS_USER": "vera", "RELAIS_PASSWORD": "volunteer pass 22"})
    assert code == 1 and err.strip()


def test_a_list_that_finds_nothing_says_so(data_dir):  # noqa: F811
    code, out, err = cli("--data-dir", data_dir, "--lang", "en", "audit", "list",
                         "--person", str(uuid.uuid4()), env=ENV)
    assert code == 0 and out == ""
    assert "0 events shown" in err
