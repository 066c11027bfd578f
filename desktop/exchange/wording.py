"""How an export writes its headers and values. For people (the default): the column's name
and every enumerated value in the export's language, countries and languages by their
names, dates as dates (the writer makes them date cells in XLSX, text in CSV), a partial
birth date as the language writes it ("03/2012", "03.2012", "1979"). For machines (``codes``):
the canonical column names, the stored codes and ISO dates. The import reads both back.
Days are written as everywhere else in the language (core/date_text.py): 29/11/2026 in
French, Dutch and English, 29.11.2026 in German and Ukrainian."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.core.countries import country_name
from desktop.core.date_text import date_separator, display_iso, iso_partial
from desktop.core.enums import DatePrecision
from desktop.core.i18n import Translator
from desktop.exchange.labels import YES, label, language_label

NO = "exporter.no"


@dataclass(frozen=True)
class Wording:
    tr: Translator
    codes: bool = False

    @property
    def date_separator(self) -> str:
        """Between day, month and year of a date the writer writes ("/" or ".")."""
        return date_separator(self.tr.language)

    def header(self, column: str, label_key: str) -> str:
        return column if self.codes else self.tr(label_key)

    def value(self, value: StrEnum | None) -> str:
        if value is None or value == "":
            return ""
        return value.value if self.codes else label(self.tr, value)

    def languages(self, codes: Iterable[str]) -> str:
        if self.codes:
            return ",".join(codes)
        return ", ".join(language_label(self.tr, code) for code in codes)

    def country(self, code: str) -> str:
        return code if self.codes or not code else country_name(code, self.tr.language)

    def yes_no(self, flag: bool) -> str:
        if self.codes:
            return "yes" if flag else "no"
        return self.tr(YES if flag else NO)

    def day(self, value: date | None) -> date | str:
        """A whole date: kept a date for the writer, or ISO text in codes."""
        if value is None:
            return ""
        return value.isoformat() if self.codes else value

    def partial(self, value: date | None, precision: DatePrecision) -> date | str:
        """A birth date known to the day is a date like any other; one known to the month or
        the year only stays text, so it is read back as exactly that much (a date cell would
        come back as the first of the month)."""
        if value is not None and precision == DatePrecision.DAY:
            return self.day(value)
        iso = iso_partial(value, precision)
        return iso if self.codes else display_iso(iso, self.tr.language)
