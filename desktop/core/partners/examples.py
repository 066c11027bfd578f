"""Synthetic example entries (resources/partners/examples.json): invented names, example.org
e-mails, +32 000 numbers, placed in the organisation's own municipality so a new CPAS sees
what a directory looks like. Loaded by `relais demo` and by the empty directory's button."""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from typing import Any

from desktop.core.enums import PartnerKind
from desktop.core.partners.entry import PartnerEntry
from desktop.core.reference import Municipality
from desktop.paths import RESOURCES

EXAMPLES = RESOURCES / "partners" / "examples.json"


@cache
def _examples() -> dict[str, Any]:
    return json.loads(EXAMPLES.read_text(encoding="utf-8"))


def example_entries(home: Municipality | None, language: str) -> list[PartnerEntry]:
    """The examples in ``language`` (fr, nl or de; else French), in ``home`` if known."""
    data = _examples()
    lang = language if language in data["streets"] else "fr"
    verified = date.fromisoformat(data["verified_on"])
    entries = []
    for item in data["entries"]:
        entries.append(PartnerEntry(
            kind=PartnerKind(item["kind"]), name=item["name"][lang],
            municipalities=[home.refnis] if home else [],
            street=data["streets"][lang].format(number=item["number"]),
            postal_code=home.postal_codes[0] if home and home.postal_codes else "",
            municipality_refnis=home.refnis if home else "",
            phone=item["phone"], email=item["email"], website=item["website"],
            languages=list(item["languages"]), opening_hours=item["opening_hours"][lang],
            waiting=item["waiting"][lang], waiting_days=item["waiting_days"], verified_on=verified))
    return entries
