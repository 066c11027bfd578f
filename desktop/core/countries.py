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
    name = Locale.parse(language).territories.get(alpha2) if alpha2 else None
    return name or code
