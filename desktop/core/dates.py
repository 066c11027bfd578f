"""Dates as people know them: sometimes only the year or the month of a birth."""

from __future__ import annotations

import re
from datetime import date

from desktop.core.date_text import iso_partial  # noqa: F401 (where callers have always found it)
from desktop.core.enums import DatePrecision
from desktop.core.errors import ValidationError

_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_MY = re.compile(r"^(\d{1,2})[./-](\d{4})$")
_Y = re.compile(r"^(\d{4})$")


def parse_partial(text: str) -> tuple[date, DatePrecision]:
    """Read dd/mm/yyyy, dd.mm.yyyy, yyyy-mm-dd, mm/yyyy, yyyy-mm or yyyy."""
    text = text.strip()
    try:
        if match := _DMY.match(text):
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day), DatePrecision.DAY
        if match := _YMD.match(text):
            year, month = int(match.group(1)), int(match.group(2))
            if match.group(3):
                return date(year, month, int(match.group(3))), DatePrecision.DAY
            return date(year, month, 1), DatePrecision.MONTH
        if match := _MY.match(text):
            return date(int(match.group(2)), int(match.group(1)), 1), DatePrecision.MONTH
        if match := _Y.match(text):
            return date(int(match.group(1)), 1, 1), DatePrecision.YEAR
    except ValueError:
        raise ValidationError("date.impossible", value=text) from None
    raise ValidationError("date.unreadable", value=text)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
