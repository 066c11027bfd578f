"""Names in several scripts and spellings, and the keys that let search find any of them.

A name is never an identity key: people carry a Cyrillic original, a passport Latin spelling
(Ukrainian national standard of 2010) and spellings made after French, Dutch or German habits.
``skeleton`` folds all of these to one consonant key, so Шевченко, Shevchenko, Chevtchenko,
Sjevtsjenko and Schewtschenko share a key; ``normal`` keeps the vowels for ranking.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from translitua import translit

# Cyrillic (Ukrainian and Russian letters) to a rough Latin form, for keys only.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ё": "io", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip

# Letter groups that different transliteration habits use for the same sound, longest first.
_GROUPS = [
    ("shch", "S"), ("tsch", "S"), ("sch", "S"), ("tch", "S"), ("tsj", "S"), ("sh", "S"),
    ("ch", "S"), ("sj", "S"), ("zh", "S"), ("cz", "S"), ("sz", "S"),
    ("kh", "h"), ("ts", "c"), ("tz", "c"), ("ph", "f"), ("ck", "k"), ("x", "ks"),
    ("ou", "u"), ("oe", "u"), ("g", "h"), ("w", "v"), ("y", "i"), ("j", "i"), ("q", "k"),
]  # fmt: skip
_GROUP_PATTERN = re.compile("|".join(re.escape(src) for src, _ in _GROUPS))
_GROUP_MAP = dict(_GROUPS)
_VOWELS = set("aeiou")
_TOKEN_SPLIT = re.compile(r"[\s\-‐,.;/()]+")


_CYRILLIC_TABLE = str.maketrans(_CYRILLIC)


def is_cyrillic(text: str) -> bool:
    if text.isascii():  # no name lookup per letter for plain Latin (most tokens)
        return False
    return any("CYRILLIC" in unicodedata.name(ch, "") for ch in text)


def passport_latin(cyrillic: str) -> str:
    """The Latin spelling by the Ukrainian national standard of 2010 (Юлія → Yuliia)."""
    return translit(cyrillic)


def _fold_latin(text: str) -> str:
    if text.isascii():  # nothing to decompose: most tokens once transliterated
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)  # called for every spelling of every hit ("found by")
def latin_letters(token: str) -> str:
    """Lower-case Latin letters only: Cyrillic transliterated roughly, accents dropped."""
    return _to_latin(token)


def _to_latin(token: str) -> str:
    folded = token.casefold()
    if is_cyrillic(folded):
        folded = folded.translate(_CYRILLIC_TABLE)
    return "".join(filter(str.isalpha, _fold_latin(folded)))


@lru_cache(maxsize=65536)
def normal(token: str) -> str:
    """One spelling per sound: 'Schewtschenko' and 'Шевченко' both give 'SeviSenko'-like forms."""
    latin = _to_latin(token)
    grouped = _GROUP_PATTERN.sub(lambda m: _GROUP_MAP[m.group(0)], latin)
    return _collapse(grouped)


@lru_cache(maxsize=65536)
def skeleton(token: str) -> str:
    """Consonants only, with '_' for a leading vowel: the search key of a name token."""
    form = normal(token)
    if not form:
        return ""
    head = "_" if form[0] in _VOWELS else form[0]
    return _collapse(head + "".join(ch for ch in form[1:] if ch not in _VOWELS))


def _collapse(text: str) -> str:
    out: list[str] = []
    for ch in text:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def tokens(text: str) -> list[str]:
    return [token for token in _TOKEN_SPLIT.split(text.strip()) if token]


def name_keys(spellings: Iterable[str]) -> set[str]:
    """Every skeleton key of every token of every spelling."""
    keys = set()
    for spelling in spellings:
        for token in tokens(spelling or ""):
            key = skeleton(token)
            if key and key != "_":
                keys.add(key)
    return keys


def similarity(query_token: str, name_token: str) -> float:
    """0..1, how close two tokens sound once normalised (ranking, not matching)."""
    from difflib import SequenceMatcher

    a, b = normal(query_token), normal(name_token)
    if not a or not b:
        return 0.0
    if b.startswith(a):
        # A typed prefix of the name ('Shevch') counts almost as a full match.
        return 0.9 + 0.1 * len(a) / len(b)
    return SequenceMatcher(None, a, b).ratio()
