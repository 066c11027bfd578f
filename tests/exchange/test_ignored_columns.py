"""A column the import leaves out is said, with its letter and header: in the plan, in the
dry run of the CLI (text and JSON) and in the wizard's mapping page."""

import json

from desktop.exchange.columns import Mapping
from desktop.exchange.ignored import IgnoredColumn
from tests.exchange.test_import import FRENCH_CSV, write

# D repeats A's meaning, E and G mean something Relais has no column for, F has no header.
LIST = ("Nom;Prénom;Date de naissance (jj/mm/aaaa);Nom de famille;Remarques du bénévole;;"
        "Lieu de naissance\n"
        "Koval;Olena;01/02/1980;Koval;parle anglais;dossier papier;Kharkiv\n"
        "Bondar;Taras;03/04/1975;Bondar;;;Odesa\n")


def test_the_plan_lists_every_column_it_leaves_out(services, tmp_path):
    plan = services.imports.plan(write(tmp_path / "liste.csv", LIST, "utf-8"))
    assert set(plan.mapping.columns.values()) == {"surname", "given_name", "birth_date"}
    assert plan.ignored_columns == [
        IgnoredColumn(3, "Nom de famille", same_as=0, meaning="surname"),
        IgnoredColumn(4, "Remarques du bénévole"),
        IgnoredColumn(5, ""),
        IgnoredColumn(6, "Lieu de naissance"),
    ]
    assert [c.letter for c in plan.ignored_columns] == ["D", "E", "F", "G"]


def test_data_beyond_the_last_header_is_listed(services, tmp_path):
    path = write(tmp_path / "liste.csv", "Nom;Prénom\nKoval;Olena;0470 12 34 56\n", "utf-8")
    assert services.imports.plan(path).ignored_columns == [IgnoredColumn(2, "")]


def test_a_list_whose_columns_are_all_known_leaves_nothing_out(services, tmp_path):
    assert services.imports.plan(write(tmp_path / "liste.csv", FRENCH_CSV)).ignored_columns \
        == []


def test_a_column_the_mapping_leaves_out_is_listed_too(services, tmp_path):
    path = write(tmp_path / "liste.csv", LIST, "utf-8")
    chosen = Mapping(header_row=0, columns={0: "surname", 1: "given_name"})
    plan = services.imports.plan(path, chosen)
    assert [c.letter for c in plan.ignored_columns] == ["C", "D", "E", "F", "G"]
    birth = plan.ignored_columns[0]
    assert birth.known and birth.describe(lambda key, **_: key) \
        == "import.ignored_left_out"  # recognised, but this mapping leaves it out
    saved = services.imports.plan(path, saved={"Nom": "surname", "Prénom": "given_name",
                                               "Nom de famille": "surname"})
    assert [(c.letter, c.same_as) for c in saved.ignored_columns][:2] == [("C", None),
                                                                          ("D", 0)]


def test_the_cli_dry_run_says_which_columns_it_ignores(tmp_path):
    from tests.test_cli import PASSWORD, cli

    folder = str(tmp_path / "relais")
    assert cli("--data-dir", folder, "init", "--org-refnis", "62063", "--admin", "admin",
               "--password-stdin", stdin=PASSWORD)[0] == 0
    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    path = str(write(tmp_path / "liste.csv", LIST, "utf-8"))
    code, out, _ = cli("--data-dir", folder, "--lang", "fr", "import", path, "--dry-run",
                       env=env)
    assert code == 0
    assert "Colonnes qui ne seront pas importées\u00a0:" in out
    assert ("colonne D «\u00a0Nom de famille\u00a0»\u00a0: «\u00a0Nom (tout alphabet)\u00a0» "
            "vient déjà de la colonne A") in out
    assert "colonne E «\u00a0Remarques du bénévole\u00a0»\u00a0: non reconnue" in out
    assert "colonne F (sans en-tête, mais elle contient des données)" in out
    code, out, _ = cli("--data-dir", folder, "--lang", "en", "import", path, "--dry-run",
                       "--json", env=env)
    report = json.loads(out)
    ignored = report["ignored_columns"]
    assert report["notices"] == []  # no file number replaced
    assert [(c["column"], c["number"], c["header"], c["same_as"]) for c in ignored] == [
        ("D", 4, "Nom de famille", "A"), ("E", 5, "Remarques du bénévole", None),
        ("F", 6, "", None), ("G", 7, "Lieu de naissance", None)]
    assert ignored[1]["reason"] == "column E “Remarques du bénévole”: not recognised"
