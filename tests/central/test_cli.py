"""relais-central as an operator runs it: a real process for the commands whose output a
script reads, the same main() in this process for the rest (each process costs seconds)."""

from __future__ import annotations

import re
import subprocess

from central.cli import main
from tests.central.server import ENV, ROOT, command

CODE = r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"


def run(data_dir, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(command("--data-dir", str(data_dir), *args), cwd=ROOT, env=ENV,
                          capture_output=True, text=True, timeout=120)


def test_enrol_code_prints_the_code_alone_on_its_last_line(tmp_path):
    assert main(["--data-dir", str(tmp_path), "org", "add", "--refnis", "21004",
                 "--name", "CPAS de Bruxelles"]) == 0
    code = run(tmp_path, "enrol-code", "--org", "21004", "--volunteer", "--hours", "2")
    assert code.returncode == 0, code.stderr
    assert re.fullmatch(CODE, code.stdout.splitlines()[-1])


def test_an_operator_adds_organisations_and_lists_and_revokes_devices(tmp_path, capsys):
    def cli(*args: str) -> int:
        return main(["--data-dir", str(tmp_path), *args])

    assert cli("migrate") == 0
    assert cli("org", "add", "--refnis", "21004", "--name", "CPAS de Bruxelles") == 0
    assert cli("org", "add", "--refnis", "21004", "--name", "Again") == 1
    assert "already exists" in capsys.readouterr().err
    assert cli("org", "add", "--refnis", "2100", "--name", "Short") == 1
    assert cli("enrol-code", "--org", "99999") == 1
    assert cli("enrol-code", "--org", "21004", "--hours", "0") == 1
    assert cli("devices", "list", "--org", "21004") == 0
    assert capsys.readouterr().out == ""
    assert cli("devices", "revoke", "nope") == 1
    assert cli("purge-tombstones", "--older-than-days", "30") == 0
    assert capsys.readouterr().out.startswith("0 ")
    assert cli("serve", "--cert", str(tmp_path / "c.pem")) == 1
    assert "--cert and --key" in capsys.readouterr().err
    assert (tmp_path / "central.sqlite3").exists()



def test_serve_refuses_a_minimum_protocol_below_one(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path), "serve", "--min-protocol", "0"]) == 1
    assert "--min-protocol must be 1 or more" in capsys.readouterr().err
