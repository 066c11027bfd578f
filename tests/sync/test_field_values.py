"""A field typed outside its usual screen is read and checked as the normal edit does."""

from datetime import date

import pytest

from desktop.core.enums import Sex
from desktop.core.errors import ValidationError
from desktop.core.models import CaseFile, Note, Person
from desktop.sync.field_values import field_kind, read_value


@pytest.mark.parametrize(("model", "name", "typed", "value"), [
    (Person, "surname_lat", "  Shevchenko\t", "Shevchenko"),
    (Person, "arrived_on", "05/03/2022", date(2022, 3, 5)),
    (Person, "arrived_on", "", None),
    (Person, "sex", "X", Sex.OTHER),
    (Person, "interpreter_needed", True, True),
    (Person, "interpreter_needed", "false", False),
    (Person, "languages", ["uk", " ru ", ""], ["uk", "ru"]),
    (Person, "languages", "uk, en", ["uk", "en"]),
    (Person, "national_number", "85.07.30-033.28", "85073003328"),
    (Note, "body", "Première ligne\r\nseconde", "Première ligne\nseconde"),
])
def test_typed_values_are_read_as_the_field_holds_them(model, name, typed, value):
    assert read_value(model, name, typed) == value


@pytest.mark.parametrize(("model", "name", "typed", "key"), [
    (Person, "arrived_on", "2022", "date.unreadable"),
    (Person, "arrived_on", "31/02/2022", "date.impossible"),
    (Person, "sex", "Q", "sync.value_not_a_choice"),
    (Person, "interpreter_needed", "perhaps", "sync.value_not_yes_no"),
    (Person, "email", "not an address", "intake.email_invalid"),
    (Person, "phone", "12", "intake.phone_invalid"),
    (Person, "national_number", "85073003327", "nrn.checksum"),
    (Person, "given_name_lat", "x" * 101, "text.too_long"),
    (CaseFile, "household_id", "whatever", "sync.value_not_editable"),
])
def test_what_does_not_fit_is_said_as_the_normal_edit_says_it(model, name, typed, key):
    with pytest.raises(ValidationError) as refused:
        read_value(model, name, typed)
    assert refused.value.key == key


def test_each_field_gets_an_editor_of_its_kind():
    assert [field_kind(Person, name).kind for name in (
        "phone", "arrived_on", "sex", "interpreter_needed", "languages")] == [
        "text", "date", "enum", "bool", "list"]
    assert field_kind(Note, "body").kind == "multiline"
    assert not field_kind(CaseFile, "household_id").editable
