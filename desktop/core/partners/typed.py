"""A directory entry as typed in the window's form (texts), read into a ``PartnerEntry``:
municipalities by name or postal code, a number of days, a date. Each problem names its
field; nothing is guessed (a name matching several municipalities is said, with them)."""

from __future__ import annotations

import re
from datetime import date

from desktop.core.dates import parse_partial
from desktop.core.enums import DatePrecision, PartnerKind
from desktop.core.errors import ValidationError
from desktop.core.partners.entry import MAX_WAITING_DAYS, PartnerEntry
from desktop.core.reference import ReferenceData

SHOWN = 5  # candidates named when a name is not one municipality


def municipality_code(reference: ReferenceData, typed: str, field: str) -> str:
    """The REFNIS code of the one municipality ``typed`` names, "" for nothing typed."""
    typed = typed.strip()
    if not typed:
        return ""
    found = reference.municipality(typed) or reference.unambiguous(typed)
    if found is not None:
        return found.refnis
    candidates = reference.find_municipalities(typed, SHOWN + 1)
    if not candidates:
        raise ValidationError("import.unknown_municipality", field=field, value=typed[:100])
    names = [m.label(m.document_language) for m in candidates[:SHOWN]]
    raise ValidationError("import.ambiguous_municipality", field=field, value=typed[:100],
                          candidates=", ".join(names) + (", …" if len(candidates) > SHOWN
                                                         else ""))


def served_codes(reference: ReferenceData, typed: str) -> list[str]:
    """Municipalities separated by commas, semicolons or new lines."""
    parts = [part for part in re.split(r"\s*[,;\n]+\s*", typed[:20_000]) if part.strip()]
    return list(dict.fromkeys(municipality_code(reference, part, "municipalities")
                              for part in parts))


def days(typed: str) -> int | None:
    typed = typed.strip()
    if not typed:
        return None
    if not re.fullmatch(r"\d{1,5}", typed):
        raise ValidationError("partners.bad_waiting_days", field="waiting_days",
                              max=MAX_WAITING_DAYS)
    return int(typed)


def day(typed: str) -> date | None:
    """A whole date (dd/mm/yyyy or yyyy-mm-dd); a month or a year alone is not a day."""
    if not typed.strip():
        return None
    try:
        found, precision = parse_partial(typed[:40])
    except ValidationError as bad:
        raise ValidationError(bad.key, field="verified_on", **bad.params) from None
    if precision != DatePrecision.DAY:
        raise ValidationError("partners.bad_verified_on", field="verified_on")
    return found


def typed_entry(reference: ReferenceData, kind: PartnerKind, texts: dict[str, str],
                languages: list[str]) -> PartnerEntry:
    """``texts``: name, street, postal_code, municipality, municipalities, phone, email,
    website, opening_hours, waiting, waiting_days, verified_on, as typed."""
    return PartnerEntry(
        kind=kind, name=texts.get("name", ""),
        municipalities=served_codes(reference, texts.get("municipalities", "")),
        street=texts.get("street", ""), postal_code=texts.get("postal_code", ""),
        municipality_refnis=municipality_code(reference, texts.get("municipality", ""),
                                              "municipality_refnis"),
        phone=texts.get("phone", ""), email=texts.get("email", ""),
        website=texts.get("website", ""), languages=languages,
        opening_hours=texts.get("opening_hours", ""), waiting=texts.get("waiting", ""),
        waiting_days=days(texts.get("waiting_days", "")),
        verified_on=day(texts.get("verified_on", "")))
