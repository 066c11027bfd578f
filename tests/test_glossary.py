"""One word per concept in every language: wherever the English names a concept of the
glossary, the translation uses the agreed Belgian term, and no message uses a word the
glossary says to avoid (i18n/glossary/README.md)."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from desktop.core.i18n import texts

ROOT = Path(__file__).resolve().parent.parent
GLOSSARIES = ROOT / "i18n" / "glossary"
LANGUAGES = ("en", "fr", "nl", "de", "uk", "ru")
WRITTEN = sorted(path.stem for path in GLOSSARIES.glob("*.toml"))


def catalog(lang: str) -> dict[str, str]:
    """Each message of the language as one text (a plural message's forms joined)."""
    path = ROOT / "i18n" / ("documents/ru.json" if lang == "ru" else f"{lang}.json")
    messages = json.loads(path.read_text("utf-8"))
    return {key: "\n".join(texts(message)) for key, message in messages.items()}


SOURCE = catalog("en")


@dataclass(frozen=True)
class Term:
    concept: str
    source: re.Pattern[str] | None
    use: re.Pattern[str] | None
    avoid: tuple[re.Pattern[str], ...] = ()
    exceptions: frozenset[str] = field(default_factory=frozenset)


def glossary(lang: str) -> list[Term]:
    data = tomllib.loads((GLOSSARIES / f"{lang}.toml").read_text("utf-8"))
    terms = []
    for entry in data["term"]:
        assert entry.get("context"), f"{lang}: {entry['concept']} needs a context"
        terms.append(Term(
            entry["concept"],
            re.compile(entry["source"], re.I) if "source" in entry else None,
            re.compile(entry["use"], re.I) if "use" in entry else None,
            tuple(re.compile(pattern, re.I) for pattern in entry.get("avoid", ())),
            frozenset(entry.get("except", ()))))
    return terms


def test_every_language_has_a_glossary() -> None:
    assert sorted(LANGUAGES) == WRITTEN


@pytest.mark.parametrize("lang", WRITTEN)
def test_a_concept_named_in_the_source_is_translated_with_its_term(lang: str) -> None:
    messages = catalog(lang)
    wrong = {}
    for term in glossary(lang):
        if term.source is None or term.use is None:
            continue
        for key, text in messages.items():
            if key in term.exceptions or not term.source.search(SOURCE.get(key, "")):
                continue
            if not term.use.search(text):
                wrong[f"{term.concept} — {key}"] = text
    assert wrong == {}


@pytest.mark.parametrize("lang", WRITTEN)
def test_no_message_uses_a_word_the_glossary_avoids(lang: str) -> None:
    messages = catalog(lang)
    found = {f"{term.concept} — {key}": pattern.search(text).group(0)
             for term in glossary(lang) for pattern in term.avoid
             for key, text in messages.items()
             if key not in term.exceptions and pattern.search(text)}
    assert found == {}


@pytest.mark.parametrize("lang", WRITTEN)
def test_the_glossary_speaks_of_messages_that_exist(lang: str) -> None:
    unknown = {key for term in glossary(lang) for key in term.exceptions} - set(catalog(lang))
    assert unknown == set()
