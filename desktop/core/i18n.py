"""One translation layer for the UI, the CLI and the PDF documents.

Catalogs are flat JSON files ``i18n/<lang>.json`` mapping a stable message key to text with
``{named}`` placeholders. English is the source catalog. A count's message is a JSON object of
its CLDR plural categories ({"one": "{n} person", "other": "{n} persons"}; Ukrainian needs
one/few/many/other), chosen by Babel's plural rules in ``Translator.plural``. JSON (rather
than Qt's .ts/.qm) keeps the catalogs usable without Qt, so a PDF can hold two languages at
once (official language beside Ukrainian) from two ``Translator`` objects.
"""

from __future__ import annotations

import json
import string
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.numbers import format_decimal

from desktop.core.date_text import display_date
from desktop.paths import CATALOGS

LANGUAGES: tuple[str, ...] = ("fr", "nl", "de", "en", "uk")
SOURCE_LANGUAGE = "en"
# Each language's own name, shown in the language pickers.
LANGUAGE_NAMES: dict[str, str] = {
    "fr": "Français",
    "nl": "Nederlands",
    "de": "Deutsch",
    "en": "English",
    "uk": "Українська",
    "ru": "Русский",
}
# Printed beside the official language on documents, without a UI of their own: their
# catalogs hold only what documents print (i18n/documents/<lang>.json).
DOCUMENT_ONLY_LANGUAGES: tuple[str, ...] = ("ru",)
# Numbers are written as in Belgium (12.345 in Dutch, 12 345 in French) and in Ukraine.
NUMBER_LOCALES: dict[str, str] = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE", "en": "en_BE",
                                  "uk": "uk_UA", "ru": "ru"}

# A catalog value: a text, or a plural message (CLDR category -> text).
Message = str | dict[str, str]


@cache
def load_catalog(lang: str, folder: Path = CATALOGS) -> dict[str, Message]:
    if lang in DOCUMENT_ONLY_LANGUAGES:
        folder = folder / "documents"
    elif lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    with (folder / f"{lang}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def placeholders(text: Message) -> set[str]:
    """The named fields of a message, e.g. {'name'} for 'Hello {name}' (of every form of a
    plural message together)."""
    forms = text.values() if isinstance(text, dict) else [text]
    return {field for form in forms for _, field, _, _ in string.Formatter().parse(form)
            if field}


def texts(message: Message) -> list[str]:
    """Every text of a message: itself, or each form of a plural message."""
    return list(message.values()) if isinstance(message, dict) else [message]


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(lang)


def plural_categories(lang: str) -> frozenset[str]:
    """The CLDR categories a plural message needs in this language ('other' always)."""
    return frozenset(_locale(lang).plural_form.tags | {"other"})


def language_name(code: str, lang: str) -> str:
    """A spoken language's name in ``lang`` from CLDR (Babel): "Polonais" for pl in French,
    so a language the form has no box for is still read by name. The code itself when CLDR
    does not know it (as it was imported)."""
    name = _locale(lang).languages.get(code.strip().lower())
    return name[:1].upper() + name[1:] if name else code


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def _cldr_languages() -> dict[str, str]:
    """Folded language code or name, in any interface language -> ISO 639 code."""
    known: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in _locale(lang).languages.items():
            if "_" in code:
                continue  # regional variants (en_GB…): the language itself is enough
            known.setdefault(_folded(code), code)
            known.setdefault(_folded(name), code)
    return known


def language_code(word: str) -> str | None:
    """The ISO 639 code of a spoken language written as a code or a name in one of the
    interface languages ("pl", "polonais", "Polnisch", "польська"), or None."""
    return _cldr_languages().get(_folded(word))


def format_count(n: int | float, lang: str) -> str:
    return format_decimal(n, locale=NUMBER_LOCALES.get(lang, lang))


class Translator:
    """Turns message keys into text in one language, falling back to English, then to the key."""

    def __init__(self, lang: str = SOURCE_LANGUAGE) -> None:
        self._lang = SOURCE_LANGUAGE
        self.set_language(lang)

    @property
    def language(self) -> str:
        return self._lang

    def set_language(self, lang: str) -> None:
        if lang not in LANGUAGES + DOCUMENT_ONLY_LANGUAGES:
            raise ValueError(f"unsupported language: {lang}")
        self._lang = lang
        self._catalog = load_catalog(lang)
        self._fallback = load_catalog(SOURCE_LANGUAGE)

    def __call__(self, key: str, /, **params: object) -> str:
        text = self._catalog.get(key) or self._fallback.get(key) or key
        if isinstance(text, dict):
            count = params.pop("n", None)
            # A count passed as n= (errors and reminders carry it in their params).
            if isinstance(count, int | float) and not isinstance(count, bool):
                return self.plural(key, count, **params)
            text = text.get("other", key)  # asked for without a count
        return self._format(text, params)

    def date(self, value: date | None) -> str:
        """A day as written in this language ('' for none): 29/11/2026, 29.11.2026."""
        return display_date(value, self._lang)

    def plural(self, key: str, n: int | float, /, **params: object) -> str:
        """The form of a count message for ``n`` by the language's plural rules, with ``{n}``
        written as numbers are written in that language: plural('case.persons', 3)."""
        message = self._catalog.get(key) or self._fallback.get(key) or key
        if isinstance(message, dict):
            category = _locale(self._lang).plural_form(n)
            text = message.get(category) or message.get("other", key)
        else:
            text = message
        return self._format(text, {**params, "n": format_count(n, self._lang)})

    def count(self, n: int) -> str:
        """A bare number as written in this language (12 345, 12.345)."""
        return format_count(n, self._lang)

    def _format(self, text: str, params: dict) -> str:
        if not params:
            return text
        # A day passed as a date is written as this language writes days (29.11.2026 in German).
        params = {name: display_date(value, self._lang)
                  if isinstance(value, date) and not isinstance(value, datetime) else value
                  for name, value in params.items()}
        try:
            return text.format_map(params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never crash a screen; the catalog test catches it.
            return text

    def labelled(self, label: str, value: str) -> str:
        """A label and its value joined as this language joins them: "Nom : X" in French
        (a no-break space before the colon), "Name: X" elsewhere."""
        return self("format.label_value", label=label, value=value)

    def choice(self, prefix: str, value: str) -> str:
        """Label of an enumerated value, e.g. choice('role', 'volunteer')."""
        return self(f"{prefix}.{value}")


def best_language(candidates: Iterable[str], default: str = "fr") -> str:
    """First supported language among locale-like codes such as 'nl_BE' or 'uk-UA'."""
    for candidate in candidates:
        code = candidate.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return default
