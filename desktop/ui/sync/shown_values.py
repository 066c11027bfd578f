"""A synced record's field and value as the case file writes them: the field's label, an
enumerated value's label, a date and a time as the user's locale writes them, yes/no."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QLocale, QTime

from desktop.core import enums
from desktop.core.field_labels import entity_label, field_label  # noqa: F401 (the dialogs import them here)
from desktop.core.i18n import Translator, language_name, load_catalog
from desktop.ui.worklist_table import short_date

# The prefix of each enumeration's labels in the catalogs (as the case file uses them).
ENUM_LABELS: dict[type[StrEnum], str] = {
    enums.Role: "role", enums.CaseStatus: "case_status", enums.Sex: "sex",
    enums.ClosureReason: "closure_reason", enums.AccommodationType: "accommodation",
    enums.Relationship: "relationship", enums.DocumentType: "document_type",
    enums.SpecificNeedType: "specific_need", enums.AidCategory: "aid_category",
    enums.NeedArea: "need_area", enums.ReferralStatus: "referral_status",
    enums.NoteAudience: "note_audience",
    enums.NationalNumberKind: "national_number_kind",
}
# Lists of codes whose items have labels of their own.
LIST_ITEMS = {"needs": "need_area"}


def _known(key: str) -> bool:
    return key in load_catalog("en")


def enum_label(tr: Translator, value: StrEnum) -> str:
    prefix = ENUM_LABELS.get(type(value))
    if prefix and _known(f"{prefix}.{value.value}"):
        return tr.choice(prefix, value.value)
    return value.value


def day_text(lang: str, day: date) -> str:
    return short_date(lang, day)


def moment_text(lang: str, moment: datetime) -> str:
    """A date and time in the user's time zone, as their locale writes them."""
    local = moment.astimezone()
    locale = QLocale(f"{lang}_UA" if lang == "uk" else f"{lang}_BE")
    time = locale.toString(QTime(local.hour, local.minute),
                           locale.timeFormat(QLocale.FormatType.ShortFormat))
    return f"{short_date(lang, local.date())} {time}"


def value_text(tr: Translator, name: str, value: Any) -> str:
    """What a person reads for a value; "—" for none."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return tr("sync.yes") if value else tr("sync.no")
    if isinstance(value, StrEnum):
        return enum_label(tr, value)
    if isinstance(value, datetime):
        return moment_text(tr.language, value)
    if isinstance(value, date):
        return day_text(tr.language, value)
    if isinstance(value, list):
        if name == "languages":
            return ", ".join(language_name(str(code), tr.language) for code in value)
        prefix = LIST_ITEMS.get(name)
        return ", ".join(tr.choice(prefix, str(item)) if prefix else str(item)
                         for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_label(tr, key)}: {value_text(tr, key, item)}"
                         for key, item in value.items())
    return str(value)
