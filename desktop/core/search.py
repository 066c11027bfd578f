"""Find persons and their cases from any spelling of a name, a date, a file number,
a national number, a document number or a phone number.

Names are matched through the name index (``name_index``): skeleton keys of every spelling,
Russian forms and diminutives, and near spellings for typos.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from sqlalchemy import select, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.dates import iso_partial, parse_partial
from desktop.core.enums import AuditAction, CaseStatus, DatePrecision
from desktop.core.errors import ValidationError
from desktop.core.limits import QUERY_WORDS_MAX, query_words
from desktop.core.matches import Match, stored_spelling
from desktop.core.models import (
    CaseFile,
    Household,
    HouseholdMember,
    IdentityDocument,
    Person,
)
from desktop.core.models.people import PHONE_TAIL_SQL
from desktop.core.models.types import UUID_TYPE
from desktop.core.name_index import NameIndex, aliases, person_spellings
from desktop.core.names import latin_letters, normal, skeleton, tokens
from desktop.core.roles import Actor, Permission
from desktop.core.text import clean_text
from desktop.core.uow import record_access_soon


def display_name(person: Person | dict) -> str:
    """'SHEVCHENKO Yuliia (ШЕВЧЕНКО Юлія)': Latin first, as Belgian files do."""
    get = person.get if isinstance(person, dict) else lambda k: getattr(person, k)
    latin = " ".join(p for p in [(get("surname_lat") or "").upper(), get("given_name_lat")] if p)
    cyr = " ".join(p for p in [(get("surname_cyr") or "").upper(), get("given_name_cyr")] if p)
    if latin and cyr:
        return f"{latin} ({cyr})"
    return latin or cyr


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
    # Which typed word met which spelling, or which identifier: shown beside the result.
    matched: list[Match] = field(default_factory=list)
    # No name left (retention, erasure): shown as "Anonymised person", found by file or date.
    anonymised: bool = False

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
            "matched": [match.to_json() for match in self.matched],
            "anonymised": self.anonymised,
        }


def _looks_like_date(query: str) -> bool:
    try:
        parse_partial(query)
    except ValidationError:
        return False
    return True


def _marks(values: object) -> str:
    """SQL placeholders, one per value."""
    return ", ".join("?" * len(values))  # type: ignore[arg-type]


_FILE_NUMBER = re.compile(r"^\d{4}/\d{1,6}$")
_DIGITS = re.compile(r"[\d\s./+-]+$")
MAX_CANDIDATES = 5000
MAX_NAME_RESULTS = 500


class SearchService:
    def __init__(self, engine: Engine, actor: Actor, index: NameIndex | None = None) -> None:
        self.engine = engine
        self.actor = actor
        self.index = index or NameIndex()

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        self.actor.require(Permission.VIEW_CASES)
        # A pasted ESC or U+202E is not part of a name; only the first 200 characters and
        # 10 words are read (limits.py).
        query = query_words(clean_text(query))
        if not query:
            return []
        scores: dict[uuid.UUID, tuple[float, list[str], list]] = {}
        with Session(self.engine) as db:
            looked_up = self._by_identifiers(db, query, scores)
            self._by_date(db, query, scores)
            self._by_names(db, query, scores)
            ranked = sorted(scores.items(), key=lambda item: -item[1][0])[:limit]
            hits = self._hits(db, ranked)
        if looked_up is not None:
            self._audit_lookup(looked_up)
        return hits

    def _audit_lookup(self, found: list[uuid.UUID]) -> None:
        """Who looked a national number up, and whom it found (never the number itself):
        one event per person found, or one saying nobody was."""
        for person_id in found or [None]:
            record_access_soon(self.engine, self.actor, AuditAction.SEARCH_ID,
                               Person.__tablename__ if person_id else "", person_id,
                               detail={"found": len(found)})

    # -- matchers ---------------------------------------------------------------------------

    def _add(self, scores: dict, person_id: uuid.UUID, score: float, reason: str,
             matched: list) -> None:
        """``matched``: Match objects, or (typed word, index form, kind) of a name, whose
        stored spelling is looked up once the person is loaded."""
        old_score, reasons, old_matched = scores.get(person_id, (0.0, [], []))
        scores[person_id] = (old_score + score, [*reasons, reason], [*old_matched, *matched])

    def _by_identifiers(self, db: Session, query: str,
                        scores: dict) -> list[uuid.UUID] | None:
        """Adds what identifiers find; returns whom a national number found (None when the
        query was not one), for the audit."""
        if _FILE_NUMBER.match(query):
            rows = db.execute(
                select(HouseholdMember.person_id)
                .join(CaseFile, CaseFile.household_id == HouseholdMember.household_id)
                .where(CaseFile.file_number == query, HouseholdMember.deleted_at.is_(None))
            )
            for (person_id,) in rows:
                self._add(scores, person_id, 10.0, "file_number",
                          [Match("file_number", query, query)])
            return None
        if not _DIGITS.match(query):
            compact = query.replace(" ", "").upper()
            for (person_id,) in db.execute(
                select(IdentityDocument.person_id).where(IdentityDocument.number == compact)
            ):
                self._add(scores, person_id, 10.0, "document_number",
                          [Match("document_number", query, compact)])
            return None
        if _looks_like_date(query):
            return None
        digits = re.sub(r"\D", "", query)
        looked_up = None
        if len(digits) == 11 and self.actor.can(Permission.VIEW_NATIONAL_NUMBER):
            found = [person_id for (person_id,) in db.execute(
                select(Person.id).where(Person.national_number == digits))]
            for person_id in found:
                self._add(scores, person_id, 10.0, "national_number",
                          [Match("national_number", query, "")])
            looked_up = found
        if len(digits) >= 6:
            for (person_id,) in db.execute(
                select(IdentityDocument.person_id).where(IdentityDocument.number == digits)
            ):
                self._add(scores, person_id, 10.0, "document_number",
                          [Match("document_number", query, digits)])
        if len(digits) >= 8:
            # The last nine digits identify a Belgian or Ukrainian mobile number whatever
            # the prefix (+32 4.., 04.., +380 ..); an index on that expression finds them.
            for (person_id,) in db.execute(
                text(f"SELECT id FROM person WHERE {PHONE_TAIL_SQL} = :tail").columns(
                    id=UUID_TYPE), {"tail": digits[-9:]}
            ):
                self._add(scores, person_id, 8.0, "phone",
                          [Match("phone", query, digits[-4:])])
        return looked_up

    def _by_date(self, db: Session, query: str, scores: dict) -> None:
        try:
            day, precision = parse_partial(query)
        except ValidationError:
            return
        if precision != DatePrecision.DAY:
            return
        for (person_id,) in db.execute(select(Person.id).where(Person.birth_date == day)):
            self._add(scores, person_id, 6.0, "birth_date",
                      [Match("birth_date", query, day.isoformat())])

    def _by_names(self, db: Session, query: str, scores: dict) -> None:
        """Every word must match a name of the person by one of its spellings (with three
        words or more, one may miss). A match counts by its kind (same key 1.0, Ukrainian
        name of a Russian form or diminutive 0.95, one typo away 0.97, beginning of a name
        still being typed 0.7) times how close the spellings are, so that namesakes by key
        (Kravchenko / Kravchuk share "krvSk") rank by spelling."""
        # Hyphens split words too: "a-b-c-…" is still at most QUERY_WORDS_MAX lookups.
        words = [w for w in tokens(query) if any(ch.isalpha() for ch in w)][:QUERY_WORDS_MAX]
        if not words:
            return
        all_wanted = [self._word_keys(db, word, last=i == len(words) - 1) for i, word in
                      enumerate(words)]
        wanted = [w for w in all_wanted if w]
        if not wanted:
            return
        typed_words = [word for word, keyed in zip(words, all_wanted, strict=True) if keyed]
        typed_forms = [latin_letters(word) for word in typed_words]
        needed = len(wanted) - (1 if len(wanted) >= 3 else 0)
        # person -> per typed word: (weight, index form it met, kind of match)
        best: dict[bytes, list[tuple[float, str, str]]] = {}
        for person_id, key, form in self._matching_rows(db, wanted, needed):
            marks = best.get(person_id)
            if marks is None:
                marks = best[person_id] = [(0.0, "", "")] * len(wanted)
            spelled = normal(form)
            for position, keyed in enumerate(wanted):
                match = keyed.get(key)
                if match is None:
                    continue
                weight, reference, kind = match
                closeness = 1.0 if spelled == reference else fuzz.ratio(spelled, reference) / 100
                weight *= 0.3 + 0.7 * closeness
                held = marks[position][0]
                # On a tie, the form spelled as typed: it is the spelling that was met.
                if weight > held or (weight == held and form == typed_forms[position]):
                    marks[position] = (weight, form, kind)
        ranked = sorted(
            ((sum(m[0] for m in marks) / len(wanted)
              * (0.8 if any(m[0] == 0.0 for m in marks) else 1.0), person_id, marks)
             for person_id, marks in best.items()),
            key=lambda item: (item[0], item[1]), reverse=True,
        )[:MAX_NAME_RESULTS]
        for score, person_id, marks in ranked:
            matched = [(typed, form, kind) for typed, (weight, form, kind)
                       in zip(typed_words, marks, strict=True) if weight > 0.0]
            self._add(scores, uuid.UUID(bytes=person_id), 5.0 * score, "name", matched)

    def _matching_rows(
        self, db: Session, wanted: list[dict[str, tuple[float, str]]], needed: int
    ) -> list[tuple[bytes, str, str]]:
        """The index rows of the persons matching at least ``needed`` words, in one query
        run by SQLite (raw ids: no objects are built for thousands of candidates)."""
        connection = db.connection()
        if needed == len(wanted) > 1:
            candidates, params = self._all_words(connection, wanted)
        else:
            candidates, params = self._enough_words(wanted, needed)
        all_keys = sorted(set().union(*(w.keys() for w in wanted)))
        sql = (
            f"WITH candidates AS ({candidates}) "
            "SELECT k.person_id, k.key, k.form FROM person_name_key AS k "
            "JOIN candidates AS c ON c.person_id = k.person_id "
            f"WHERE k.key IN ({_marks(all_keys)}) "
            # In the order they were written (a person's own fields first): on a tie between
            # two spellings, the one met first is shown, whatever order the index gives.
            "ORDER BY k.id"
        )
        return connection.exec_driver_sql(sql, tuple([*params, *all_keys])).all()

    @staticmethod
    def _all_words(connection, wanted: list[dict]) -> tuple[str, list]:
        """Every word must match: the persons of the rarest word (a surname, most often)
        who also hold a key of each other word, each looked up in the index, instead of
        reading every person named Olena. The first MAX_CANDIDATES by id, as below."""
        sizes = [connection.exec_driver_sql(
            f"SELECT count(*) FROM person_name_key WHERE key IN ({_marks(keyed)})",
            tuple(keyed)).scalar_one() for keyed in wanted]
        rarest, *others = sorted(wanted, key=lambda keyed: sizes[wanted.index(keyed)])
        params: list = [*rarest]
        also = []
        for keyed in others:
            also.append(f"EXISTS (SELECT 1 FROM person_name_key AS b WHERE b.key IN "
                        f"({_marks(keyed)}) AND b.person_id = a.person_id)")
            params.extend(keyed)
        params.append(MAX_CANDIDATES)
        return (f"SELECT DISTINCT a.person_id FROM person_name_key AS a WHERE a.key IN "
                f"({_marks(rarest)}) AND {' AND '.join(also)} ORDER BY a.person_id LIMIT ?",
                params)

    @staticmethod
    def _enough_words(wanted: list[dict], needed: int) -> tuple[str, list]:
        """At least ``needed`` words (one word; or three and more, one of which may miss)."""
        parts, params = [], []
        for position, keyed in enumerate(wanted):
            parts.append(f"SELECT DISTINCT person_id, {position} AS word FROM person_name_key "
                         f"WHERE key IN ({_marks(keyed)})")
            params.extend(keyed)
        params += [needed, MAX_CANDIDATES]
        return (f"SELECT person_id FROM ({' UNION ALL '.join(parts)}) GROUP BY person_id "
                "HAVING count(*) >= ? LIMIT ?", params)

    def _word_keys(self, db: Session, word: str,
                   last: bool) -> dict[str, tuple[float, str, str]]:
        """key -> (weight of the kind of match, normal form a row's spelling is compared to,
        kind of match as named in ``matches.NAME_KINDS``)."""
        key, spelled = skeleton(word), normal(word)
        keyed: dict[str, tuple[float, str, str]] = {}
        if key and key != "_":
            keyed[key] = (1.0, spelled, "name")
        for alias_form, alias_key in aliases().get(spelled, ()):
            keyed.setdefault(alias_key, (0.95, normal(alias_form), "name_alias"))
        for near_key, near_form in self.index.near_keys(db, word).items():
            keyed.setdefault(near_key, (0.97, near_form, "name_typo"))
        typed = latin_letters(word)
        if last and len(typed) >= 3:
            for prefix_key, form in self.index.forms_starting_with(db, typed).items():
                keyed.setdefault(prefix_key, (0.7, normal(form), "name_prefix"))
        return keyed

    # -- results ----------------------------------------------------------------------------

    def _hits(self, db: Session, ranked: list) -> list[SearchHit]:
        if not ranked:
            return []
        ids = [person_id for person_id, _ in ranked]
        persons = {p.id: p for p in db.execute(select(Person).where(Person.id.in_(ids))).scalars()}
        # A person's current file: of their household's files, an open one before a closed
        # one, then the latest opened (the dict keeps the last row of each person).
        cases = dict(
            db.execute(
                select(HouseholdMember.person_id, CaseFile)
                .join(Household, Household.id == HouseholdMember.household_id)
                .join(CaseFile, CaseFile.household_id == Household.id)
                .where(HouseholdMember.person_id.in_(ids), HouseholdMember.deleted_at.is_(None),
                       CaseFile.deleted_at.is_(None))
                .order_by((CaseFile.status != CaseStatus.CLOSED), CaseFile.opened_on,
                          CaseFile.id)
            ).all()
        )
        hits = []
        for person_id, (score, reasons, matched) in ranked:
            person = persons.get(person_id)
            if person is None or person.deleted_at is not None:
                continue
            case = cases.get(person_id)
            values = person.model_dump()
            hits.append(
                SearchHit(
                    person_id=person_id,
                    case_id=case.id if case else None,
                    file_number=case.file_number if case else "",
                    display_name=display_name(person),
                    names=person_spellings(values),
                    birth_date=iso_partial(person.birth_date, person.birth_precision),
                    score=score,
                    reasons=list(dict.fromkeys(reasons)),
                    matched=_resolved(matched, values),
                    anonymised=person.anonymised_at is not None,
                )
            )
        return hits


def _resolved(matched: list, values: dict) -> list[Match]:
    """Name matches carry the index form they met; the worker is shown the person's own
    spelling of it. Each distinct match once, in the order found."""
    out: list[Match] = []
    for item in matched:
        if not isinstance(item, Match):
            typed, form, kind = item
            item = Match(kind, typed, stored_spelling(values, form))
        if item not in out:
            out.append(item)
    return out
