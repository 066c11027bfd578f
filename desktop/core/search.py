"""Find persons and their cases from any spelling of a name, a date, a file number,
a national number, a document number or a phone number.

Names are matched on skeleton keys (see ``names``) kept in ``person_name_key``, which this
module also maintains as an observer of the unit of work.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.dates import iso_partial, parse_partial
from desktop.core.enums import DatePrecision
from desktop.core.errors import ValidationError
from desktop.core.models import (
    CaseFile,
    Household,
    HouseholdMember,
    IdentityDocument,
    Person,
    PersonNameKey,
)
from desktop.core.names import name_keys, similarity, skeleton, tokens
from desktop.core.roles import Actor, Permission
from desktop.core.uow import Change

NAME_FIELDS = (
    "surname_cyr", "given_name_cyr", "patronymic_cyr", "surname_lat", "given_name_lat",
    "patronymic_lat",
)  # fmt: skip


def person_spellings(values: dict) -> list[str]:
    spellings = [values.get(name) or "" for name in NAME_FIELDS]
    return [s for s in spellings + list(values.get("other_spellings") or []) if s]


def display_name(person: Person | dict) -> str:
    """'SHEVCHENKO Yuliia (ШЕВЧЕНКО Юлія)': Latin first, as Belgian files do."""
    get = person.get if isinstance(person, dict) else lambda k: getattr(person, k)
    latin = " ".join(p for p in [(get("surname_lat") or "").upper(), get("given_name_lat")] if p)
    cyr = " ".join(p for p in [(get("surname_cyr") or "").upper(), get("given_name_cyr")] if p)
    if latin and cyr:
        return f"{latin} ({cyr})"
    return latin or cyr


class NameIndexer:
    """Keeps person_name_key in step with every person the unit of work writes."""

    def before_commit(self, session: Session, actor: Actor, changes: Sequence[Change]) -> None:
        rows: list[dict] = []
        touched: list[uuid.UUID] = []
        for change in changes:
            if change.entity != Person.__tablename__ or change.entity_id is None:
                continue
            names_changed = set(change.fields) & {*NAME_FIELDS, "other_spellings"}
            if change.values is not None:
                values = change.values
            elif names_changed:
                person = session.get(Person, change.entity_id)
                if person is None:
                    continue
                values = person.model_dump()
                touched.append(change.entity_id)
            else:
                continue
            rows.extend(
                {"person_id": change.entity_id, "key": key}
                for key in name_keys(person_spellings(values))
            )
        if touched:
            session.execute(delete(PersonNameKey).where(PersonNameKey.person_id.in_(touched)))
        if rows:
            session.connection().execute(PersonNameKey.__table__.insert(), rows)  # type: ignore[attr-defined]


@dataclass
class SearchHit:
    person_id: uuid.UUID
    case_id: uuid.UUID | None
    file_number: str
    display_name: str
    names: list[str]
    birth_date: str
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "person_id": str(self.person_id),
            "case_id": str(self.case_id) if self.case_id else None,
            "file_number": self.file_number,
            "display_name": self.display_name,
            "names": self.names,
            "birth_date": self.birth_date,
            "score": round(self.score, 3),
            "reasons": self.reasons,
        }


_FILE_NUMBER = re.compile(r"^\d{4}/\d{1,6}$")
_DIGITS = re.compile(r"[\d\s./+-]+$")
MAX_NAME_CANDIDATES = 2000


class SearchService:
    def __init__(self, engine: Engine, actor: Actor) -> None:
        self.engine = engine
        self.actor = actor

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        self.actor.require(Permission.VIEW_CASES)
        query = query.strip()
        if not query:
            return []
        scores: dict[uuid.UUID, tuple[float, list[str]]] = {}
        with Session(self.engine) as db:
            self._by_identifiers(db, query, scores)
            self._by_date(db, query, scores)
            self._by_names(db, query, scores)
            ranked = sorted(scores.items(), key=lambda item: -item[1][0])[:limit]
            return self._hits(db, ranked)

    # -- matchers ---------------------------------------------------------------------------

    def _add(self, scores: dict, person_id: uuid.UUID, score: float, reason: str) -> None:
        old_score, reasons = scores.get(person_id, (0.0, []))
        scores[person_id] = (old_score + score, [*reasons, reason])

    def _by_identifiers(self, db: Session, query: str, scores: dict) -> None:
        if _FILE_NUMBER.match(query):
            rows = db.execute(
                select(HouseholdMember.person_id)
                .join(CaseFile, CaseFile.household_id == HouseholdMember.household_id)
                .where(CaseFile.file_number == query, HouseholdMember.deleted_at.is_(None))
            )
            for (person_id,) in rows:
                self._add(scores, person_id, 10.0, "file_number")
        if not _DIGITS.match(query):
            compact = query.replace(" ", "").upper()
            for (person_id,) in db.execute(
                select(IdentityDocument.person_id).where(IdentityDocument.number == compact)
            ):
                self._add(scores, person_id, 10.0, "document_number")
            return
        digits = re.sub(r"\D", "", query)
        if len(digits) == 11 and self.actor.can(Permission.VIEW_NATIONAL_NUMBER):
            for (person_id,) in db.execute(
                select(Person.id).where(Person.national_number == digits)
            ):
                self._add(scores, person_id, 10.0, "national_number")
        if len(digits) >= 6:
            for (person_id,) in db.execute(
                select(IdentityDocument.person_id).where(IdentityDocument.number == digits)
            ):
                self._add(scores, person_id, 10.0, "document_number")
            for (person_id,) in db.execute(
                select(Person.id).where(Person.phone.like(f"%{digits[-9:]}"))
            ):
                self._add(scores, person_id, 8.0, "phone")

    def _by_date(self, db: Session, query: str, scores: dict) -> None:
        try:
            day, precision = parse_partial(query)
        except ValidationError:
            return
        if precision != DatePrecision.DAY:
            return
        for (person_id,) in db.execute(select(Person.id).where(Person.birth_date == day)):
            self._add(scores, person_id, 6.0, "birth_date")

    def _by_names(self, db: Session, query: str, scores: dict) -> None:
        words = [w for w in tokens(query) if any(ch.isalpha() for ch in w)]
        keys = [skeleton(w) for w in words]
        pairs = [(w, k) for w, k in zip(words, keys, strict=True) if k and k != "_"]
        if not pairs:
            return
        candidates: set[uuid.UUID] | None = None
        for _, key in pairs:
            found = {
                row[0]
                for row in db.execute(
                    select(PersonNameKey.person_id)
                    .where(PersonNameKey.key >= key, PersonNameKey.key < key + "\uffff")
                    .limit(MAX_NAME_CANDIDATES * 5)
                )
            }
            candidates = found if candidates is None else candidates & found
            if not candidates:
                return
        assert candidates is not None
        persons = db.execute(
            select(Person).where(Person.id.in_(list(candidates)[:MAX_NAME_CANDIDATES]))
        ).scalars()
        for person in persons:
            name_tokens = [t for s in person_spellings(person.model_dump()) for t in tokens(s)]
            total = 0.0
            for word, _ in pairs:
                total += max((similarity(word, t) for t in name_tokens), default=0.0)
            self._add(scores, person.id, 5.0 * total / len(pairs), "name")

    # -- results ----------------------------------------------------------------------------

    def _hits(self, db: Session, ranked: list) -> list[SearchHit]:
        if not ranked:
            return []
        ids = [person_id for person_id, _ in ranked]
        persons = {p.id: p for p in db.execute(select(Person).where(Person.id.in_(ids))).scalars()}
        cases = dict(
            db.execute(
                select(HouseholdMember.person_id, CaseFile)
                .join(Household, Household.id == HouseholdMember.household_id)
                .join(CaseFile, CaseFile.household_id == Household.id)
                .where(HouseholdMember.person_id.in_(ids), HouseholdMember.deleted_at.is_(None))
            ).all()
        )
        hits = []
        for person_id, (score, reasons) in ranked:
            person = persons.get(person_id)
            if person is None or person.deleted_at is not None:
                continue
            case = cases.get(person_id)
            hits.append(
                SearchHit(
                    person_id=person_id,
                    case_id=case.id if case else None,
                    file_number=case.file_number if case else "",
                    display_name=display_name(person),
                    names=person_spellings(person.model_dump()),
                    birth_date=iso_partial(person.birth_date, person.birth_precision),
                    score=score,
                    reasons=list(dict.fromkeys(reasons)),
                )
            )
        return hits
