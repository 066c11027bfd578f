"""The columns of a directory list and the words people head them with (French, Dutch,
German, English, Ukrainian); the labels an export writes (``partners.column_*`` in every
catalog) read back in any language. Headers are matched as sets of word stems
(exchange/headers.py), as for persons."""

from __future__ import annotations

from typing import Any

from desktop.core.i18n import LANGUAGES, load_catalog
from desktop.exchange.columns import Mapping, fold
from directory.columns import COLUMNS, SYNONYMS
from directory.headers import HeaderMatcher

LABELS = "partners.column_"
# What an import reads; the directory an entry belongs to is not (imports are local).
READ = tuple(c for c in COLUMNS if c != "scope")

_LOOKUP: dict[str, str] = {}
for _lang in LANGUAGES:
    _catalog = load_catalog(_lang)
    for _column in COLUMNS:
        _label = _catalog.get(f"{LABELS}{_column}")
        if isinstance(_label, str):
            _LOOKUP.setdefault(fold(_label), _column)
for _column, _words in SYNONYMS.items():
    _LOOKUP.setdefault(fold(_column), _column)
    for _word in _words:
        _LOOKUP.setdefault(fold(_word), _column)
_MATCHER = HeaderMatcher(SYNONYMS)


def recognise(header: Any) -> str | None:
    if header is None:
        return None
    return _LOOKUP.get(fold(header)) or _MATCHER.match(header)


def propose(rows: list[list[Any]], scan: int = 10) -> Mapping:
    """The first row (within ``scan``) where two headers are recognised, and its columns."""
    header_row, best = 0, 0
    for index, row in enumerate(rows[:scan]):
        count = sum(1 for cell in row if recognise(cell))
        if count > best:
            header_row, best = index, count
        if count >= 2:
            break
    mapping = Mapping(header_row=header_row)
    for index, cell in enumerate(rows[header_row] if rows else []):
        name = recognise(cell)
        if name:
            mapping.assign(index, name)
    return mapping
