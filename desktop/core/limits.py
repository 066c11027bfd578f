"""How long what is typed or imported may be, and how early a date. One place for the
limits every entry point obeys (intake, person edit, import, fillable form, case window,
search): a name of 40,000 letters made every later search take gigabytes."""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from typing import Any

from desktop.core.errors import ValidationError

NAME_MAX = 100  # one name part (surname, given name, patronymic, another spelling)
FIELD_MAX = 2_000  # any other free-text field
NOTE_MAX = 10_000  # a note
QUERY_MAX = 200  # what the search reads of a query
QUERY_WORDS_MAX = 10  # and of its words
EARLIEST_DATE = date(1900, 1, 1)  # nobody alive was born before, no document issued

NAME_FIELDS = frozenset({
    "surname_cyr", "given_name_cyr", "patronymic_cyr", "surname_lat", "given_name_lat",
    "patronymic_lat", "other_spellings", "surname", "given_name", "patronymic",
    "surname_latin", "given_name_latin",
})  # fmt: skip
NOTE_FIELDS = frozenset({"notes", "note", "body"})


def max_length(name: str) -> int:
    """The limit of a field by its name (an intake field or an import column's meaning)."""
    if name in NAME_FIELDS:
        return NAME_MAX
    if name in NOTE_FIELDS:
        return NOTE_MAX
    return FIELD_MAX


def too_long(name: str, value: str) -> dict[str, int] | None:
    """The params of a "too long" message, or None when ``value`` fits."""
    limit = max_length(name)
    return {"max": limit, "length": len(value)} if len(value) > limit else None


def text_problems(form: Any) -> list[tuple[str, dict[str, int]]]:
    """(field, params) for each text field of a dataclass form that is too long; a list of
    strings (other spellings) is checked item by item under the list's name."""
    found: list[tuple[str, dict[str, int]]] = []
    for item in fields(form):
        value = getattr(form, item.name)
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and (params := too_long(item.name, text)):
                found.append((item.name, params))
                break
    return found


def check_text(name: str, value: str) -> None:
    """Raise the "too long" ValidationError naming the field, for a service's input."""
    if params := too_long(name, value):
        raise ValidationError("text.too_long", field=name, **params)


def query_words(query: str) -> str:
    """What the search reads of a query: its first characters and words. A longer query is
    cut, never searched whole (each word costs a lookup)."""
    return " ".join(query[:QUERY_MAX].split()[:QUERY_WORDS_MAX])
