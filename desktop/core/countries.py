"""Countries by name, never by code: a nationality is stored as an ISO 3166-1 alpha-3 code
("UKR") and shown in the reader's language through Babel's territory names."""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.core import get_global


@cache
def _alpha2(code: str) -> str | None:
    code = code.strip().upper()
    if len(code) == 2:
        return code
    # Babel's aliases map each alpha-3 code to its alpha-2 one (and the old USSR to many).
    aliases = get_global("territory_aliases").get(code)
    return aliases[0] if aliases and len(aliases) == 1 else None


def country_name(code: str, language: str) -> str:
    """The country's name in ``language``; the code as stored when no country has it."""
    if not code:
        return ""
    alpha2 = _alpha2(code)
    name = _territories(language).get(alpha2) if alpha2 else None
    return name or code


@cache
def _territories(language: str) -> dict[str, str]:
    """Babel's names, parsed once per language: an export names 10,000 nationalities."""
    return dict(Locale.parse(language).territories)


# Babel's aliases give some alpha-2 codes an old alpha-3 code too; ISO's current one wins.
_CURRENT_ALPHA3 = {"MM": "MMR", "CD": "COD", "DE": "DEU", "FR": "FRA", "TL": "TLS", "YE": "YEM"}


@cache
def _alpha3_of() -> dict[str, str]:
    """alpha-2 -> alpha-3, from the same aliases ``_alpha2`` reads."""
    found: dict[str, str] = {}
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1:
            found.setdefault(targets[0], alias)
    return {**found, **_CURRENT_ALPHA3}


def country_names(language: str) -> dict[str, str]:
    """Every country Babel names in ``language``, by alpha-3 code (the reverse of
    ``country_name``, for reading a name back)."""
    alpha3 = _alpha3_of()
    return {alpha3[alpha2]: name for alpha2, name in _territories(language).items()
            if alpha2 in alpha3}
