"""One translation layer for the UI, the CLI and the PDF documents.

Catalogs are flat JSON files ``i18n/<lang>.json`` mapping a stable message key to text with
``{named}`` placeholders. English is the source catalog. JSON (rather than Qt's .ts/.qm) keeps
the catalogs usable without Qt, so a PDF can hold two languages at once (official language
beside Ukrainian) from two ``Translator`` objects.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable
from functools import cache
from pathlib import Path

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


@cache
def load_catalog(lang: str, folder: Path = CATALOGS) -> dict[str, str]:
    if lang in DOCUMENT_ONLY_LANGUAGES:
        folder = folder / "documents"
    elif lang not in LANGUAGES:
        raise ValueError(f"unsupported language: {lang}")
    with (folder / f"{lang}.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def placeholders(text: str) -> set[str]:
    """The named fields of a message, e.g. {'name'} for 'Hello {name}'."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


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
        if not params:
            return text
        try:
            return text.format_map(params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never crash a screen; the catalog test catches it.
            return text

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
