"""One directory entry as given (by a form, an import row or the examples), and its rules:
every text has a limit, codes are known ones, dates are plausible. The problems name their
field, so a form shows each beside its box and an import names the column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import date

from desktop.core.enums import PartnerKind
from desktop.core.errors import ValidationError
from desktop.core.limits import EARLIEST_DATE
from desktop.core.models import PartnerService
from desktop.core.reference import ReferenceData
from desktop.core.text import clean_text
from directory.columns import MAX_LANGUAGES, MAX_MUNICIPALITIES, MAX_WAITING_DAYS, TEXT_LIMITS

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")  # ISO 639-1 (or -3 for what has no two letters)
POSTAL_CODE = re.compile(r"\d{4}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass
class PartnerEntry:
    kind: PartnerKind
    name: str
    municipalities: list[str] = field(default_factory=list)
    street: str = ""
    postal_code: str = ""
    municipality_refnis: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    languages: list[str] = field(default_factory=list)
    opening_hours: str = ""
    waiting: str = ""
    waiting_days: int | None = None
    verified_on: date | None = None

    def cleaned(self) -> PartnerEntry:
        """Texts without invisible characters or surrounding spaces; codes trimmed, each once."""
        texts = {name: clean_text(getattr(self, name) or "").strip() for name in TEXT_LIMITS}
        texts["municipality_refnis"] = clean_text(self.municipality_refnis or "").strip()
        return replace(
            self, **texts,
            municipalities=list(dict.fromkeys(
                code for code in (clean_text(c).strip() for c in self.municipalities) if code)),
            languages=list(dict.fromkeys(
                code for code in (clean_text(c).strip().lower() for c in self.languages)
                if code)))


def entry_of(partner: PartnerService) -> PartnerEntry:
    """A stored entry as a form, to edit it."""
    return PartnerEntry(**{item.name: getattr(partner, item.name)
                           for item in fields(PartnerEntry)})


def entry_problems(entry: PartnerEntry, reference: ReferenceData,
                   today: date) -> list[ValidationError]:
    """Everything wrong with a cleaned entry, each naming its field; [] when it can be saved."""
    found: list[ValidationError] = []
    if not entry.name:
        found.append(ValidationError("partners.name_required", field="name"))
    for name, limit in TEXT_LIMITS.items():
        value = getattr(entry, name)
        if len(value) > limit:
            found.append(ValidationError("text.too_long", field=name, max=limit,
                                         length=len(value)))
    if entry.postal_code and len(entry.postal_code) <= TEXT_LIMITS["postal_code"] \
            and not POSTAL_CODE.fullmatch(entry.postal_code):
        found.append(ValidationError("partners.bad_postal_code", field="postal_code"))
    if entry.email and len(entry.email) <= TEXT_LIMITS["email"] \
            and not EMAIL.fullmatch(entry.email):
        found.append(ValidationError("partners.bad_email", field="email"))
    if entry.municipality_refnis and reference.municipality(entry.municipality_refnis) is None:
        found.append(ValidationError("org.unknown_refnis", field="municipality_refnis",
                                     refnis=entry.municipality_refnis[:10]))
    if len(entry.municipalities) > MAX_MUNICIPALITIES:
        found.append(ValidationError("partners.too_many", field="municipalities",
                                     max=MAX_MUNICIPALITIES))
    elif unknown := [c for c in entry.municipalities if reference.municipality(c) is None]:
        found.append(ValidationError("org.unknown_refnis", field="municipalities",
                                     refnis=unknown[0][:10]))
    if len(entry.languages) > MAX_LANGUAGES:
        found.append(ValidationError("partners.too_many", field="languages", max=MAX_LANGUAGES))
    elif bad := [c for c in entry.languages if not LANGUAGE_CODE.fullmatch(c)]:
        found.append(ValidationError("partners.bad_language", field="languages",
                                     code=bad[0][:10]))
    if entry.waiting_days is not None and not 0 <= entry.waiting_days <= MAX_WAITING_DAYS:
        found.append(ValidationError("partners.bad_waiting_days", field="waiting_days",
                                     max=MAX_WAITING_DAYS))
    if entry.verified_on is not None and not EARLIEST_DATE <= entry.verified_on <= today:
        found.append(ValidationError("partners.bad_verified_on", field="verified_on"))
    return found
