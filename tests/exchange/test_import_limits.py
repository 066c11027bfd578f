"""A cell too long for its field is refused with its line, column and limit, before any
work is done on it; a filled form's too-long field is a problem named on its field."""

from desktop.core.i18n import Translator
from desktop.core.limits import NAME_MAX, NOTE_MAX
from tests.exchange.test_fillable import FILLED

HEADER = "Nom;Prénom;Sexe;Date de naissance;Remarques\n"


def test_a_40000_letter_surname_refuses_its_row_with_line_and_reason(services, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(HEADER + "Bondar;Taras;M;01/01/1980;\n"
                    + "S" * 40_000 + ";Olena;F;02/02/1982;\n", encoding="utf-8")
    plan = services.imports.plan(path)
    assert plan.persons == 1  # the good row stays
    [rejected] = plan.rejected
    assert (rejected.line, rejected.key) == (3, "import.too_long")
    assert rejected.params == {"max": NAME_MAX, "length": 40_000, "column": "A",
                               "header": "Nom"}
    assert Translator("fr")(rejected.key, **rejected.params) == (
        "la colonne A «\u00a0Nom\u00a0» contient 40000 caractères, plus que les 100 "
        "autorisés\u00a0: "
        "raccourcissez-la.")


def test_a_note_has_a_longer_limit_than_a_name(services, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text(HEADER + f"Bondar;Taras;M;01/01/1980;{'n' * NOTE_MAX}\n"
                    + f"Bondar;Olena;F;01/01/1981;{'n' * (NOTE_MAX + 1)}\n", encoding="utf-8")
    plan = services.imports.plan(path)
    assert [(r.line, r.key, r.params["column"]) for r in plan.rejected] == [
        (3, "import.too_long", "E")]


def test_a_filled_form_with_a_huge_name_is_a_problem_on_its_field(services):
    form = services.fillable.from_values({**FILLED, "person1.surname": "Ш" * 40_000})
    assert {(p.field, p.key) for p in form.problems if p.key == "text.too_long"} == {
        ("person1.surname", "text.too_long")}


def test_the_household_of_a_refused_row_waits_with_it(services, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("N° ménage;Lien;Nom;Prénom;Sexe;Date de naissance\n"
                    "1;chef;Bondar;Taras;M;01/01/1980\n"
                    f"1;enfant;Bondar;{'O' * 5000};F;01/01/2010\n", encoding="utf-8")
    plan = services.imports.plan(path)
    assert plan.persons == 0
    assert sorted((r.line, r.key) for r in plan.rejected) == [
        (2, "import.household_rejected"), (3, "import.too_long")]
