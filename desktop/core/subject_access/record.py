"""What a person's copy holds: the records in memory (a person's own are few), and the two
parts that can grow without bound (case notes, the access log) as streams read in batches,
so that a history of 50,000 events never sits in memory at once."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

# The JSON file's format; a reader checks it before anything else (docs/subject-access.md).
SCHEMA = "relais.subject-access/1"


@dataclass(frozen=True)
class Withheld:
    """Something Relais holds and does not hand over, said with its count and legal basis.
    ``what``: internal_note_text | other_adults_details."""

    what: str
    count: int

    @property
    def legal_basis(self) -> str:
        return LEGAL_BASIS[self.what]


# Plain English for the JSON file; the PDF says the same from the catalogs, in its languages.
LEGAL_BASIS = {
    "internal_note_text": (
        "GDPR art. 15(4) and art. 23(1)(i): the right of access must not adversely affect "
        "the rights and freedoms of others; a social worker's internal note records their "
        "own assessment and what third parties confided, covered by the professional "
        "secrecy of CPAS staff (Organic Law of 8 July 1976 on CPAS; Criminal Code art. 458). "
        "Its existence, date and author's role are given."),
    "other_adults_details": (
        "GDPR art. 15(4): the copy must not adversely affect the rights and freedoms of "
        "others. Other adults of the household are named with their relationship only; "
        "each may ask for their own copy."),
}


@dataclass
class SubjectCopy:
    """Everything about one person. ``notes`` and ``access_log`` open their own reads each
    time they are called (each yields plain dicts, oldest first)."""

    person_id: uuid.UUID
    generated_at: datetime
    today: date
    organisation: dict[str, Any]
    generated_by: dict[str, Any]
    person: dict[str, Any]
    identity_documents: list[dict[str, Any]]
    protection_status: list[dict[str, Any]]
    specific_needs: list[dict[str, Any]]
    households: list[dict[str, Any]]
    withheld: list[Withheld]
    note_count: int
    notes: Callable[[], Iterator[dict[str, Any]]] = field(repr=False)
    access_log: Callable[[], Iterator[dict[str, Any]]] = field(repr=False)
    # The access log's entries as JSON text, for the file (the same events, not parsed).
    access_log_json: Callable[[], Iterator[str]] = field(repr=False, default=lambda: iter(()))
    # Relais keeps no scanned files or photos; the key stays so a reader knows it was asked.
    attachments: list[dict[str, Any]] = field(default_factory=list)
