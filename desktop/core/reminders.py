"""Dates a worker must not miss, computed from the protection path and the documents:
annex 15 expiring (valid 45 days), A card expiring (temporary protection runs to 4 March),
attestation without an A card after 90 days, identity documents expiring."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desktop.core.models import IdentityDocument, ProtectionStatus

SOON = timedelta(days=30)
# (coming, past) message keys
ANNEX15 = ("reminder.annex15_expiring", "reminder.annex15_expired")
A_CARD = ("reminder.a_card_expiring", "reminder.a_card_expired")
DOCUMENT = ("reminder.document_expiring", "reminder.document_expired")
NO_A_CARD_AFTER = timedelta(days=90)


@dataclass(frozen=True)
class Reminder:
    key: str  # message key: reminder.*
    on: date
    params: dict[str, Any] = field(default_factory=dict)
    overdue: bool = False


def protection_reminders(protection: ProtectionStatus, name: str, today: date) -> list[Reminder]:
    found = []
    expiry = protection.annex15_expires_on
    if expiry and not protection.a_card_issued_on and expiry <= today + SOON:
        found.append(_expiry(ANNEX15, expiry, today, {"name": name}))
    expiry = protection.a_card_expires_on
    if expiry and expiry <= today + SOON:
        found.append(_expiry(A_CARD, expiry, today, {"name": name}))
    attested = protection.attestation_on
    if attested and not protection.a_card_issued_on and attested + NO_A_CARD_AFTER < today:
        found.append(Reminder("reminder.no_a_card", attested + NO_A_CARD_AFTER,
                              {"name": name, "n": (today - attested).days}, overdue=True))
    return found


def document_reminders(document: IdentityDocument, name: str, today: date) -> list[Reminder]:
    expiry = document.expires_on
    if expiry and expiry <= today + SOON:
        return [_expiry(DOCUMENT, expiry, today,
                        {"name": name, "document": document.document_type})]
    return []


def _expiry(keys: tuple[str, str], expiry: date, today: date, params: dict[str, Any]) -> Reminder:
    """'… expires on 3 March' ahead of time, '… expired on 3 March' once past."""
    overdue = expiry < today
    return Reminder(keys[1] if overdue else keys[0], expiry, params, overdue)
