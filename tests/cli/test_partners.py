"""`relais partners list | import | export`: the directory from the command line, as the
issue's walk-through drives it."""

import json

from tests.test_cli import PASSWORD, cli, data_dir  # noqa: F401  (the fixture)

ENV = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}


def test_demo_loads_the_examples_then_list_filters_and_export_reimports(
        data_dir, tmp_path):  # noqa: F811
    assert cli("--data-dir", data_dir, "demo", "--persons", "10", env=ENV)[0] == 0
    code, out, err = cli("--data-dir", data_dir, "--lang", "en", "partners", "list", "--json",
                         env=ENV)
    assert code == 0, err
    listed = json.loads(out)
    assert len(listed) == 12 and all(p["email"].endswith("@example.org") for p in listed)

    code, out, _ = cli("--data-dir", data_dir, "--lang", "fr", "partners", "list",
                       "--kind", "Logement", env=ENV)
    assert code == 0
    assert out.splitlines()[0].startswith("Logement · ")
    assert out.splitlines()[-1] == "1 service partenaire."

    code, out, _ = cli("--data-dir", data_dir, "--lang", "en", "partners", "list", "--json",
                       "--language", "russian", env=ENV)
    assert code == 0 and {p["name"] for p in json.loads(out)} >= {"Espace d'écoute Ancre"}
    assert all("ru" in p["languages"] for p in json.loads(out))

    target = tmp_path / "partners.xlsx"
    code, out, _ = cli("--data-dir", data_dir, "--lang", "nl", "partners", "export",
                       "--format", "xlsx", "-o", str(target), env=ENV)
    assert code == 0 and target.exists() and "12" in out

    code, out, _ = cli("--data-dir", data_dir, "--lang", "en", "partners", "import",
                       str(target), "--dry-run", env=ENV)
    assert code == 0
    assert "12 entries can be imported." in out and "Directory" not in out  # nl header
    assert "Gids" in out  # the left-out column named by its header


def test_an_import_with_a_bad_row_writes_nothing_unless_asked(data_dir, tmp_path):  # noqa: F811
    source = tmp_path / "partners.csv"
    source.write_text("Name;Kind of service\nGood;Housing\nBad;Bakery\n", encoding="utf-8")
    code, out, _ = cli("--data-dir", data_dir, "--lang", "en", "partners", "import",
                       str(source), env=ENV)
    assert code == 1
    assert "line 3: column B “Kind of service”: “Bakery” is not a kind" in out
    assert "Nothing was imported" in out
    code, out, _ = cli("--data-dir", data_dir, "--lang", "en", "partners", "import",
                       str(source), "--skip-invalid", "--json", env=ENV)
    assert code == 0 and json.loads(out)["written"] == 1
    code, out, _ = cli("--data-dir", data_dir, "--lang", "en", "partners", "list", env=ENV)
    assert out.splitlines() == ["Housing · Good", "1 partner service."]
