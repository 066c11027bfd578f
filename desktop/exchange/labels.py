"""Enumerated values as people read them: an export writes each one as its label in the
export's language, and the import reads back the label of every language (and the stored
code), all taken from the catalogs so a new value or a reworded label needs no second list."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import TypeVar

from desktop.core.enums import (
    AccommodationType,
    CaseStatus,
    ClosureReason,
    DocumentType,
    PartnerKind,
    PartnerScope,
    Relationship,
    Sex,
)
from desktop.core.i18n import LANGUAGES, load_catalog
from desktop.exchange.columns import fold

E = TypeVar("E", bound=StrEnum)
Translate = Callable[..., str]

# The catalog prefix of each enumeration an export writes (Translator.choice).
PREFIXES: dict[type[StrEnum], str] = {
    Sex: "sex", Relationship: "relationship", AccommodationType: "accommodation",
    DocumentType: "document_type", CaseStatus: "case_status",
    ClosureReason: "closure_reason", PartnerKind: "partner_kind",
    PartnerScope: "partner_scope",
}
# Person languages, written as their names: "en" would read as the Dutch word "and".
LANGUAGE_CODES = ("uk", "ru", "en", "fr", "nl", "de")
YES = "exporter.yes"


def label(tr: Translate, value: StrEnum | None) -> str:
    """The label of a value in the translator's language; "" for no value."""
    if value is None or value == "":
        return ""
    return tr(f"{PREFIXES[type(value)]}.{value.value}")


def language_label(tr: Translate, code: str) -> str:
    return tr(f"language.{code}") if code in LANGUAGE_CODES else code


def _catalog_words(key_of: Callable[[str], str], codes: list[str]) -> dict[str, str]:
    words: dict[str, str] = {}
    for code in codes:
        words[fold(code)] = code
    for lang in LANGUAGES:
        catalog = load_catalog(lang)
        for code in codes:
            text = catalog.get(key_of(code))
            if isinstance(text, str):
                words.setdefault(fold(text), code)
    return words


def words_for(enum: type[E]) -> dict[str, E]:
    """Folded label (any language) or code -> value."""
    prefix = PREFIXES[enum]
    found = _catalog_words(lambda code: f"{prefix}.{code}", [v.value for v in enum])
    return {word: enum(code) for word, code in found.items()}


def language_words() -> dict[str, str]:
    """Folded language name (any language) -> language code."""
    return _catalog_words(lambda code: f"language.{code}", list(LANGUAGE_CODES))


