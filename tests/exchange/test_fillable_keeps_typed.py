"""A paper or PDF intake typed back in: nothing written on it is skipped without a word."""

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
