"""Synthetic surnames: many of them, a few very common, composed by the rules of Ukrainian
(and Russian) surnames, the same for the same seed. Drawn without a database."""

import random
from collections import Counter

from desktop.core.demo import surnames
from desktop.core.demo.surnames import compose, feminine, population


def persons_per_surname(persons: int, seed: int) -> Counter:
    counts: Counter = Counter()
    for (masculine, _), size in population(persons, seed):
        counts[masculine] += size
    return counts


def test_twenty_thousand_persons_hold_over_four_thousand_surnames():
    assert len(persons_per_surname(20_000, seed=1)) >= 4_000


def test_a_few_surnames_are_very_common_and_most_are_rare():
    counts = persons_per_surname(20_000, seed=2)
    ordered = sorted(counts.values(), reverse=True)
    median = ordered[len(ordered) // 2]
    assert ordered[0] >= 30 * median
    households = Counter(name for (name, _), _ in population(20_000, seed=2))
    once = sum(count == 1 for count in households.values())
    assert once > len(households) / 3  # a long tail of surnames one household holds


def test_the_most_common_surnames_are_the_familiar_ones():
    head = [masculine for masculine, _ in surnames.ukrainian().surnames[:3]]
    assert head == ["Шевченко", "Коваленко", "Бондаренко"]
    assert surnames.ukrainian().share(0) > 0.01  # small demo sets hold a Шевченко


def test_the_same_seed_gives_the_same_surnames_and_another_seed_others():
    first = [name for name, _ in population(2_000, seed=5)]
    assert first == [name for name, _ in population(2_000, seed=5)]
    assert first != [name for name, _ in population(2_000, seed=6)]


def test_suffixes_follow_the_stem():
    assert compose("коваль", "енко") == "Коваленко"
    assert compose("мельник", "енко") == "Мельниченко"
    assert compose("кравч", "чук") == "Кравчук"
    assert compose("гаврил", "ук") == "Гаврилук"
    assert compose("андрій", "енко") == "Андрієнко"
    assert compose("прилук", "ський") == "Прилуцький"
    assert compose("збараж", "ський") == "Збаразький"
    assert compose("соловй", "ов") == "Соловйов"
    assert compose("соловь", "ов", russian_spelling=True) == "Соловьев"
    assert compose("вітр", "") is None  # a bare stem that is no word


def test_adjectival_and_russian_surnames_have_a_feminine_form():
    assert feminine("Ковальський") == "Ковальська"
    assert feminine("Білецький") == "Білецька"
    assert feminine("Іванов") == "Іванова"
    assert feminine("Фомін") == "Фоміна"
    assert feminine("Підгорний") == "Підгорна"
    assert feminine("Шевченко") == "Шевченко"
    assert feminine("Ковальчук") == "Ковальчук"


def test_every_ranked_surname_is_a_plausible_word():
    for masculine, female in surnames.ukrainian().surnames + surnames.russian().surnames:
        assert 3 <= len(masculine) <= 30
        assert masculine[0].isupper() and masculine[1:].islower()
        assert len(female) >= len(masculine) - 1


def test_some_households_have_a_double_barrelled_name():
    rng = random.Random(3)
    drawn = [surnames.family_name(rng, russian_household=False) for _ in range(5_000)]
    doubled = [pair for pair in drawn if "-" in pair[0]]
    assert 0 < len(doubled) < 0.02 * len(drawn)
    assert all(pair[1].count("-") == 1 for pair in doubled)


def test_a_small_demo_holds_the_familiar_surnames():
    drawn = {name for (name, _), _ in population(40, seed=9)}
    assert {"Шевченко", "Коваленко"} <= drawn
