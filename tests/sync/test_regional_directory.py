"""A coordinator's regional directory, published from the central (relais-central partners,
a real process) into the streams of the organisations of its region: two desktops of two
Walloon CPAS pull it, a Flemish one does not; an edit and an unlist arrive as new versions;
no desktop may change it; an organisation added later gets it."""

from __future__ import annotations

import subprocess

import pytest
from sqlalchemy import func, select
from sqlmodel import Session

from central import admin
from central import models as m
from desktop.core.enums import PartnerKind, PartnerScope
from desktop.core.errors import ValidationError
from desktop.core.models import PartnerService
from desktop.core.partners import PartnerEntry
from desktop.core.uow import UnitOfWork
from tests.central.server import ENV, ROOT, command
from tests.sync.organisation import first_desktop

NAMUR, LIEGE, ANTWERP = "92094", "62063", "11002"
LIST = ("Type;Nom;Communes desservies;Langues parlées;Délai d'attente;Vérifié le\n"
        "Logement;Plateforme logement Exemple;Namur, Liège;uk, fr;3 semaines;01/10/2026\n"
        "Cours de langue;Atelier FLE Exemple;;ukrainien, russe;;\n")


def central_cli(server, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(command("--data-dir", str(server.data_dir), "--lang", "en", *args),
                          cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=120)


def regional(place) -> dict[str, PartnerService]:
    with Session(place.session.engine) as db:
        return {p.name: p for p in db.exec(select(PartnerService)).scalars()}


@pytest.fixture
def region(own_central, tmp_path):
    places = {}
    for refnis in (NAMUR, LIEGE, ANTWERP):
        admin.add_organisation(own_central.engine, refnis, f"CPAS {refnis}")
        places[refnis] = first_desktop(own_central, tmp_path / refnis, refnis)
    yield own_central, places
    for place in places.values():
        place.close()


def test_a_coordinators_list_reaches_every_cpas_of_the_region_and_no_other(region, tmp_path):
    server, places = region
    source = tmp_path / "wallonie.csv"
    source.write_text(LIST, "utf-8")
    done = central_cli(server, "partners", "import", str(source), "--scope", "region:WAL")
    assert done.returncode == 0, done.stderr
    assert "2 added" in done.stdout and "2 organisation(s)" in done.stdout

    for refnis in (NAMUR, LIEGE):
        places[refnis].sync()
        arrived = regional(places[refnis])
        assert set(arrived) == {"Plateforme logement Exemple", "Atelier FLE Exemple"}
        housing = arrived["Plateforme logement Exemple"]
        assert (housing.kind, housing.scope, housing.owner, housing.version) == (
            PartnerKind.HOUSING, PartnerScope.REGIONAL, "region:WAL", 1)
        assert (housing.municipalities, housing.languages, housing.waiting) == (
            [NAMUR, LIEGE], ["uk", "fr"], "3 semaines")
        assert str(housing.verified_on) == "2026-10-01"
        assert arrived["Atelier FLE Exemple"].languages == ["uk", "ru"]
    places[ANTWERP].sync()
    assert regional(places[ANTWERP]) == {}

    # The coordinator edits the exported list and imports it again: a new version everywhere.
    exported = tmp_path / "export.csv"
    assert central_cli(server, "partners", "export", "--scope", "region:WAL",
                       "-o", str(exported)).returncode == 0
    edited = exported.read_text("utf-8-sig").replace("3 semaines", "2 semaines")
    exported.write_text(edited, "utf-8")
    done = central_cli(server, "partners", "import", str(exported), "--scope", "region:WAL")
    assert done.returncode == 0, done.stderr
    assert "0 added, 1 changed, 1 unchanged" in done.stdout
    housing_id = str(regional(places[NAMUR])["Plateforme logement Exemple"].id)
    assert central_cli(server, "partners", "unlist", housing_id).returncode == 0

    for refnis in (NAMUR, LIEGE):
        places[refnis].sync()
        housing = regional(places[refnis])["Plateforme logement Exemple"]
        assert (housing.waiting, housing.listed, housing.version) == ("2 semaines", False, 3)
        assert regional(places[refnis])["Atelier FLE Exemple"].version == 1
        assert [p.name for p in places[refnis].services.partners.search()] == [
            "Atelier FLE Exemple"]

    # No desktop may change it: the service says so, and the central refuses a write around it.
    namur = places[NAMUR]
    with pytest.raises(ValidationError) as refused:
        namur.services.partners.edit(housing_id, PartnerEntry(kind=PartnerKind.OTHER,
                                                              name="Autre nom"))
    assert refused.value.key == "partners.regional_read_only"
    with UnitOfWork(namur.session.engine, namur.session.actor) as uow:
        uow.update(uow.session.get(PartnerService, housing.id), name="Autre nom")
    assert namur.sync().pushed.get("rejected") == 1
    places[LIEGE].sync()
    assert "Plateforme logement Exemple" in regional(places[LIEGE])

    # A CPAS of the region added later starts with the region's directory.
    admin.add_organisation(server.engine, "92003", "CPAS 92003")
    later = first_desktop(server, tmp_path / "later", "92003")
    try:
        arrived = regional(later)
        assert set(arrived) == {"Plateforme logement Exemple", "Atelier FLE Exemple"}
        assert (arrived["Plateforme logement Exemple"].listed,
                arrived["Plateforme logement Exemple"].version) == (False, 3)
    finally:
        later.close()


def count(server, table) -> int:
    with server.engine.connect() as db:
        return int(db.execute(select(func.count()).select_from(table)).scalar_one())


@pytest.mark.parametrize(("content", "said"), [
    ("Type;Nom;Communes desservies\nLogement;Exemple;Atlantis\n"
     "Logement;;Namur\nJardinage;Autre;Namur\n",
     ["3 row(s) cannot be read; nothing was published",
      "line 2, column “Communes desservies”: unknown municipality “Atlantis”",
      "line 3, column “Nom”: the service has no name",
      "line 4, column “Type”: unknown kind of service “Jardinage”"]),
    ("Colonne;Autre\nx;y\n", ["has no column for the service's name"]),
    ("Nom;Téléphone\nExemple;" + "1" * 41 + "\n",
     ["line 2, column “Téléphone”: longer than 40 characters"]),
    ("Nom;Horaires\nExemple;" + "x" * 2001 + "\n",
     ["Line 2: a cell is longer than 2000 characters"]),
    ("Nom\n" + "Exemple\n" * 5001, ["more than 5000 rows"]),
])
def test_a_bad_list_is_refused_whole_with_a_clear_message(own_central, tmp_path, content,
                                                          said):
    admin.add_organisation(own_central.engine, NAMUR, "CPAS de Namur")
    source = tmp_path / "list.csv"
    source.write_text(content, "utf-8")
    done = central_cli(own_central, "partners", "import", str(source), "--scope", "region:WAL")
    assert done.returncode == 1
    for words in said:
        assert words in done.stderr
    assert "Traceback" not in done.stderr
    assert count(own_central, m.regional_partner) == count(own_central, m.record) == 0


def test_a_directory_needs_a_region_or_a_province(own_central, tmp_path):
    source = tmp_path / "list.csv"
    source.write_text("Nom\nExemple\n", "utf-8")
    for scope in ("federal", "region:XYZ", "province:12345"):
        done = central_cli(own_central, "partners", "import", str(source), "--scope", scope)
        assert done.returncode == 1 and "needs a region or a province" in done.stderr
    assert count(own_central, m.regional_partner) == 0
