"""The command line writes only to the streams it was given, and nothing it writes can drive
the terminal: names stored before control characters were refused come out escaped, and
what a library says about a damaged file goes to the log, not to the process's stderr."""

import io
import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import text
from sqlmodel import Session

from desktop.cli import run_cli
from desktop.core.intake_input import HouseholdInput, PersonInput
from tests.conftest import ADMIN_PASSWORD

ESC, BEL, RLO = "\x1b[31m", "\a", "\u202e"
HOSTILE = f"{RLO}Kova{ESC}lenko{BEL}"


@pytest.fixture
def cli(paths, session, monkeypatch):
    """Commands on the installation of the ``session`` fixture, signed in as its admin."""
    monkeypatch.setenv("RELAIS_USER", "admin")
    monkeypatch.setenv("RELAIS_PASSWORD", ADMIN_PASSWORD)

    def run(*argv: str) -> tuple[int, str, str]:
        out, err = io.StringIO(), io.StringIO()
        code = run_cli(["--data-dir", str(paths.root), "--lang", "en", *argv],
                       stdin=io.StringIO(""), stdout=out, stderr=err)
        return code, out.getvalue(), err.getvalue()

    return run


@pytest.fixture
def legacy_name(services):
    """A person whose surname was stored with its controls, as an older Relais let it be."""
    services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Kovalenko", given_name_lat="Olena", birth_date="30/07/1985")]))
    with Session(services.session.engine) as db:
        db.execute(text("UPDATE person SET surname_lat = :name"), {"name": HOSTILE})
        db.commit()


def test_search_output_holds_no_terminal_control(cli, legacy_name):
    code, out, err = cli("search", "Olena")
    assert code == 0, err
    assert "KOVA" in out and "Olena" in out
    for control in ("\x1b", BEL, RLO):
        assert control not in out
    assert "\\u202eKOVA\\u001b[31MLENKO\\u0007" in out  # shown, not obeyed


def test_search_json_escapes_controls_and_still_reads_back(cli, legacy_name):
    code, out, err = cli("search", "--json", "Olena")
    assert code == 0, err
    assert "\x1b" not in out and RLO not in out and BEL not in out
    [hit] = json.loads(out)
    assert hit["names"][0] == HOSTILE  # the escapes are JSON's own: nothing is lost


def test_a_file_name_with_controls_is_escaped_in_the_error(cli, tmp_path):
    code, out, err = cli("import", str(tmp_path / f"list{ESC}.csv"))
    assert code == 1 and out == ""
    assert "\x1b" not in err and "list\\u001b[31m.csv" in err


def test_rejected_rows_go_to_the_given_streams(cli, services, tmp_path, capfd):
    sheet = tmp_path / "list.csv"
    sheet.write_text(f"Nom;Prénom;Sexe;Né le\nMelnyk;Iryna;Q{ESC};1990\n", encoding="utf-8")
    code, out, err = cli("import", str(sheet))
    assert code == 1
    assert 'line 2: "Q[31m" is not a sex' in out and "rejected, so nothing" in err
    assert capfd.readouterr() == ("", "")


# A caller running commands in its own process, with its own streams (pytest would catch
# the library's logging and warnings itself, so this runs as a separate process).
EMBEDDED = """
import io, sys
from desktop.cli import run_cli
out, err = io.StringIO(), io.StringIO()
code = run_cli(sys.argv[1:], stdin=io.StringIO(""), stdout=out, stderr=err)
assert code == 1 and "Nothing was imported" in err.getvalue(), (code, err.getvalue())
"""


def test_what_a_library_says_about_a_damaged_form_stays_off_the_terminal(cli, paths,
                                                                         tmp_path):
    assert cli("pdf", "fillable-intake", "-o", str(tmp_path / "form.pdf"))[0] == 0
    # Damaged the way a careless tool saves it: pypdf repairs it, and says so.
    damaged = (tmp_path / "form.pdf").read_bytes().replace(
        b"startxref", b"startxref\n999999999\n%")
    (tmp_path / "damaged.pdf").write_bytes(damaged)
    result = subprocess.run(
        [sys.executable, "-c", EMBEDDED, "--data-dir", str(paths.root), "--lang", "en",
         "pdf", "import-intake", str(tmp_path / "damaged.pdf")],
        capture_output=True, text=True, timeout=120, env={**os.environ})
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


@pytest.mark.parametrize("argv", [["--help"], ["users", "--help"], ["search", "-h"],
                                  ["users", "add", "-h"]])
def test_help_goes_to_the_given_stream_and_returns(argv, capfd):
    out, err = io.StringIO(), io.StringIO()
    code = run_cli(["--lang", "en", *argv], stdin=io.StringIO(""), stdout=out, stderr=err)
    assert (code, err.getvalue()) == (0, "")
    assert out.getvalue().startswith("usage: relais")
    assert capfd.readouterr() == ("", "")
