"""`relais person export-data`: the person's own copy from the command line, with the id
`relais search --json` gives; the same refusal for volunteers as in the window."""

from __future__ import annotations

import io
import json
import stat
from pathlib import Path

import pytest

from desktop.cli import run_cli
from desktop.core.enums import Role
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD, login_as
from tests.rich_case import rich_case


@pytest.fixture
def cli(paths, session, monkeypatch):
    monkeypatch.setenv("RELAIS_USER", "admin")
    monkeypatch.setenv("RELAIS_PASSWORD", ADMIN_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = run_cli(["--data-dir", str(paths.root), *argv], stdin=io.StringIO(""),
                       stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    return run


def test_export_data_writes_the_pdf_and_the_json_and_prints_their_paths(
        cli, services, tmp_path):
    rich_case(services)
    code, out, err = cli("--lang", "en", "search", "--json", "Bondarenko Iryna")
    assert code == 0, err
    person = json.loads(out)[0]["person_id"]
    folder = tmp_path / "copies"
    code, out, err = cli("person", "export-data", "--person", person, "--lang", "fr",
                         "--with", "uk", "-o", str(folder))
    assert code == 0, err
    pdf, data = (Path(line) for line in out.splitlines())
    assert pdf.suffix == ".pdf" and data.suffix == ".json"
    assert pdf.parent == folder and data.parent == folder
    assert stat.S_IMODE(pdf.stat().st_mode) == stat.S_IMODE(data.stat().st_mode) == 0o600
    assert json.loads(data.read_text("utf-8"))["person"]["id"] == person
    assert pdf.read_bytes().startswith(b"%PDF")


def test_a_volunteer_is_refused_and_nothing_is_written(cli, vault, services, tmp_path,
                                                       monkeypatch):
    case_id = rich_case(services)
    person = str(services.case_files.open(case_id).members[0].person.id)
    login_as(vault, services, "vera", Role.VOLUNTEER)
    monkeypatch.setenv("RELAIS_USER", "vera")
    monkeypatch.setenv("RELAIS_PASSWORD", USER_PASSWORD)
    code, out, err = cli("--lang", "en", "person", "export-data", "--person", person,
                         "-o", str(tmp_path / "out"))
    assert code == 1 and out == ""
    assert "role does not allow" in err
    assert not (tmp_path / "out").exists()


def test_what_is_not_a_person_id_is_a_usage_error(cli, tmp_path):
    code, _out, err = cli("--lang", "en", "person", "export-data", "--person", "Bondarenko",
                          "-o", str(tmp_path))
    assert code == 2 and "person_id" in err


def test_the_person_group_lists_its_subcommands(cli):
    code, out, _err = cli("--lang", "en", "person", "--help")
    assert code == 0 and "export-data" in out
