"""Dates a worker must not miss, computed from the protection path and the documents:
annex 15 expiring (valid 45 days), A card expiring (temporary protection runs to 4 March),
attestation without an A card after 90 days, identity documents expiring."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from desktop.core.models import IdentityDocument, ProtectionStatus

SOON = timedelta(days=30)
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
        found.append(Reminder("reminder.annex15_expiring", expiry, {"name": name},
                              overdue=expiry < today))
    expiry = protection.a_card_expires_on
    if expiry and expiry <= today + SOON:
        found.append(Reminder("reminder.a_card_expiring", expiry, {"name": name},
                              overdue=expiry < today))
    attested = protection.attestation_on
    if attested and not protection.a_card_issued_on and attested + NO_A_CARD_AFTER < today:
        found.append(Reminder("reminder.no_a_card", attested + NO_A_CARD_AFTER,
                              {"name": name, "days": (today - attested).days}, overdue=True))
    return found


def document_reminders(document: IdentityDocument, name: str, today: date) -> list[Reminder]:
    expiry = document.expires_on
    if expiry and expiry <= today + SOON:
        return [Reminder("reminder.document_expiring", expiry,
                         {"name": name, "document": document.document_type},
                         overdue=expiry < today)]
    return []
