"""Synthetic surnames composed from roots and suffixes, ranked and drawn with a Zipf-like
frequency: a few very common (Шевченко, Коваленко, Бондаренко, as in today's lists), a long
tail of rare ones, as on a real CPAS list.

A surname is a pair (masculine, feminine): the same for -енко, -ук, -чук…, different for the
adjectival and Russian-type ones (Ковальський / Ковальська, Іванов / Іванова). The ranking is
fixed (it does not depend on the seed), so a seed always gives the same names.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from collections.abc import Iterator
from functools import cache

from desktop.core.demo import material
from desktop.core.demo import surname_parts as parts

Surname = tuple[str, str]  # (masculine, feminine)

_VOWELS = frozenset("аеєиіїоуюяы")
# A consonant that changes before a front vowel: Мельник → Мельниченко, Пастух → Пастушук.
_SOFTENED = {"к": "ч", "г": "ж", "х": "ш"}
# Before a soft sign or й a suffix's first vowel turns soft: Гаврило → Гаврилюк, Андрієнко.
_AFTER_JOT = {"е": "є", "у": "ю", "а": "я", "і": "ї"}
_AFTER_SOFT = {"у": "ю", "а": "я"}
# Masculine endings with their feminine (the rest do not change with sex).
_FEMININE = (("ський", "ська"), ("цький", "цька"), ("зький", "зька"), ("ний", "на"),
             ("ский", "ская"), ("цкий", "цкая"), ("зкий", "зкая"), ("ов", "ова"),
             ("ев", "ева"), ("єв", "єва"), ("ьов", "ьова"),
             ("йов", "йова"), ("ін", "іна"), ("їн", "їна"), ("ин", "ина"))
# Zipf-Mandelbrot, steeper in the head than in the tail (as surname counts are): rank r
# weighs 1 / (r + OFFSET) ** HEAD_EXPONENT up to HEAD ranks, then falls with TAIL_EXPONENT.
# Chosen so that the top surname is about 1.5% of households and 20,000 persons hold over
# 4,000 surnames.
HEAD, HEAD_EXPONENT, TAIL_EXPONENT, OFFSET = 50, 0.9, 0.7, 3
# Households: how many persons (1..7, weights), and how many write Russian.
HOUSEHOLD_SIZES = range(1, 8)
HOUSEHOLD_SIZE_WEIGHTS = (36, 28, 19, 11, 3, 2, 1)
RUSSIAN_HOUSEHOLDS = 0.1
FAMILIAR_FIRST = 6  # households of a run that take the head of the ranking in turn
RANKING_SEED = 20220224  # the tail's order; fixed, so that ranks never depend on a demo seed
DOUBLE_BARRELLED = 0.006  # share of households with a double-barrelled name (Петренко-Коваль)


def feminine(masculine: str) -> str:
    for ending, female in _FEMININE:
        if masculine.endswith(ending) and len(masculine) > len(ending) + 1:
            return masculine[: -len(ending)] + female
    return masculine


def _adjective(stem: str, ending: str) -> str | None:
    """-ський after the stem's last consonant: Прилуки → Прилуцький, Збараж → Збаразький."""
    stem = stem.removesuffix("ь")
    last = stem[-1]
    if _cluster(stem):
        return None  # Тесл-ський: no such name
    # Russian writes -цкий, -зкий after the same consonants (Белецкий).
    tail = ending[1:]
    if last in "кцч":
        if stem[-2] not in _VOWELS:
            return None  # Пушк-ський
        return stem[:-1] + "ц" + tail
    if last in "зжг":
        return stem[:-1] + "з" + tail
    if last in "сшх":
        return stem[:-1] + ending
    if last == "л" and ending == "ський":
        return stem + "ь" + ending
    return stem + ending


