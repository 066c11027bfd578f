"""A paper or PDF intake typed back in: nothing written on it is skipped without a word,
and nothing left empty is filled with a guess."""

from sqlmodel import Session, select

from desktop.core.models import Person

MOTHER = {"person1.surname": "Шевченко", "person1.given_name": "Юлія",
          "person1.birth_date": "30/07/1985", "person1.sex": "F"}


def test_a_person_block_without_a_name_is_said_not_skipped(services):
    form = services.fillable.from_values({**MOTHER, "person2.birth_date": "12/04/2015",
                                          "person2.phone": "0470 12 34 56"})
    assert form.persons == 2
    assert {"person2.surname", "person2.given_name"} <= {p.field for p in form.problems}


def test_a_document_type_without_its_number_is_said_on_the_number(services):
    form = services.fillable.from_values({**MOTHER, "person1.document_type": "id_card"})
    assert [(p.field, p.key) for p in form.problems] == [
        ("person1.document_number", "intake.document_number_required")]


def test_empty_nationality_and_languages_stay_empty(services):
    form = services.fillable.from_values(MOTHER)
    yuliia = form.household.members[0]
    assert (yuliia.nationality, yuliia.languages) == ("", [])  # not UKR and Ukrainian
    services.fillable.register(form)  # and saved so: the case file asks later
    with Session(services.session.engine) as db:
        person = db.exec(select(Person)).one()
    assert (person.nationality, person.languages) == ("", [])
    form = services.fillable.from_values({**MOTHER, "person1.nationality": "Moldavie",
                                          "person1.languages": "russe"})
    assert (form.household.members[0].nationality, form.household.members[0].languages) == (
        "MDA", ["ru"])


def test_a_municipality_is_taken_only_when_the_form_names_exactly_one(services):
    def read(**household):
        return services.fillable.from_values(
            {**MOTHER, **{f"household.{k}": v for k, v in household.items()}})

    assert read(municipality="Luik").household.municipality_refnis == "62063"
    assert read(postal_code="4020").household.municipality_refnis == "62063"
    form = read(municipality="Lie", postal_code="4000")  # Liège? Lier? Lierde? not guessed
    assert form.household.municipality_refnis == ""
    [problem] = form.problems
    assert (problem.field, problem.key, problem.params["value"]) == (
        "household.municipality", "import.ambiguous_municipality", "Lie")
    assert "Liège / Luik / Lüttich" in problem.params["candidates"]
    [problem] = read(postal_code="1050").problems  # said on the field it was read from
    assert (problem.field, problem.key) == ("household.postal_code",
                                            "import.ambiguous_municipality")
    assert "Ixelles / Elsene (1050)" in problem.params["candidates"]
