"""How the central reads a directory list's headers and words: the desktop's rules
(directory/: the same columns, synonyms and stem matching), the labels of the desktop's
catalogs (so a desktop's export in any language reads back), kinds and languages by code or
by name. The catalogs and the municipality list are read as data: the central imports
nothing of the desktop."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from directory.columns import COLUMNS, KIND_WORDS, KINDS, SYNONYMS, fold
from directory.headers import HeaderMatcher

ROOT = Path(__file__).resolve().parent.parent.parent
CATALOG_LANGUAGES = ("en", "fr", "nl", "de", "uk")
ID = "id"  # the central's export names each entry, so a file edited and imported updates it
READ = (*(c for c in COLUMNS if c != "scope"), ID)


@cache
def _catalogs() -> list[dict[str, object]]:
    return [json.loads((ROOT / "i18n" / f"{lang}.json").read_text("utf-8"))
            for lang in CATALOG_LANGUAGES]


def _labels(prefix: str, codes: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Folded label of every catalog -> code."""
    found: dict[str, str] = {}
    for catalog in _catalogs():
        for code in codes:
            label = catalog.get(f"{prefix}{code}")
            if isinstance(label, str):
                found.setdefault(fold(label), code)
    return found


@cache
def _headers() -> dict[str, str]:
    lookup = _labels("partners.column_", COLUMNS)
    for column, words in SYNONYMS.items():
        lookup.setdefault(fold(column), column)
        for word in words:
            lookup.setdefault(fold(word), column)
    lookup[ID] = ID
    return lookup


_MATCHER = HeaderMatcher(SYNONYMS)


def recognise(header: object) -> str | None:
    if header is None or not str(header).strip():
        return None
    return _headers().get(fold(str(header))) or _MATCHER.match(str(header))


@cache
def kind_words() -> dict[str, str]:
    words = _labels("partner_kind.", KINDS)
    for code in KINDS:
        words.setdefault(fold(code), code)
    for code, typed in KIND_WORDS.items():
        for word in typed:
            words.setdefault(fold(word), code)
    return words


@cache
def language_words() -> dict[str, str]:
    codes = sorted({key.partition(".")[2] for catalog in _catalogs() for key in catalog
                    if key.startswith("language.")})
    return _labels("language.", codes)


@cache
def municipality_words() -> dict[str, str]:
    """Folded municipality name (French, Dutch, German) or REFNIS code -> REFNIS code."""
    rows = json.loads((ROOT / "resources" / "reference" / "municipalities.json")
                      .read_text("utf-8"))
    found: dict[str, str] = {}
    for row in rows:
        found[row["refnis"]] = row["refnis"]
        for name in row["names"].values():
            found.setdefault(fold(name), row["refnis"])
    return found
