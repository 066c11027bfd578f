"""One way to write a day per language, everywhere: the lists, the case window, the fields,
the documents, the messages, and the hints that tell a worker how to type one."""

from __future__ import annotations

import re
from datetime import date

import pytest

from desktop.core.date_text import display_date, display_iso, display_partial
from desktop.core.dates import parse_partial
from desktop.core.enums import DatePrecision
from desktop.core.i18n import LANGUAGES, Translator, load_catalog

DAY = date(2022, 5, 11)
WRITTEN = {"fr": "11/05/2022", "nl": "11/05/2022", "en": "11/05/2022", "de": "11.05.2022",
           "uk": "11.05.2022"}
# Messages that show a worker how to type a day (a pattern such as TT.MM.JJJJ or dd/mm/yyyy).
HINTS = ("intake.date_hint", "intake.birth_date_hint", "case.due_hint", "sync.date_hint",
         "date.unreadable", "partners.date_placeholder")
PATTERN = re.compile(r"\b(\w\w)([./])(\w\w)\2(\w{4})\b")


@pytest.mark.parametrize(("lang", "written"), WRITTEN.items())
def test_a_day_is_written_as_the_language_writes_it(lang: str, written: str) -> None:
    assert display_date(DAY, lang) == written
    assert display_iso("2022-05-11", lang) == written
    assert Translator(lang).date(DAY) == written


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_day_as_written_reads_back_as_the_same_day(lang: str) -> None:
    assert parse_partial(display_date(DAY, lang)) == (DAY, DatePrecision.DAY)
    month = display_partial(DAY, DatePrecision.MONTH, lang)
    assert parse_partial(month) == (date(2022, 5, 1), DatePrecision.MONTH)


def test_a_day_given_to_a_message_is_written_as_its_language_writes_it() -> None:
    assert "01.01.2022" in Translator("de")("date.too_early", date=date(2022, 1, 1))
    assert "01/01/2022" in Translator("nl")("date.too_early", date=date(2022, 1, 1))


def test_nothing_is_written_for_no_day() -> None:
    assert display_date(None, "de") == "" and display_iso("", "nl") == ""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_hint_shows_a_day_as_the_language_writes_it(lang: str) -> None:
    separator = WRITTEN[lang][2]
    catalog = load_catalog(lang)
    seen = {key: PATTERN.findall(str(catalog[key])) for key in HINTS}
    assert all(seen.values()), seen  # every hint shows a pattern
    wrong = {key: found for key, found in seen.items()
             if any(sep != separator for _, sep, _, _ in found)}
    assert wrong == {}
