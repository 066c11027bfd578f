"""Before a person is saved (intake, quick intake, later import): who already in the
database is likely the same person, and why. Uses the search engine, so every spelling of a
name counts, and compares birth date, document number and phone."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from desktop.core.intake_input import PersonInput
from desktop.core.intake_rules import parse_date
from desktop.core.matches import NAME_KINDS, Match
from desktop.core.search import SearchService

NAME_SCORE = 4.2  # both names match well (5.0 is every word spelled the same way)


@dataclass
class PossibleDuplicate:
    person_id: uuid.UUID
    case_id: uuid.UUID | None
    file_number: str
    display_name: str
    birth_date: str
    reasons: list[str] = field(default_factory=list)  # message keys: duplicate.same_*
    matched: list[Match] = field(default_factory=list)  # which spelling or identifier met

    @property
    def strength(self) -> int:
        return len(self.reasons)


class DuplicateFinder:
    def __init__(self, search: SearchService) -> None:
        self.search = search

    def find(self, person: PersonInput, limit: int = 5) -> list[PossibleDuplicate]:
        found: dict[uuid.UUID, PossibleDuplicate] = {}
        birth = _safe_date(person.birth_date)
        for query in self._name_queries(person):
            for hit in self.search.search(query, limit=20):
                if hit.score < NAME_SCORE:
                    continue
                entry = found.setdefault(hit.person_id, _entry(hit))
                _reason(entry, "duplicate.same_name")
                _matched(entry, hit.matched, NAME_KINDS)
                if birth and hit.birth_date and _same_birth(birth, hit.birth_date):
                    _reason(entry, "duplicate.same_birth_date")
        for document in person.documents:
            number = document.number.replace(" ", "").upper()
            if len(number) >= 6:
                for hit in self.search.search(number, limit=10):
                    if "document_number" in hit.reasons:
                        entry = found.setdefault(hit.person_id, _entry(hit))
                        _reason(entry, "duplicate.same_document")
                        _matched(entry, hit.matched, ("document_number",))
        digits = re.sub(r"\D", "", person.phone)
        if len(digits) >= 8:
            for hit in self.search.search(digits, limit=10):
                if "phone" in hit.reasons:
                    entry = found.setdefault(hit.person_id, _entry(hit))
                    _reason(entry, "duplicate.same_phone")
                    _matched(entry, hit.matched, ("phone",))
        # A shared name alone is common (namesakes): it needs another reason to count.
        likely = [d for d in found.values()
                  if d.strength >= 2 or "duplicate.same_document" in d.reasons
                  or "duplicate.same_phone" in d.reasons]
        likely.sort(key=lambda d: -d.strength)
        return likely[:limit]

    def _name_queries(self, person: PersonInput) -> list[str]:
        queries = []
        for surname, given in ((person.surname_cyr, person.given_name_cyr),
                               (person.surname_lat, person.given_name_lat)):
            if surname.strip() and given.strip():
                queries.append(f"{surname} {given}")
        return list(dict.fromkeys(queries))


def _safe_date(text: str) -> str:
    try:
        parsed = parse_date(text)
    except Exception:  # noqa: BLE001 (an unreadable date simply gives no reason)
        return ""
    return parsed[0].isoformat() if parsed else ""


def _same_birth(typed_iso: str, stored: str) -> bool:
    """Stored birth dates may be partial ('1985-07' or '1985'): compare what both know."""
    return typed_iso.startswith(stored)


def _entry(hit) -> PossibleDuplicate:
    return PossibleDuplicate(person_id=hit.person_id, case_id=hit.case_id,
                             file_number=hit.file_number, display_name=hit.display_name,
                             birth_date=hit.birth_date)


def _reason(entry: PossibleDuplicate, key: str) -> None:
    if key not in entry.reasons:
        entry.reasons.append(key)


def _matched(entry: PossibleDuplicate, matched: list[Match], kinds: tuple[str, ...]) -> None:
    for match in matched:
        if match.kind in kinds and match not in entry.matched:
            entry.matched.append(match)
