"""The CLI contract, driven in-process (run_cli) and once through the real entry point."""

import io
import json
import os
import subprocess
import sys
from datetime import date

import pytest

from desktop.cli import run_cli

PASSWORD = "correct horse battery"


def cli(*argv: str, stdin: str = "", env: dict | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = dict(os.environ)
    os.environ.update(env or {})
    try:
        code = run_cli(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    finally:
        os.environ.clear()
        os.environ.update(old)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def data_dir(tmp_path):
    folder = str(tmp_path / "relais")
    code, _out, _ = cli("--data-dir", folder, "--lang", "en", "init", "--org-refnis", "62063",
                       "--admin", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0
    return folder


def test_init_prints_the_recovery_code_once(tmp_path):
    folder = str(tmp_path / "relais")
    code, out, err = cli("--data-dir", folder, "init", "--org-refnis", "62063", "--admin",
                         "admin", "--lang", "fr", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert "CPAS de Liège" in out
    assert "Code de récupération" in out
    recovery = out.strip().splitlines()[-1]
    assert len(recovery) == 39 and recovery.count("-") == 7


def test_init_with_an_unknown_municipality_fails_in_the_chosen_language(tmp_path):
    code, _, err = cli("--data-dir", str(tmp_path), "--lang", "nl", "init", "--org-refnis",
                       "99999", "--admin", "admin", "--password-stdin", stdin=PASSWORD)
    assert code == 1
    assert err.strip() == "99999 is geen Belgische gemeentecode (NIS)."


def test_users_add_then_demo_then_search_json(data_dir):
    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    code, out, err = cli("--data-dir", data_dir, "users", "add", "marie", "--role",
                         "social_worker", env={**env, "RELAIS_NEW_PASSWORD": "temporary pass 1"})
    assert code == 0, err
    code, out, err = cli("--data-dir", data_dir, "demo", "--persons", "120", "--seed", "4",
                         env=env)
    assert code == 0, err
    assert "120" in out
    code, out, err = cli("--data-dir", data_dir, "search", "--json", "--limit", "5",
                         "Shevchenko", env=env)
    assert code == 0, err
    hits = json.loads(out)
    assert hits, "demo data of 120 persons should hold a Shevchenko"
    assert {"person_id", "case_id", "display_name", "names", "birth_date", "score"} <= set(
        hits[0]
    )
    assert hits == sorted(hits, key=lambda h: -h["score"])


def test_search_reads_one_query_per_line_from_stdin(data_dir):
    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    assert cli("--data-dir", data_dir, "demo", "--persons", "60", env=env)[0] == 0
    code, out, err = cli("--data-dir", data_dir, "search", "--json", "-",
                         stdin="Коваленко\nnobody-at-all\n", env=env)
    assert code == 0, err
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert all(isinstance(json.loads(line), list) for line in lines)


def test_wrong_password_exits_1_with_one_line(data_dir):
    code, _out, err = cli("--data-dir", data_dir, "--lang", "de", "search", "x", "--user",
                         "admin", "--password-stdin", stdin="wrong one\n")
    assert code == 1
    assert err.strip() == "Unbekannter Benutzername oder falsches Passwort."


def test_usage_errors_exit_2(data_dir):
    assert cli("--data-dir", data_dir, "demo")[0] == 2
    assert cli("--data-dir", data_dir, "users", "add", "x", "--role", "king")[0] == 2
    code, _, _err = cli("--data-dir", data_dir, "search", "x",
                       env={"RELAIS_PASSWORD": PASSWORD, "RELAIS_USER": ""})
    assert code == 2


def test_volunteer_cannot_add_users_from_the_cli(data_dir):
    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    cli("--data-dir", data_dir, "users", "add", "vera", "--role", "volunteer",
        env={**env, "RELAIS_NEW_PASSWORD": "volunteer pass 9"})
    cli("--data-dir", data_dir, "users", "set-password", "--user", "vera", "--password-stdin",
        stdin="volunteer pass 9\nher own pass 8\n")  # her own now
    code, _, err = cli("--data-dir", data_dir, "--lang", "en", "users", "add", "x", "--role",
                       "administrator",
                       env={"RELAIS_USER": "vera", "RELAIS_PASSWORD": "her own pass 8"})
    assert code == 1
    assert err.strip() == "Your role does not allow this action."


def test_the_installed_entry_point_follows_the_contract(data_dir):
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", data_dir, "--lang", "en", "search",
         "--json", "--user", "admin", "--password-stdin", "Shevchenko"],
        input=PASSWORD + "\n", capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_logs_hold_no_personal_data_or_secrets(tmp_path):
    folder = tmp_path / "relais"
    base = [sys.executable, "-m", "desktop", "--data-dir", str(folder)]
    env = {**os.environ, "RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    init = subprocess.run([*base, "init", "--org-refnis", "62063", "--admin", "admin"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert init.returncode == 0, init.stderr
    recovery_code = init.stdout.strip().splitlines()[-1]
    for command in (["demo", "--persons", "40"], ["search", "Шевченко"],
                    ["search", "--user", "admin", "x"]):
        subprocess.run([*base, *command], env=env, capture_output=True, timeout=60)
    subprocess.run([*base, "search", "x", "--user", "admin", "--password-stdin"],
                   input="a wrong password\n", capture_output=True, text=True, timeout=60)
    logs = "".join(p.read_text("utf-8") for p in (folder / "logs").glob("*.log*"))
    assert "demo data" in logs  # the log is written...
    for secret in (PASSWORD, "a wrong password", recovery_code, "Шевченко", "Shevchenko"):
        assert secret not in logs  # ...without secrets or names
    assert not any("CYRILLIC" in __import__("unicodedata").name(ch, "") for ch in logs)


@pytest.mark.parametrize("argv", [["--lang", "xx"], ["--lang", "xx", "search", "x"],
                                  ["bogus-command"]])
def test_bad_global_options_are_usage_errors(argv):
    result = subprocess.run([sys.executable, "-m", "desktop", *argv], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_pdf_and_monthly_report_from_the_cli(data_dir, tmp_path, monkeypatch):
    from pypdf import PdfReader

    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    code, _out, err = cli("--data-dir", data_dir, "demo", "--persons", "60", "--seed", "2",
                          env=env)
    assert code == 0, err
    target = tmp_path / "intake.pdf"
    file_number = f"{date.today().year}/000001"
    code, _out, err = cli("--data-dir", data_dir, "pdf", "intake", "--case", file_number,
                         "--lang", "nl", "--with", "uk", "-o", str(target), env=env)
    assert code == 0, err
    assert "Registratieformulier / Реєстраційна анкета" in PdfReader(target).pages[0].extract_text()
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("--data-dir", data_dir, "pdf", "summary", "--case", file_number,
                         "--lang", "nl", env=env)  # no -o: named as the window suggests
    assert code == 0, err
    named = f"relais-dossiersamenvatting-{file_number.replace('/', '-')}-{date.today()}.pdf"
    assert named in out and (tmp_path / named).exists()
    code, _out, err = cli("--data-dir", data_dir, "pdf", "summary", "--case", "nope",
                         "--lang", "en", "-o", str(target), env=env)
    assert code == 1 and "does not exist" in err
    code, _out, err = cli("--data-dir", data_dir, "report", "monthly", "--month", "2026-13",
                         "--lang", "en", env=env)
    assert code == 1 and "YYYY-MM" in err
    month = f"{date.today():%Y-%m}"
    code, _out, err = cli("--data-dir", data_dir, "report", "monthly", "--month", month,
                         "--lang", "de", "-o", str(tmp_path / "m.pdf"), "--csv",
                         str(tmp_path / "m.csv"), env=env)
    assert code == 0, err
    assert (tmp_path / "m.csv").read_text("utf-8-sig").count("\n") > 10
    assert len(PdfReader(tmp_path / "m.pdf").pages) >= 1


def test_fillable_form_round_trip_from_the_cli(data_dir, tmp_path):
    from tests.exchange.test_fillable import fill

    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    blank = tmp_path / "form.pdf"
    code, _out, err = cli("--data-dir", data_dir, "pdf", "fillable-intake", "--lang", "fr",
                          "--with", "uk", "-o", str(blank), env=env)
    assert code == 0, err
    filled = fill(blank, tmp_path / "filled.pdf", {
        "person1.surname": "Коваленко", "person1.given_name": "Олег",
        "person1.birth_date": "1974-06-19", "person1.sex": "Homme / Чоловіча"})
    code, out, err = cli("--data-dir", data_dir, "pdf", "import-intake", str(filled),
                         "--dry-run", "--json", env=env)
    assert code == 0, err
    report = json.loads(out)
    assert report["persons"] == 1 and report["problems"] == [] and report["case_id"] is None
    code, out, err = cli("--data-dir", data_dir, "pdf", "import-intake", str(filled), env=env)
    assert code == 0, err
    assert f"{date.today().year}/000001" in out
    code, out, err = cli("--data-dir", data_dir, "pdf", "import-intake", str(filled), env=env)
    assert code == 1 and "1 possible duplicate." in out  # and nothing written again


class ClosedPipe(io.StringIO):
    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_reader_that_went_away_gets_no_error_message(data_dir):
    # `relais search … | head -1`: the pipe closes while results are still written.
    err = io.StringIO()
    code = run_cli(["--data-dir", data_dir, "--lang", "en", "users", "list", "--user", "admin",
                    "--password-stdin"], stdin=io.StringIO(PASSWORD + "\n"),
                   stdout=ClosedPipe(), stderr=err)
    assert code == 1
    assert err.getvalue() == ""


def test_search_text_output_says_what_each_person_was_found_by(data_dir):
    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    assert cli("--data-dir", data_dir, "demo", "--persons", "120", "--seed", "4",
               env=env)[0] == 0
    code, out, err = cli("--data-dir", data_dir, "--lang", "en", "search", "--limit", "3",
                         "Chevtchenko", env=env)
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) in (2, 4, 6)  # each person (3 at most), then what they were found by
    assert all(line.startswith("       Found by: Chevtchenko ≈ ") for line in lines[1::2])
    code, out, err = cli("--data-dir", data_dir, "--lang", "fr", "search", "--limit", "1",
                         "2023/000001", env=env)
    assert out.splitlines()[1] == "       Trouvé par\u00a0: numéro de dossier 2023/000001", out
