"""Days written for people to read, one way per language (no imports of our own beyond the
enums, so that the translator can write the days it is given)."""

from __future__ import annotations

from datetime import date, datetime

from desktop.core.enums import DatePrecision


def iso_partial(value: date | None, precision: DatePrecision) -> str:
    """'1985-07-30', '1985-07' or '1985' depending on what is known."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


# One way to write a day per language, on every screen, list, field, document and hint:
# 29/11/2026 as French, Dutch and English Belgian forms write it; 29.11.2026 in German (as
# German-speaking Belgium and CLDR's de_BE write it) and in Ukrainian and Russian (as in
# Ukraine). parse_partial reads both, so a day typed either way is understood.
DOTTED = frozenset({"de", "uk", "ru"})


def date_separator(lang: str) -> str:
    return "." if lang in DOTTED else "/"


def display_date(value: date | None, lang: str) -> str:
    """A day as written in ``lang``: '30/07/1985' or '30.07.1985' ('' for no day)."""
    if value is None:
        return ""
    sep = date_separator(lang)
    return f"{value.day:02d}{sep}{value.month:02d}{sep}{value.year:04d}"


def display_iso(iso: str, lang: str) -> str:
    """'1985-07-30' -> '30/07/1985' (30.07.1985 in German), '1985-07' -> '07/1985',
    '1985' -> '1985'."""
    return date_separator(lang).join(reversed(iso.split("-"))) if iso else ""


def display_partial(value: date | None, precision: DatePrecision, lang: str) -> str:
    """A birth date as far as it is known, written as in ``lang`` ('07.1985')."""
    return display_iso(iso_partial(value, precision), lang)


def display_moment(at: datetime, lang: str) -> str:
    """A moment in this computer's time zone, its day written as in ``lang``: 29.11.2026 10:07."""
    local = at.astimezone()
    return f"{display_date(local.date(), lang)} {local:%H:%M}"
