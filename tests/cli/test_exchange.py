"""`relais export`: in the language chosen with --lang (words, dates as dates), or with
--codes for another program; both come back through `relais import`."""

import json

from python_calamine import CalamineWorkbook

from desktop.core.i18n import Translator
from tests.test_cli import PASSWORD, cli, data_dir  # noqa: F401  (the fixture)

ENV = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}


def test_export_in_words_or_in_codes_and_both_import_again(data_dir, tmp_path):  # noqa: F811
    assert cli("--data-dir", data_dir, "demo", "--persons", "30", "--seed", "2", env=ENV)[0] == 0
    words, codes = tmp_path / "personen.xlsx", tmp_path / "persons.csv"
    code, out, err = cli("--data-dir", data_dir, "--lang", "nl", "export", "persons",
                         "--format", "xlsx", "-o", str(words), env=ENV)
    assert code == 0, err
    header, first = CalamineWorkbook.from_path(str(words)).get_sheet_by_index(0) \
        .to_python()[:2]
    row = dict(zip(header, first, strict=True))
    nl = Translator("nl")
    assert row[nl("importer.column_relationship")] == nl("relationship.head")
    assert row[nl("importer.column_nationality")] in ("Oekraïne", "Rusland")
    code, out, err = cli("--data-dir", data_dir, "--lang", "nl", "export", "persons",
                         "--format", "csv", "--codes", "-o", str(codes), env=ENV)
    assert code == 0, err
    header, first = [line.split(";") for line in
                     codes.read_text(encoding="utf-8-sig").splitlines()[:2]]
    row = dict(zip(header, first, strict=True))
    assert row["relationship"] == "head" and row["nationality"] in ("UKR", "RUS")
    assert row["municipality"] == "62063" and len(row["arrival_date"]) == 10

    other = str(tmp_path / "other")
    assert cli("--data-dir", other, "init", "--org-refnis", "44021", "--admin", "admin",
               "--password-stdin", stdin=PASSWORD + "\n")[0] == 0
    for path in (words, codes):
        code, out, err = cli("--data-dir", other, "import", str(path), "--dry-run", "--json",
                             env=ENV)
        assert code == 0, err
        report = json.loads(out)
        assert report["created"] == 30 and report["rejected"] == []
