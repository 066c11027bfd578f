"""A nationality or a language Relais does not know is said, never cut to three letters or
dropped (which left "OEK" for "Oekraïens" and "uk" for "polonais")."""

from tests.exchange.test_import import write

LIST = ("Nom;Prénom;Né le;Nationalité;Langues parlées\n"
        "Koval;Olena;01/01/1980;Oekraïens;ukrainien et russe\n"
        "Bondar;Taras;02/02/1975;Moldave;uk\n"
        "Melnyk;Iryna;03/03/1990;blr;\n"
        "Tkachuk;Roman;04/04/1985;Україна;російська, англійська\n"
        "Lysenko;Anna;05/05/1991;Géorgienne;uk\n"
        "Savchuk;Ihor;06/06/1970;UKR;polonais\n")


def test_nationalities_and_languages_as_written_in_a_list(services, tmp_path):
    plan = services.imports.plan(write(tmp_path / "liste.csv", LIST, "utf-8"))
    people = {m.surname_lat: m for h in plan.households for m in h.household.members}
    assert {name: (m.nationality, m.languages) for name, m in people.items()} == {
        "Koval": ("UKR", ["uk", "ru"]), "Bondar": ("MDA", ["uk"]), "Melnyk": ("BLR", ["uk"]),
        "Tkachuk": ("UKR", ["ru", "en"])}
    assert {(r.line, r.key, r.params["value"]) for r in plan.rejected} == {
        (6, "import.bad_nationality", "Géorgienne"), (7, "import.bad_language", "polonais")}


def test_the_fillable_form_says_an_unknown_nationality_or_language(services):
    form = services.fillable.from_values({
        "person1.surname": "Koval", "person1.given_name": "Olena",
        "person1.birth_date": "01/01/1980", "person1.nationality": "Oekraïense",
        "person1.languages": "українська, польська"})
    assert form.household.members[0].nationality == "UKR"
    assert [(p.field, p.key) for p in form.problems] == [
        ("person1.languages", "import.bad_language")]
