"""A nationality or a language Relais does not know is said, never cut to three letters or
dropped (which left "OEK" for "Oekraïens" and "uk" for "polonais"). A language named in
any interface language is read through CLDR ("polonais" is pl)."""

from tests.exchange.test_import import write

LIST = ("Nom;Prénom;Né le;Nationalité;Langues parlées\n"
        "Koval;Olena;01/01/1980;Oekraïens;ukrainien et russe\n"
        "Bondar;Taras;02/02/1975;Moldave;uk\n"
        "Melnyk;Iryna;03/03/1990;blr;\n"
        "Tkachuk;Roman;04/04/1985;Україна;російська, англійська\n"
        "Lysenko;Anna;05/05/1991;Géorgienne;uk\n"
        "Savchuk;Ihor;06/06/1970;UKR;polonais, martien\n")


def test_nationalities_and_languages_as_written_in_a_list(services, tmp_path):
    plan = services.imports.plan(write(tmp_path / "liste.csv", LIST, "utf-8"))
    people = {m.surname_lat: m for h in plan.households for m in h.household.members}
    assert {name: (m.nationality, m.languages) for name, m in people.items()} == {
        "Koval": ("UKR", ["uk", "ru"]), "Bondar": ("MDA", ["uk"]), "Melnyk": ("BLR", []),
        "Tkachuk": ("UKR", ["ru", "en"])}
    assert {(r.line, r.key, r.params["value"]) for r in plan.rejected} == {
        (6, "import.bad_nationality", "Géorgienne"), (7, "import.bad_language", "martien")}


def test_the_fillable_form_says_an_unknown_nationality_or_language(services):
    form = services.fillable.from_values({
        "person1.surname": "Koval", "person1.given_name": "Olena",
        "person1.birth_date": "01/01/1980", "person1.nationality": "Oekraïense",
        "person1.languages": "українська, польська, марсіанська"})
    assert form.household.members[0].nationality == "UKR"
    assert [(p.field, p.key) for p in form.problems] == [
        ("person1.languages", "import.bad_language")]


def test_file_numbers_are_never_dropped_or_replaced_without_a_word(services, tmp_path):
    from sqlmodel import Session

    from desktop.core.intake_input import HouseholdInput, PersonInput
    from desktop.core.models import CaseFile

    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Hnatiuk", given_name_lat="Petro", birth_date="01/01/1960")]))
    with Session(services.session.engine) as db:
        taken = db.get(CaseFile, case_id).file_number
    path = write(tmp_path / "liste.csv",
                 "Ménage;N° dossier;Nom;Prénom;Né le;Rue;Code postal\n"
                 f"1;{taken};Koval;Olena;01/01/1980;Rue Haute 1;4000\n"
                 "2;R-17;Bondar;Taras;02/02/1975;Rue Basse 2;4000\n"
                 "3;R-17;Melnyk;Iryna;03/03/1990;Rue Neuve 3;4000\n", "utf-8")
    plan = services.imports.plan(path)
    assert [(n.line, n.key, n.params) for n in plan.notices] == [
        (2, "import.case_number_taken", {"number": taken}),
        (4, "import.case_number_taken", {"number": "R-17"})]  # line 3 took it first
    # Grouped by address, two rows of different files would lose one number: said instead.
    plan = services.imports.plan(write(tmp_path / "adresses.csv",
                                       "N° dossier;Nom;Prénom;Né le;Rue;Code postal\n"
                                       "R-1;Koval;Olena;01/01/1980;Rue Haute 1;4000\n"
                                       "R-2;Koval;Nazar;01/01/2010;Rue Haute 1;4000\n",
                                       "utf-8"))
    assert {(r.line, r.key, r.params["numbers"]) for r in plan.rejected} == {
        (2, "import.case_numbers_differ", "R-1, R-2"),
        (3, "import.case_numbers_differ", "R-1, R-2")}


def test_a_list_invents_no_consent_and_no_language(services, tmp_path):
    # A phone number in a list is not consent to be contacted; an empty languages cell
    # is not "Ukrainian"; no nationality column is not "UKR".
    plan = services.imports.plan(write(tmp_path / "liste.csv",
                                       "Nom;Prénom;Né le;Téléphone;Langues\n"
                                       "Koval;Olena;01/01/1980;0470 12 34 56;\n", "utf-8"))
    [member] = plan.households[0].household.members
    assert member.phone and member.contact_consent is False
    assert member.languages == []
    assert member.nationality == ""  # no nationality column: not known, not "UKR"


def test_en_is_english_unless_it_joins_two_languages():
    from desktop.exchange.values import languages

    assert languages("uk, en") == ["uk", "en"]
    assert languages("EN") == ["en"]
    assert languages("uk/EN") == ["uk", "en"]
    assert languages("oekraïens en russisch") == ["uk", "ru"]
    assert languages("Polnisch; польська") == ["pl"]
