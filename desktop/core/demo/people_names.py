"""A synthetic person's names: given name and patronymic (Ukrainian or Russian), the
household's surname in its masculine or feminine form, the passport's Latin spelling, and the
other spellings papers carry: a Belgian administration's French, Dutch or German habit, an
older passport's standard, a diminutive written on a form (Таня for Тетяна).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from functools import cache, lru_cache

import translitua

from desktop.core.demo import material
from desktop.core.name_aliases import GROUPS
from desktop.core.names import passport_latin
from desktop.core.transliteration import administrative_spelling

# Share of persons whose papers carry each kind of other spelling.
ADMINISTRATIVE = 0.3
OLDER_PASSPORT = 0.08
DIMINUTIVE_ON_PAPER = 0.05
# Standards of passports issued before the 2010 one (some keep them on request).
_OLDER_STANDARDS = (translitua.UkrainianPassport2007, translitua.UkrainianNational1996)
# Patronymics that do not follow the rule (Микола → Миколайович, Ілля → Ілліч).
_PATRONYMIC_EXCEPTIONS = {
    "Микола": ("Миколайович", "Миколаївна"), "Ілля": ("Ілліч", "Іллівна"),
    "Лука": ("Лукич", "Луківна"), "Кузьма": ("Кузьмич", "Кузьмівна"),
    "Яків": ("Якович", "Яківна"), "Федір": ("Федорович", "Федорівна"),
    "Лев": ("Львович", "Львівна"), "Григорій": ("Григорович", "Григорівна"),
}  # fmt: skip


@dataclass(frozen=True)
class PersonName:
    surname: str
    given: str
    patronymic: str
    surname_lat: str
    given_lat: str
    patronymic_lat: str
    other_spellings: tuple[str, ...]


def patronymics(given: str) -> tuple[str, str]:
    """(son's, daughter's) patronymic of a Ukrainian father's given name."""
    if given in _PATRONYMIC_EXCEPTIONS:
        return _PATRONYMIC_EXCEPTIONS[given]
    if given.endswith("ій"):  # Сергій → Сергійович, Сергіївна
        return given + "ович", given[:-1] + "ївна"
    if given.endswith("ь"):  # Василь → Васильович, Василівна
        return given + "ович", given[:-1] + "івна"
    if given[-1] in "оа":  # Петро → Петрович, Петрівна
        return given[:-1] + "ович", given[:-1] + "івна"
    return given + "ович", given + "івна"


def _zipf(names: tuple[str, ...]) -> tuple[tuple[str, ...], list[float]]:
    """Given names are skewed too, less than surnames: the first of a list most often.
    Cumulative weights, so a draw does not add them up again."""
    return names, list(itertools.accumulate(1 / (rank + 4) for rank in range(len(names))))


@cache
def _given_tables() -> dict[tuple[bool, bool], tuple[tuple[str, ...], list[float]]]:
    """(russian, female) -> names and weights."""
    return {
        (False, False): _zipf(tuple(name for name, _, _ in material.MALE_UK)
                              + tuple(material.MORE_MALE_UK)),
        (False, True): _zipf(tuple(material.FEMALE_UK)),
        (True, False): _zipf(tuple(name for name, _, _ in material.MALE_RU)),
        (True, True): _zipf(material.FEMALE_RU),
    }


@cache
def _listed_patronymics(russian: bool) -> dict[str, tuple[str, str]]:
    table = material.MALE_RU if russian else material.MALE_UK
    return {name: (son, daughter) for name, son, daughter in table}


def given_name(rng: random.Random, russian: bool, female: bool) -> str:
    names, cumulative = _given_tables()[(russian, female)]
    return rng.choices(names, cum_weights=cumulative)[0]


def patronymic(father: str, russian: bool, female: bool) -> str:
    pair = _listed_patronymics(russian).get(father) or patronymics(father)
    return pair[1] if female else pair[0]


@lru_cache(maxsize=100_000)
def latin(cyrillic: str) -> str:
    """The passport spelling (KMU 2010); cached, many persons share a name."""
    return passport_latin(cyrillic)


@lru_cache(maxsize=100_000)
def _older(cyrillic: str, standard: int) -> str:
    return translitua.translit(cyrillic, _OLDER_STANDARDS[standard])


@lru_cache(maxsize=100_000)
def _administrative(cyrillic: str, language: str) -> str:
    return administrative_spelling(cyrillic, language)


def _diminutives(given: str) -> tuple[str, ...]:
    return GROUPS.get(given, ())


def person_name(rng: random.Random, russian: bool, female: bool, family: tuple[str, str],
                father: str) -> PersonName:
    given = given_name(rng, russian, female)
    surname = family[1] if female else family[0]
    middle = patronymic(father, russian, female)
    other: list[str] = []
    if rng.random() < ADMINISTRATIVE:
        language = rng.choice(("fr", "nl", "de"))
        other.append(f"{_administrative(surname, language)} {_administrative(given, language)}")
    if rng.random() < OLDER_PASSPORT:
        standard = rng.randrange(len(_OLDER_STANDARDS))
        other.append(f"{_older(surname, standard)} {_older(given, standard)}")
    if rng.random() < DIMINUTIVE_ON_PAPER and _diminutives(given):
        other.append(f"{surname} {rng.choice(_diminutives(given))}")
    return PersonName(surname, given, middle, latin(surname), latin(given), latin(middle),
                      tuple(other))
