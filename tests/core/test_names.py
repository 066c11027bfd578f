import pytest

from desktop.core.names import name_keys, normal, passport_latin, skeleton
from desktop.core.transliteration import administrative_spelling

SAME_NAME = [
    ["Шевченко", "Shevchenko", "Chevtchenko", "Sjevtsjenko", "Schewtschenko"],
    ["Юлія", "Yuliia", "Ioulia", "Joelija", "Julija", "Yulia"],
    ["Андрій", "Andriy", "Andrii", "Andrij"],
    ["Наталія", "Наталья", "Nataliya", "Natalia"],
    ["Євген", "Евгений", "Yevgen", "Yevhen", "Jewgen"],
    ["Гончаренко", "Goncharenko", "Honcharenko"],
    ["Галина", "Galina", "Halyna"],
    ["Сергій", "Сергей", "Serhii", "Sergey"],
]


@pytest.mark.parametrize("spellings", SAME_NAME, ids=lambda s: s[1])
def test_every_spelling_of_a_name_shares_one_key(spellings):
    assert len({skeleton(s) for s in spellings}) == 1


def test_different_names_keep_different_keys():
    assert skeleton("Шевченко") != skeleton("Коваленко")
    assert skeleton("Olena") != skeleton("Oksana")


def test_passport_spelling_follows_the_2010_standard():
    assert passport_latin("Юлія Ярошенко") == "Yuliia Yaroshenko"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "Chevtchenko"), ("nl", "Sjevtsjenko"), ("de", "Schewtschenko")],
)
def test_administrative_spellings(language, expected):
    assert administrative_spelling("Шевченко", language) == expected


def test_keys_cover_every_token_of_every_spelling():
    keys = name_keys(["Коваленко-Шевчук Ірина", "Kovalenko-Shevchuk Iryna"])
    assert {skeleton("Коваленко"), skeleton("Шевчук"), skeleton("Ірина")} <= keys


def test_normal_form_ignores_accents_and_case():
    assert normal("Ïvan") == normal("ivan")
