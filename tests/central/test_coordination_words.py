"""Every message of the central's figures and coordinators exists in French, Dutch, German and
English, with the same placeholders."""

from __future__ import annotations

import string

from central.coordination.words import LANGUAGES, WORDS, language


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_in_every_language_with_the_same_placeholders():
    for key, texts in WORDS.items():
        assert set(texts) == set(LANGUAGES), key
        assert len({frozenset(placeholders(t)) for t in texts.values()}) == 1, key


def test_the_language_asked_wins_then_the_environment(monkeypatch):
    monkeypatch.setenv("RELAIS_LANG", "nl")
    assert language("de") == "de"
    assert language(None) == "nl"
    monkeypatch.setenv("RELAIS_LANG", "uk")  # not a language of the central's coordinators
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert language(None) in LANGUAGES


def test_every_code_a_person_reads_in_the_pdf_has_words_in_four_languages():
    from central.coordination.labels import _L, label
    from figures import schema as s

    codes = {*s.TABLES, *s.OVERVIEW_ROWS, *s.PLACE_COLUMNS, *s.SEXES, *s.HOUSEHOLD_TYPES,
             *s.PROTECTION_STAGES, *s.PIIS_ROWS, *s.REFERRAL_KINDS, *s.REFERRAL_OUTCOMES,
             "count", "total", "unknown", "other", "median_days"}
    assert codes <= _L.keys(), codes - _L.keys()
    assert label("62063", "de", "by_municipality") == "62063 Lüttich"
    assert label("62063", "nl", "by_municipality") == "62063 Luik"
