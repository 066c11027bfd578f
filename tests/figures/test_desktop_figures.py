"""A CPAS's desktop makes the same figures as the central: a desktop with demo data syncs to
a real central process, then both compute the month and must agree table for table. The
desktop's signed file is imported by the central's operator and appears in the
coordinator's figures; a file changed after signing is refused."""

from __future__ import annotations

import io
import json
import os
import stat

import pytest
from sqlmodel import Session, select

from central.cli import main as central_main
from central.coordination.service import FiguresService
from desktop.cli import run_cli
from desktop.core.models import Person
from tests.sync.organisation import ADMIN_PASSWORD, first_desktop, organisation

MONTH = "2026-11"  # demo data is made as of 2026-11-27


def personal_values(engine) -> set[str]:
    values: set[str] = set()
    with Session(engine) as db:
        for p in db.exec(select(Person)):
            values.update(v for v in (p.surname_lat, p.given_name_lat, p.surname_cyr,
                                      p.given_name_cyr, p.national_number, p.phone)
                          if v and len(v) > 3)
            if p.birth_date:
                values.add(p.birth_date.isoformat())
    return values


@pytest.fixture
def synced(central, tmp_path):
    refnis = organisation(central)
    place = first_desktop(central, tmp_path, refnis)
    place.services.demo.generate(150, seed=11)
    place.sync()
    yield place, refnis
    place.close()


def export(place, month: str, output, key: str, lang: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": ADMIN_PASSWORD,
           "RELAIS_FIGURES_KEY": key}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        code = run_cli(["--data-dir", str(place.vault.paths.root), "--lang", lang, "figures",
                        "export", "--month", month, "-o", str(output)],
                       stdin=io.StringIO(""), stdout=out, stderr=err)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return code, out.getvalue(), err.getvalue()


def block_of(doc, refnis: str):
    [block] = [org for org in doc["organisations"] if org["refnis"] == refnis]
    return block


def test_the_desktops_file_and_the_centrals_figures_agree(central, synced, tmp_path):
    place, refnis = synced
    service = FiguresService(central.engine)
    key = service.figures_key(refnis)
    code, out, err = export(place, MONTH, tmp_path / "f.json", key)
    assert code == 0, err
    assert "signed and saved" in out
    assert stat.S_IMODE((tmp_path / "f.json").stat().st_mode) == 0o600
    desktop = json.loads((tmp_path / "f.json").read_text("utf-8"))
    central_block = block_of(service.figures(MONTH), refnis)
    desktop_block = block_of(desktop, refnis)
    assert desktop_block["tables"] == central_block["tables"]
    overview = desktop_block["tables"][0]
    assert overview["key"] == "overview" and overview["rows"][0]["values"][0] > 20
    # No person's value in the file.
    text = (tmp_path / "f.json").read_text("utf-8")
    assert sorted(v for v in personal_values(place.session.engine) if v in text) == []
    # The export is in the audit trail, with the month only.
    from desktop.core.enums import AuditAction
    from desktop.core.models import AuditEvent

    with Session(place.session.engine) as db:
        details = [e.detail for e in db.exec(select(AuditEvent).where(
            AuditEvent.action == AuditAction.EXPORT))]
    assert {"kind": "figures", "month": MONTH} in details
    # A coordinator of the region imports it over the API; one of another region may not.
    from central.coordination import accounts
    from figures.places import place as where

    region = {"02000": "VLG", "03000": "WAL", "04000": "BRU"}[where(refnis).region]
    other = next(r for r in ("VLG", "WAL", "BRU") if r != region)
    raw = (tmp_path / "f.json").read_bytes()
    outsider = central.client(accounts.add(central.engine, f"o-{refnis}", f"region:{other}"))
    refused = outsider.post("/api/v1/figures/files", content=raw)
    assert refused.status_code == 403
    insider = central.client(accounts.add(central.engine, f"i-{refnis}", f"region:{region}"))
    taken = insider.post("/api/v1/figures/files", content=raw)
    assert taken.status_code == 200 and taken.json() == {"refnis": refnis, "month": MONTH}


def test_a_signed_file_is_imported_and_a_changed_one_refused(central, tmp_path, capsys):
    # A CPAS that does not sync: its organisation exists on the central, no device.
    from desktop.paths import DataPaths
    from desktop.store.vault import NewOrganisation, Vault
    from tests.conftest import FAST_KDF
    from tests.figures.records import real_org
    from tests.sync.organisation import Place

    refnis = real_org(central, "03000", "CPAS îlot")
    vault = Vault(DataPaths.portable(tmp_path / "island"), kdf=FAST_KDF)
    session, _ = vault.create(NewOrganisation(name="CPAS îlot", refnis=refnis,
                                              document_language="fr"),
                              "admin", ADMIN_PASSWORD, language="fr")
    place = Place(vault, session)
    try:
        place.services.demo.generate(60, seed=3)
        args = ["--db", central.database_url, "--data-dir", str(tmp_path)]
        assert central_main([*args, "org", "figures-key", refnis, "--lang", "fr"]) == 0
        key = capsys.readouterr().out.splitlines()[-1]
        code, _, err = export(place, MONTH, tmp_path / "bad.json", "not a key", "de")
        assert code == 1 and "kein Zahlenschlüssel" in err
        code, _, err = export(place, MONTH, tmp_path / "f.txt", key, "nl")
        assert code == 1 and ".json" in err
        code, out, err = export(place, MONTH, tmp_path / "f.json", key, "fr")
        assert code == 0 and "signés et enregistrés" in out, err

        doc = json.loads((tmp_path / "f.json").read_text("utf-8"))
        doc["organisations"][0]["tables"][0]["rows"][0]["values"][0] += 1
        (tmp_path / "changed.json").write_text(json.dumps(doc), "utf-8")
        assert central_main([*args, "figures", "import", str(tmp_path / "changed.json"),
                             "--lang", "nl"]) == 1
        assert "handtekening" in capsys.readouterr().err
        assert central_main([*args, "figures", "import", str(tmp_path / "f.json")]) == 0
        assert f"Figures of {refnis} for {MONTH} imported" in capsys.readouterr().out

        block = block_of(FiguresService(central.engine).figures(MONTH, "region:WAL"), refnis)
        assert block["origin"] == "file" and block["name"] == "CPAS îlot"
        sent = json.loads((tmp_path / "f.json").read_text("utf-8"))["organisations"][0]
        assert block["tables"] == sent["tables"]
        # Another organisation's key does not sign for this one.
        other = real_org(central, "03000", "CPAS voisin")
        other_key = FiguresService(central.engine).figures_key(other)
        code, _, _ = export(place, MONTH, tmp_path / "wrong.json", other_key)
        assert code == 0
        assert central_main([*args, "figures", "import", str(tmp_path / "wrong.json")]) == 1
        assert "does not match" in capsys.readouterr().err
    finally:
        place.close()
