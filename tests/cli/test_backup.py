"""``relais backup now | list | verify | restore`` on a real data folder."""

import io
import json
import os
from pathlib import Path

import pytest

from desktop.cli import run_cli

PASSWORD = "correct horse battery"
ENV = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}


def cli(*argv: str, stdin: str = "", env: dict | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = dict(os.environ)
    os.environ.update(env or {})
    try:
        code = run_cli(["--lang", "en", *argv], stdin=io.StringIO(stdin), stdout=out,
                       stderr=err)
    finally:
        os.environ.clear()
        os.environ.update(old)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def data_dir(tmp_path) -> str:
    folder = str(tmp_path / "relais")
    code, _, err = cli("--data-dir", folder, "init", "--org-refnis", "62063", "--admin",
                       "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert cli("--data-dir", folder, "demo", "--persons", "3", env=ENV)[0] == 0
    return folder


def test_now_prints_the_file_last_then_list_and_verify_find_it(data_dir, tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, err = cli("--data-dir", data_dir, "backup", "now", "--to", str(usb), env=ENV)
    assert code == 0, err
    path = Path(out.strip().splitlines()[-1])
    assert path.parent == usb and path.exists()
    code, out, _ = cli("--data-dir", data_dir, "backup", "list", "--in", str(usb), "--json",
                       env=ENV)
    listed = json.loads(out)
    assert [item["file"] for item in listed] == [str(path)]
    assert listed[0]["counts"]["persons"] >= 3
    code, out, err = cli("--data-dir", data_dir, "backup", "verify", str(path), env=ENV)
    assert code == 0, err
    assert "is whole" in out


def test_now_without_a_folder_says_how_to_choose_one(data_dir):
    code, _, err = cli("--data-dir", data_dir, "backup", "now", env=ENV)
    assert code == 1
    assert "No backup folder is chosen" in err


def test_restore_without_a_terminal_needs_yes(data_dir, tmp_path):
    code, out, _ = cli("--data-dir", data_dir, "backup", "now", "--to", str(tmp_path), env=ENV)
    path = out.strip().splitlines()[-1]
    code, _, err = cli("--data-dir", data_dir, "backup", "restore", path, env=ENV)
    assert code == 1
    assert "--yes" in err


def test_restore_brings_back_a_database_broken_on_purpose(data_dir, tmp_path):
    code, out, _ = cli("--data-dir", data_dir, "backup", "now", "--to", str(tmp_path), env=ENV)
    path = out.strip().splitlines()[-1]
    database = Path(data_dir) / "relais.db"
    database.write_bytes(os.urandom(64 * 1024))  # garbage in place of the database
    assert cli("--data-dir", data_dir, "search", "a", "--json", env=ENV)[0] == 1
    code, out, err = cli("--data-dir", data_dir, "backup", "restore", path, "--yes", env=ENV)
    assert code == 0, err
    assert "cannot be read" in out and "Kept aside" in out
    code, out, err = cli("--data-dir", data_dir, "search", "a", "--json", env=ENV)
    assert code == 0, err
    aside = [p for p in Path(data_dir).iterdir() if ".before-restore-" in p.name]
    assert {p.name.split(".before")[0] for p in aside} == {"relais.db", "keys.json"}


def test_verify_of_something_else_says_so(data_dir, tmp_path):
    other = tmp_path / "holiday.relaisbackup"
    other.write_bytes(b"not a zip")
    code, _, err = cli("--data-dir", data_dir, "backup", "verify", str(other), env=ENV)
    assert code == 1
    assert "is not a Relais backup" in err


def test_a_social_worker_may_not_back_up(data_dir, tmp_path):
    cli("--data-dir", data_dir, "users", "add", "marie", "--role", "social_worker",
        env={**ENV, "RELAIS_NEW_PASSWORD": "temporary pass 1"})
    cli("--data-dir", data_dir, "users", "set-password", env={
        "RELAIS_USER": "marie", "RELAIS_PASSWORD": "temporary pass 1",
        "RELAIS_NEW_PASSWORD": "her own pass 12"})
    code, _, err = cli("--data-dir", data_dir, "backup", "now", "--to", str(tmp_path), env={
        "RELAIS_USER": "marie", "RELAIS_PASSWORD": "her own pass 12"})
    assert code == 1 and err.strip()
    assert list(tmp_path.glob("*.relaisbackup")) == []
