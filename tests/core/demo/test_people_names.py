"""A synthetic person's given name, patronymic and the spellings papers carry."""

import random

from desktop.core.demo.people_names import patronymics, person_name
from desktop.core.name_aliases import GROUPS
from desktop.core.names import passport_latin, skeleton


def test_patronymics_follow_the_fathers_name():
    assert patronymics("Сергій") == ("Сергійович", "Сергіївна")
    assert patronymics("Петро") == ("Петрович", "Петрівна")
    assert patronymics("Василь") == ("Васильович", "Василівна")
    assert patronymics("Богдан") == ("Богданович", "Богданівна")
    assert patronymics("Микола") == ("Миколайович", "Миколаївна")


def test_women_carry_the_feminine_form_of_the_family_name():
    rng = random.Random(1)
    woman = person_name(rng, False, True, ("Ковальський", "Ковальська"), "Петро")
    man = person_name(rng, False, False, ("Ковальський", "Ковальська"), "Петро")
    assert (woman.surname, woman.patronymic) == ("Ковальська", "Петрівна")
    assert (man.surname, man.patronymic) == ("Ковальський", "Петрович")
    assert man.surname_lat == passport_latin("Ковальський")


def test_papers_carry_other_spellings_that_search_folds_to_the_same_name():
    rng = random.Random(2)
    people = [person_name(rng, False, True, ("Шевченко", "Шевченко"), "Іван")
              for _ in range(2_000)]
    spellings = [s for p in people for s in p.other_spellings]
    assert 0.3 < len(spellings) / len(people) < 0.6
    for spelling in spellings:
        assert skeleton(spelling.split()[0]) == skeleton("Шевченко")
    diminutives = {s.split()[1] for s in spellings if s.startswith("Шевченко ")}
    every_diminutive = {form for forms in GROUPS.values() for form in forms}
    assert diminutives and diminutives <= every_diminutive
    assert "Shevtchenko" in {s.split()[0] for s in spellings} or \
        "Schewtschenko" in {s.split()[0] for s in spellings}