def _cluster(stem: str) -> bool:
    """Ends in two consonants, the last a sonorant (петр, павл, вітр): no bare word, and
    consonant suffixes do not follow it."""
    return len(stem) > 2 and stem[-1] in "рлнвм" and stem[-2] not in _VOWELS | {"ь", "й"}


_BARE_CLUSTERS = frozenset({"вк", "зд", "ст", "нт", "рт", "рк"})


def compose(stem: str, suffix: str, russian_spelling: bool = False) -> str | None:
    """The masculine surname of ``stem`` + ``suffix``, or None when they do not go together
    (a bare stem that is not a word: кравч, вітр)."""
    if not suffix:
        last_two = stem[-2:]
        if stem[-1] in "чцщ" or (all(ch not in _VOWELS | {"ь", "й"} for ch in last_two)
                                 and last_two not in _BARE_CLUSTERS):
            return None
        return stem.capitalize()
    if suffix in ("ський", "ский"):
        made = _adjective(stem, suffix)
        return made.capitalize() if made else None
    if suffix[0] not in _VOWELS:
        if suffix[0] == "ч" and stem[-1] in "чц":
            stem = stem[:-1]  # кравч + чук → Кравчук, горобц + чук → Горобчук
        elif stem[-1] in "кгхшжщчц" or _cluster(stem):
            return None  # Рибалкченко, Павлченко
        if suffix == "ний" and stem[-2] not in _VOWELS:
            return None
        return (stem + suffix).capitalize()
    first, rest = suffix[0], suffix[1:]
    if stem.endswith("й"):
        stem = stem[:-1]
        first = "йо" if first == "о" and not russian_spelling else _AFTER_JOT.get(first, first)
    elif stem.endswith("ь"):
        if russian_spelling and first == "о":
            first = "е"  # Соловьев
        elif first in "оі":  # Васильович, Василів
            stem = stem[:-1] if first == "і" else stem
        else:
            stem = stem[:-1]
            first = _AFTER_SOFT.get(first, first)
    elif stem[-1] in _SOFTENED and first in "еиу" and not russian_spelling:
        stem = stem[:-1] + _SOFTENED[stem[-1]]
    elif stem[-1] in _VOWELS:
        stem = stem[:-1]
    if suffix in ("ов", "овський") and stem[-1] in "чшжщ":
        first = "е"  # Грачев, Кравчевський
    return (stem + first + rest).capitalize()


def _diminutives() -> Iterator[str]:
    """Петр + ик → петрик, вовк + ун → вовкун: stems of their own."""
    for kind, infixes in parts.INFIXES.items():
        for stem, infix in itertools.product(_roots(kind), infixes):
            if stem[-1] in "йь" and infix[0] in "иу":
                continue
            made = compose(stem, infix)
            if made:
                yield made.lower()


def _roots(kind: str) -> Iterator[str]:
    if kind == "compound":
        for head, body in itertools.product(parts.COMPOUND_HEADS, parts.COMPOUND_BODIES):
            yield head + body
    elif kind == "prefixed":
        for prefix, root in itertools.product(parts.PREFIXES, parts.PREFIXED_ROOTS):
            yield prefix + root
    elif kind == "diminutive":
        yield from _diminutives()
    else:
        yield from getattr(parts, kind.upper())


def _scored(kinds: tuple[str, ...], rng: random.Random) -> list[tuple[float, str]]:
    """Every composed surname with a score: how productive its kind and suffix are, earlier
    roots of a list more than later ones, and a random factor so the order is not a grid."""
    scored: list[tuple[float, str]] = []
    for kind in kinds:
        for position, stem in enumerate(_roots(kind)):
            for suffix, weight in parts.SUFFIXES[kind]:
                name = compose(stem, suffix, russian_spelling=kind == "russian_ru")
                if name is not None:
                    score = (parts.KIND_WEIGHTS.get(kind, 1) * weight / (1 + position / 30)
                             * rng.random() ** 2)
                    scored.append((score, name))
    return scored


