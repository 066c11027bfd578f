"""What a cell says is kept or the row is refused with the value named, never replaced by a
guess: labels of every language read back, an address without its kind of housing stays of
unknown kind, an unknown document type is said, and a saved mapping's missing column too."""

import json

import pytest

from desktop.core.enums import AccommodationType, DocumentType, Relationship, Sex
from desktop.core.i18n import LANGUAGES, Translator
from desktop.exchange import labels, values
from desktop.exchange.columns import Mapping, recognise
from tests.exchange.test_import import write

READERS = {Sex: values.sex, Relationship: values.relationship,
           AccommodationType: values.accommodation, DocumentType: values.document_type}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_an_export_writes_reads_back(lang):
    tr = Translator(lang)
    for enum, read in READERS.items():
        for value in enum:
            assert read(labels.label(tr, value)) == value, (lang, value)
            assert read(value.value) == value  # and the code, as older exports wrote it
    for code in labels.LANGUAGE_CODES:
        assert values.languages(labels.language_label(tr, code)) == [code]
    assert values.languages(", ".join(labels.language_label(tr, c) for c in ("uk", "en"))) \
        == ["uk", "en"]  # "en" alone reads as the Dutch "and"; its name does not
    for column in ("household", "surname", "surname_latin", "sex", "accommodation_type",
                   "document_type", "case_number", "nrn"):
        assert recognise(tr(f"importer.column_{column}")) == column, (lang, column)


def test_a_month_of_birth_as_an_export_writes_it():
    assert values.date_text("1994-10") == "10/1994"


LIST = ("Nom;Prénom;Né le;Rue;Code postal;Type de document;N° de document\n"
        "Koval;Olena;01/02/1980;Rue Haute 5;4000;Passeport;FA123456\n"
        "Bondar;Taras;03/04/1975;Rue Basse 7;4000;Titre de séjour ukrainien;XK12\n")


def test_an_address_without_its_kind_of_housing_is_not_called_a_rental(services, tmp_path):
    plan = services.imports.plan(write(tmp_path / "liste.csv", LIST, "utf-8"))
    household = plan.households[0].household
    assert household.street == "Rue Haute 5"
    assert household.accommodation_type == AccommodationType.UNKNOWN.value


def test_a_phone_in_a_list_is_not_consent_to_be_contacted(services, tmp_path):
    plan = services.imports.plan(write(tmp_path / "liste.csv", "Nom;Prénom;Né le;GSM\n"
                                       "Koval;Olena;01/02/1980;0470 12 34 56\n", "utf-8"))
    person = plan.households[0].household.members[0]
    assert person.phone == "0470 12 34 56" and person.contact_consent is False


def test_an_unknown_document_type_is_said_not_turned_into_other(services, tmp_path):
    plan = services.imports.plan(write(tmp_path / "liste.csv", LIST, "utf-8"))
    assert [(r.line, r.key, r.params) for r in plan.rejected] == [
        (3, "import.bad_document_type", {"value": "Titre de séjour ukrainien"})]
    assert plan.households[0].household.members[0].documents[0].document_type == "passport"
    assert "Titre de séjour ukrainien" in Translator("fr")("import.bad_document_type",
                                                           **plan.rejected[0].params)


SAVED = {"Nom": "surname", "Prénom": "given_name", "Date de naissance": "birth_date",
         "GSM": "phone", "Remarque": "not_a_column"}


def test_a_saved_mapping_says_which_of_its_headers_the_file_lacks():
    headers = ["Nom", "Prénom", "Né le"]
    mapping = Mapping.from_saved(SAVED, headers, 0)
    assert mapping.columns == {0: "surname", 1: "given_name"}
    assert mapping.missing == {"Date de naissance": "birth_date", "GSM": "phone"}
    assert Mapping.from_saved(SAVED, ["nom", "PRÉNOM", "Date de naissance", "gsm"],
                              0).missing == {}


def test_the_dry_run_says_which_saved_columns_are_missing(tmp_path):
    from tests.test_cli import PASSWORD, cli

    folder = str(tmp_path / "relais")
    assert cli("--data-dir", folder, "init", "--org-refnis", "62063", "--admin", "admin",
               "--password-stdin", stdin=PASSWORD)[0] == 0
    env = {"RELAIS_USER": "admin", "RELAIS_PASSWORD": PASSWORD}
    saved = tmp_path / "cpas.json"
    saved.write_text(json.dumps(SAVED), encoding="utf-8")
    path = str(write(tmp_path / "liste.csv", "Nom;Prénom;Né le\nKoval;Olena;01/02/1980\n",
                     "utf-8"))
    code, out, _ = cli("--data-dir", folder, "--lang", "fr", "import", path, "--mapping",
                       str(saved), "--dry-run", env=env)
    assert code == 0
    assert "manquent dans ce fichier" in out
    assert "«\u00a0Date de naissance\u00a0» (Date de naissance)" in out
    assert "«\u00a0GSM\u00a0» (Téléphone)" in out
    code, out, _ = cli("--data-dir", folder, "--lang", "en", "import", path, "--mapping",
                       str(saved), "--dry-run", "--json", env=env)
    assert [(c["header"], c["meaning"]) for c in json.loads(out)["missing_columns"]] == [
        ("Date de naissance", "birth_date"), ("GSM", "phone")]


