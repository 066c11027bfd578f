"""Coordinators on a real central process: they read the figures of the organisations within
their scope over the API (in the OpenAPI), never another region's, never a record; the
operator writes them to CSV and XLSX; nothing written holds a person's value."""

from __future__ import annotations

import json
import uuid
import zipfile

from central.cli import main
from central.coordination import accounts
from tests.figures.records import MONTH, generate, municipalities, push_all, real_org


def coordinator(central, scope: str) -> str:
    return accounts.add(central.engine, f"coord-{uuid.uuid4().hex[:8]}", scope)


def organisation_with_records(central, region: str, name: str, seed: int):
    refnis = real_org(central, region, name)
    device = central.enrol(refnis)
    data = generate(seed, 30, municipalities(region)[:2])
    push_all(device, data)
    return refnis, device, data


def refnis_codes(document) -> set[str]:
    return {org["refnis"] for org in document["organisations"]}


def test_a_regional_coordinator_sees_their_region_only(central):
    wal, _, _ = organisation_with_records(central, "03000", "CPAS wallon", 1)
    vlg, _, _ = organisation_with_records(central, "02000", "OCMW Vlaams", 2)
    walloon = central.client(coordinator(central, "region:WAL"))
    answer = walloon.get("/api/v1/figures", params={"month": MONTH})
    assert answer.status_code == 200, answer.text
    seen = refnis_codes(answer.json())
    assert wal in seen and vlg not in seen
    assert all(org["region"] == "03000" for org in answer.json()["organisations"])
    wider = walloon.get("/api/v1/figures", params={"month": MONTH, "scope": "region:VLG"})
    assert wider.status_code == 403
    assert vlg not in wider.text and "OCMW Vlaams" not in wider.text
    federal = central.client(coordinator(central, "federal"))
    both = federal.get("/api/v1/figures", params={"month": MONTH, "scope": "region:VLG"})
    assert vlg in refnis_codes(both.json()) and wal not in refnis_codes(both.json())
    # A province within the region is a part of it; Liège's province is 60000.
    part = walloon.get("/api/v1/figures", params={"month": MONTH, "scope": "province:60000"})
    assert part.status_code == 200


def test_a_coordinator_token_reads_no_record_and_a_device_token_no_figures(central):
    _, device, _ = organisation_with_records(central, "03000", "CPAS jetons", 3)
    token = coordinator(central, "federal")
    assert central.client(token).get("/api/v1/sync/pull").status_code == 401
    assert device.http.get("/api/v1/figures", params={"month": MONTH}).status_code == 401
    assert central.client().get("/api/v1/figures",
                                params={"month": MONTH}).status_code == 401
    revoked_name = f"gone-{uuid.uuid4().hex[:6]}"
    gone = accounts.add(central.engine, revoked_name, "federal")
    accounts.revoke(central.engine, revoked_name)
    assert central.client(gone).get("/api/v1/figures",
                                    params={"month": MONTH}).status_code == 401
    bad = central.client(token).get("/api/v1/figures", params={"month": "2026-13"})
    assert (bad.status_code, bad.json()["error"]) == (400, "bad_month")


def test_the_figures_endpoint_is_in_the_openapi(central):
    spec = central.client().get("/openapi.json").json()
    assert "/api/v1/figures" in spec["paths"] and "/api/v1/figures/files" in spec["paths"]
    assert "FiguresOut" in spec["components"]["schemas"]


def test_no_answer_or_file_holds_a_persons_value(central, tmp_path, capsys):
    refnis, _, data = organisation_with_records(central, "03000", "CPAS secrets", 4)
    answer = central.client(coordinator(central, "region:WAL")).get(
        "/api/v1/figures", params={"month": MONTH})
    outputs = {"api": answer.text}
    args = ["--db", central.database_url, "--data-dir", str(tmp_path)]
    for name in ("f.csv", "f.xlsx", "f.json", "f.pdf"):
        assert main([*args, "figures", "--month", MONTH, "--scope", "region:WAL",
                     "-o", str(tmp_path / name), "--lang", "fr"]) == 0
    outputs["csv"] = (tmp_path / "f.csv").read_text("utf-8-sig")
    outputs["json"] = (tmp_path / "f.json").read_text("utf-8")
    with zipfile.ZipFile(tmp_path / "f.xlsx") as book:
        outputs["xlsx"] = " ".join(book.read(n).decode("utf-8") for n in book.namelist()
                                   if n.endswith(".xml"))
    from pypdf import PdfReader

    outputs["pdf"] = " ".join(page.extract_text() for page in
                              PdfReader(tmp_path / "f.pdf").pages)
    assert "Chiffres anonymes" in outputs["pdf"] and "Personnes par âge et sexe" in \
        outputs["pdf"]
    outputs["messages"] = capsys.readouterr().out
    for kind, text in outputs.items():
        assert refnis in text or kind == "messages", kind
        assert sorted(s for s in data.secrets if s in text) == [], kind
    assert outputs["csv"].splitlines()[0].startswith("schéma,mois,code REFNIS")
    assert "Chiffres enregistrés" in outputs["messages"]
    assert json.loads(outputs["json"])["schema"] == "relais.figures/1"


def test_an_operator_adds_and_revokes_coordinators_in_their_language(tmp_path, capsys):
    def cli(*args: str) -> int:
        return main(["--data-dir", str(tmp_path), *args])

    assert cli("coordinator", "add", "Région", "--scope", "region:wal", "--lang", "nl") == 0
    out = capsys.readouterr().out
    assert "Coördinator Région toegevoegd, bereik region:WAL" in out
    assert len(out.splitlines()[-1]) >= 40  # the token, alone on its line
    assert cli("coordinator", "add", "Région", "--scope", "federal", "--lang", "de") == 1
    assert "existiert bereits" in capsys.readouterr().err
    assert cli("coordinator", "add", "Other", "--scope", "province:99999") == 1
    assert cli("coordinator", "revoke", "Région", "--lang", "fr") == 0
    assert cli("coordinator", "list", "--lang", "fr") == 0
    assert "révoqué" in capsys.readouterr().out
    assert cli("figures", "--month", "2026-03", "-o", str(tmp_path / "f.txt")) == 1
    assert ".csv" in capsys.readouterr().err
    assert cli("figures", "import", "--lang", "de") == 1
    assert "Verwendung: relais-central figures" in capsys.readouterr().err
    assert cli("figures", "import", str(tmp_path / "missing.json"), "--lang", "nl") == 1
    assert "Kan " in capsys.readouterr().err