# A syllable said twice running (Кравчичич, Мартинишишин): diminutive on diminutive.
_STUTTER = re.compile(r"(\w{2,3})\1")


def _ranked(head: list[Surname], kinds: tuple[str, ...]) -> list[Surname]:
    rng = random.Random(RANKING_SEED)
    ranked = list(head)
    seen = {masculine for masculine, _ in ranked}
    for _, name in sorted(_scored(kinds, rng), key=lambda pair: -pair[0]):
        if name not in seen and len(name) > 2 and not _STUTTER.search(name.lower()):
            seen.add(name)
            ranked.append((name, feminine(name)))
    return ranked


def _head_uk() -> list[Surname]:
    """Today's common surnames first (small demo sets still hold Шевченко), with the
    adjectival ones among them."""
    head: list[Surname] = [(name, name) for name in material.SURNAMES_UK]
    for rank, pair in zip(range(12, 80, 11), material.SURNAMES_UK_ADJ, strict=False):
        head.insert(rank, pair)
    return head


def zipf_weight(rank: int) -> float:
    """Weight of the surname at ``rank`` (1 = most common)."""
    if rank <= HEAD:
        return 1 / (rank + OFFSET) ** HEAD_EXPONENT
    at_head = 1 / (HEAD + OFFSET) ** HEAD_EXPONENT
    return at_head * ((HEAD + OFFSET) / (rank + OFFSET)) ** TAIL_EXPONENT


class Ranking:
    """Surnames from most to least common, and draws from them by Zipf-like weights."""

    def __init__(self, surnames: list[Surname]) -> None:
        self.surnames = surnames
        weights = [zipf_weight(rank) for rank in range(1, len(surnames) + 1)]
        self._cumulative = list(itertools.accumulate(weights))

    def share(self, rank: int) -> float:
        """Probability of the surname at ``rank`` (0 = most common)."""
        previous = self._cumulative[rank - 1] if rank else 0.0
        return (self._cumulative[rank] - previous) / self._cumulative[-1]

    def draw(self, rng: random.Random) -> Surname:
        point = rng.random() * self._cumulative[-1]
        return self.surnames[min(bisect.bisect_right(self._cumulative, point),
                                 len(self.surnames) - 1)]


@cache
def ukrainian() -> Ranking:
    kinds = ("occupation", "given", "animal", "nature", "place", "russian_uk", "western",
             "western_ev", "compound", "prefixed", "diminutive")
    return Ranking(_ranked(_head_uk(), kinds))


@cache
def russian() -> Ranking:
    return Ranking(_ranked(list(material.SURNAMES_RU), ("russian_ru",)))


def family_name(rng: random.Random, russian_household: bool, ordinal: int = -1) -> Surname:
    """One household's surname; now and then a double-barrelled one. ``ordinal``: the
    household's place in a demo run. The first few take the most common surnames in turn,
    so that a trainee's small demo always holds a Шевченко and a Коваленко."""
    first = (russian() if russian_household else ukrainian()).draw(rng)
    doubled = rng.random() < DOUBLE_BARRELLED
    if 0 <= ordinal < FAMILIAR_FIRST and not russian_household:
        return ukrainian().surnames[ordinal]
    if not doubled:
        return first
    second = ukrainian().draw(rng)
    if second == first:
        return first
    return f"{first[0]}-{second[0]}", f"{first[1]}-{second[1]}"


def population(persons: int, seed: int) -> Iterator[tuple[Surname, int]]:
    """Family names and sizes of households holding ``persons`` persons, drawn as the demo
    draws them, without a database: what the name statistics are measured on."""
    rng = random.Random(seed)
    for ordinal in itertools.count():
        if persons <= 0:
            return
        size = min(persons, rng.choices(HOUSEHOLD_SIZES, HOUSEHOLD_SIZE_WEIGHTS)[0])
        persons -= size
        yield family_name(rng, rng.random() < RUSSIAN_HOUSEHOLDS, ordinal), size