def test_one_household_with_two_addresses_is_said_not_cut_to_the_first(services, tmp_path):
    rows = ("Ménage;Nom;Prénom;Né le;Rue;Code postal\n"
            "1;Koval;Olena;01/02/1980;Rue Haute 5;\n"
            "1;Koval;Ivan;01/02/2010;;4000\n"
            "2;Bondar;Taras;03/04/1975;Rue Basse 7;4000\n"
            "2;Bondar;Anna;03/04/1977;Rue du Pont 1;4000\n")
    plan = services.imports.plan(write(tmp_path / "liste.csv", rows, "utf-8"))
    koval = plan.households[0].household
    assert (koval.street, koval.postal_code) == ("Rue Haute 5", "4000")  # parts of both rows
    assert [(r.line, r.key, r.params) for r in plan.rejected] == [
        (4, "import.addresses_differ", {"values": "Rue Basse 7 / Rue du Pont 1"}),
        (5, "import.addresses_differ", {"values": "Rue Basse 7 / Rue du Pont 1"})]


def test_a_document_type_without_its_number_is_said_on_the_row(services, tmp_path):
    rows = ("Nom;Prénom;Né le;Type de document;N° de document\n"
            "Koval;Olena;01/02/1980;Passeport;FA123456\n"
            "Bondar;Taras;03/04/1975;Carte d'identité;\n"
            "Melnyk;Iryna;05/06/1990;;\n")  # neither: nothing to say
    plan = services.imports.plan(write(tmp_path / "liste.csv", rows, "utf-8"))
    assert [(r.line, r.key, r.params) for r in plan.rejected] == [
        (3, "import.document_without_number",
         {"value": "Carte d'identité", "column": "D", "header": "Type de document"})]
    assert plan.persons == 2
    assert Translator("fr")("import.document_without_number", **plan.rejected[0].params) \
        .startswith("la colonne D «\u00a0Type de document\u00a0» indique le type de document "
                    "«\u00a0Carte d'identité\u00a0», mais aucun numéro")


def municipality_of(services, tmp_path, municipality: str, postal_code: str = ""):
    rows = ("Nom;Prénom;Né le;Rue;Code postal;Commune\n"
            f"Koval;Olena;01/02/1980;Rue Haute 5;{postal_code};{municipality}\n")
    plan = services.imports.plan(write(tmp_path / "liste.csv", rows, "utf-8"))
    if plan.rejected:
        return plan.rejected[0].key, plan.rejected[0].params
    return plan.households[0].household.municipality_refnis


def test_a_municipality_is_taken_only_when_the_list_names_exactly_one(services, tmp_path):
    for named in (("Luik", ""), ("liege", "4000"), ("Lüttich", ""), ("", "4020")):
        assert municipality_of(services, tmp_path, *named) == "62063", named
    key, params = municipality_of(services, tmp_path, "Lie", "4000")  # not Liedekerke
    assert key == "import.ambiguous_municipality" and params["value"] == "Lie"
    assert "Liège / Luik / Lüttich (4000, 4020, 4030)" in params["candidates"]
    assert "Lier / Lierre (2500)" in params["candidates"]
    key, params = municipality_of(services, tmp_path, "", "1050")  # Ixelles and Brussels
    assert key == "import.ambiguous_municipality" and params["value"] == "1050"
    assert params["candidates"].startswith("Bruxelles / Brussel / Brüssel (1000, 1020, 1040)")
    assert params["candidates"].endswith("Ixelles / Elsene (1050)")
    assert municipality_of(services, tmp_path, "Atlantis") == (
        "import.unknown_municipality", {"value": "Atlantis"})
    assert "«\u00a01050\u00a0» ne désigne pas une seule commune (correspond à Bruxelles" in \
        Translator("fr")(key, **params)


def test_a_name_spelled_otherwise_than_in_the_passport_column_is_kept(services, tmp_path):
    rows = ("Nom;Prénom;Nom (latin);Prénom (latin);Né le\n"
            "Chevtchenko;Ioulia;Shevchenko;Yuliia;01/02/1980\n"
            "Koval;Olena;KOVAL;Olena;03/04/1975\n"  # the same name: nothing to keep twice
            "Бондар;Тарас;Bondar;Taras;05/06/1990\n")  # Cyrillic stays in its own fields
    plan = services.imports.plan(write(tmp_path / "liste.csv", rows, "utf-8"))
    yuliia, olena, taras = (h.household.members[0] for h in plan.households)
    assert (yuliia.surname_lat, yuliia.given_name_lat) == ("Shevchenko", "Yuliia")
    assert yuliia.other_spellings == ["Chevtchenko", "Ioulia"]
    assert olena.other_spellings == [] and taras.other_spellings == []
    assert (taras.surname_cyr, taras.surname_lat) == ("Бондар", "Bondar")
