"""The name index behind search and the duplicate check.

``person_name_key`` holds one row per person and Latin form of each name token (from every
spelling, plus the Ukrainian name of a known Russian form or diminutive), with its consonant
skeleton as the key. ``NameIndexer`` keeps it in step with every person written through the
unit of work. ``NameIndex`` keeps the distinct forms in memory to find near spellings
(one letter missing, extra, wrong or swapped) without scanning the table.
"""

from __future__ import annotations

import bisect
import json
import uuid
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from desktop.core.bulk import insert_many
from desktop.core.models import Person, PersonNameKey
from desktop.core.name_aliases import GROUPS
from desktop.core.names import latin_letters, normal, skeleton, tokens

if TYPE_CHECKING:
    from desktop.core.roles import Actor
    from desktop.core.uow import Change

NAME_FIELDS = (
    "surname_cyr", "given_name_cyr", "patronymic_cyr", "surname_lat", "given_name_lat",
    "patronymic_lat",
)  # fmt: skip
MIN_FUZZY_LENGTH = 4
# Near spellings are looked for in a form's first letters only: one deletion per letter is
# quadratic in the form's length, and a 40,000-letter name that got past the length rules
# (an old database, a bug) must not cost gigabytes. A typo further on still ranks by
# spelling among the names sharing these letters.
MAX_FUZZY_LENGTH = 30
# Words of one spelling that are indexed: real names have a few ("Anna-Maria de la Cruz");
# a hundred four-letter words would be a hundred rows and near spellings per field. (Not a
# reason to rebuild every index: no spelling written before had more.)
MAX_TOKENS = 8
# Near spellings kept per typed word: real names have a handful (the 100,000 demo persons at
# most 3), but thousands of short made-up words would each share a deletion with it, and
# every one kept is a key the search looks up. Past this, the forms most persons hold are
# kept (then the alphabet decides): the same list for the same index, whatever was added.
MAX_NEAR_FORMS = 40
# Bump when the rules that turn names into rows change: databases rebuild their index once.
NAME_INDEX_VERSION = 2


def person_spellings(values: dict[str, Any]) -> list[str]:
    spellings = [values.get(name) or "" for name in NAME_FIELDS]
    return [s for s in spellings + list(values.get("other_spellings") or []) if s]


@cache
def aliases() -> dict[str, frozenset[tuple[str, str]]]:
    """normal form of a Russian form or diminutive -> {(Latin form, skeleton)} of the
    Ukrainian names it stands for (Саша: Олександр and Олександра). Keyed by the normal form,
    not the skeleton, so that Оля (olia) never turns Юлія (iulia) into Ольга."""
    mapping: dict[str, set[tuple[str, str]]] = {}
    for ukrainian, variants in GROUPS.items():
        target = (latin_letters(ukrainian), skeleton(ukrainian))
        for variant in variants:
            if normal(variant) != normal(ukrainian):
                mapping.setdefault(normal(variant), set()).add(target)
    return {form: frozenset(targets) for form, targets in mapping.items()}


def index_rows(person_id: uuid.UUID, values: dict[str, Any]) -> list[dict[str, Any]]:
    forms: dict[str, str] = {}
    for spelling in person_spellings(values):
        for token in tokens(spelling)[:MAX_TOKENS]:
            form, key = latin_letters(token), skeleton(token)
            if not form or not key or key == "_":
                continue
            forms.setdefault(form, key)
            for alias_form, alias_key in aliases().get(normal(token), ()):
                forms.setdefault(alias_form, alias_key)
    return [{"person_id": person_id, "form": form, "key": key} for form, key in forms.items()]


class NameIndexer:
    """Unit-of-work observer: rewrites the index rows of every person created or renamed.

    Each person is indexed once per batch of changes, from their final names: a person
    created and renamed in one unit of work (as a pull or a merge may do) gets the new
    name's rows only, never the old and new rows together."""

    def before_commit(self, session: Session, actor: Actor, changes: Sequence[Change]) -> None:
        created: dict[uuid.UUID, dict[str, Any]] = {}
        renamed: set[uuid.UUID] = set()
        for change in changes:
            if change.entity != Person.__tablename__ or change.entity_id is None:
                continue
            if change.values is not None:
                created[change.entity_id] = change.values
            elif set(change.fields) & {*NAME_FIELDS, "other_spellings"}:
                renamed.add(change.entity_id)
        rows: list[dict[str, Any]] = []
        for person_id, values in created.items():
            if person_id not in renamed:  # the values it was created with are its names
                rows.extend(index_rows(person_id, values))
        rows.extend(reindex_rows(session, renamed))
        if rows:
            insert_many(session.connection(), PersonNameKey.__table__, rows)  # type: ignore[attr-defined]


def reindex_rows(session: Session, person_ids: set[uuid.UUID]) -> list[dict[str, Any]]:
    """Deletes the rows of these persons and returns their new ones, from the names they
    have now in this transaction (also the remote apply path's way to index a person)."""
    if not person_ids:
        return []
    session.execute(delete(PersonNameKey).where(PersonNameKey.person_id.in_(person_ids)))
    rows: list[dict[str, Any]] = []
    for person_id in person_ids:
        person = session.get(Person, person_id)
        if person is not None:
            rows.extend(index_rows(person_id, person.model_dump()))
    return rows


def rebuild_name_index(connection: Connection) -> int:
    """Recompute every row (after a change of the key rules). Returns the rows written."""
    connection.execute(delete(PersonNameKey))
    written = 0
    batch: list[dict[str, Any]] = []
    for person in connection.execute(text(
        "SELECT id, " + ", ".join(NAME_FIELDS) + ", other_spellings FROM person"
    )).mappings():
        values = dict(person)
        if isinstance(values["other_spellings"], str):
            values["other_spellings"] = json.loads(values["other_spellings"])
        batch.extend(index_rows(_uuid(values["id"]), values))
        if len(batch) > 20_000:
            connection.execute(PersonNameKey.__table__.insert(), batch)  # type: ignore[attr-defined]
            written += len(batch)
            batch = []
    if batch:
        connection.execute(PersonNameKey.__table__.insert(), batch)  # type: ignore[attr-defined]
        written += len(batch)
    return written


def _uuid(raw: Any) -> uuid.UUID:
    if isinstance(raw, uuid.UUID):
        return raw
    return uuid.UUID(raw) if isinstance(raw, str) else uuid.UUID(bytes=bytes(raw))


def _deletions(form: str) -> set[str]:
    """The form minus one letter, for its first MAX_FUZZY_LENGTH letters: at most that many
    strings of at most that length, however long the form."""
    form = form[:MAX_FUZZY_LENGTH]
    return {form[:i] + form[i + 1 :] for i in range(len(form))}


class NameIndex:
    """Distinct name forms in memory, refreshed incrementally (rows are only ever appended:
    a renamed person's rows are deleted and written anew, with ids never used before).
    Near spellings are looked up on normal forms, where one sound is one letter (ч → S), so
    that a typo costs one edit whatever the script."""

    def __init__(self) -> None:
        self._key_of: dict[str, str] = {}  # Latin form -> key
        self._key_of_normal: dict[str, str] = {}  # normal form -> key
        # A form minus one letter -> forms, for Latin forms and for normal forms alike: a
        # swapped "hc" is one edit in Latin letters, a mistyped ч one edit in normal form.
        # Most deletions belong to one form: held as the form itself (no set of one, which
        # would triple the memory), a set only once a second form shares the deletion.
        self._by_deletion: dict[str, str | set[str]] = {}
        # index rows per Latin or normal form: how common a name is, to keep the common
        # near spellings when there are too many (MAX_NEAR_FORMS)
        self._rows_of: dict[str, int] = {}
        self._sorted_forms: list[str] = []
        self._unsorted: list[str] = []
        self._last_id = 0

    def refresh(self, session: Session) -> None:
        rows = session.execute(
            text("SELECT id, form, key FROM person_name_key WHERE id > :last"),
            {"last": self._last_id},
        ).all()
        for row_id, form, key in rows:
            self._last_id = max(self._last_id, row_id)
            normal_form = normal(form)
            for variant in {form, normal_form}:
                self._rows_of[variant] = self._rows_of.get(variant, 0) + 1
            if form in self._key_of:
                continue
            self._key_of[form] = key
            self._unsorted.append(form)
            self._key_of_normal.setdefault(normal_form, key)
            for variant in {form, normal_form}:
                if len(variant) >= MIN_FUZZY_LENGTH:
                    for deleted in _deletions(variant):
                        self._add_deletion(deleted, variant)

    @property
    def deletion_entries(self) -> int:
        """How many (deletion, form) pairs are held: the memory the near spellings cost."""
        return sum(1 if isinstance(forms, str) else len(forms)
                   for forms in self._by_deletion.values())

    def _add_deletion(self, deleted: str, form: str) -> None:
        held = self._by_deletion.get(deleted)
        if held is None:
            self._by_deletion[deleted] = form
        elif isinstance(held, str):
            if held != form:
                self._by_deletion[deleted] = {held, form}
        else:
            held.add(form)

    def _forms(self, deleted: str) -> set[str] | tuple[str, ...]:
        held = self._by_deletion.get(deleted, ())
        return (held,) if isinstance(held, str) else held

    def near_keys(self, word: str) -> dict[str, str]:
        """Keys of known names one edit away from ``word`` (a letter missing, added,
        replaced, or two swapped, in Latin letters or in normal form), each with the normal
        form it came from: of at most MAX_NEAR_FORMS forms, the most common ones."""
        found: set[str] = set()
        word = word[:MAX_FUZZY_LENGTH * 2]  # enough letters for any form's first thirty
        for target in {latin_letters(word)[:MAX_FUZZY_LENGTH],
                       normal(word)[:MAX_FUZZY_LENGTH]}:
            if len(target) < MIN_FUZZY_LENGTH:
                continue
            found.update(self._forms(target))  # a letter missing from the word
            for deleted in _deletions(target):
                found.add(deleted)  # a letter too many in the word (kept if known)
                found.update(self._forms(deleted))  # replaced or swapped letters
            found.discard(target)
        known = [near for near in found if near in self._key_of or near in self._key_of_normal]
        if len(known) > MAX_NEAR_FORMS:
            known.sort(key=lambda near: (-self._rows_of.get(near, 0), near))
            del known[MAX_NEAR_FORMS:]
        keyed: dict[str, str] = {}
        for near in sorted(known):  # the same form for a key, whatever the set's order
            key = self._key_of.get(near) or self._key_of_normal.get(near)
            if key:
                keyed.setdefault(key, normal(near))
        return keyed

    def forms_starting_with(self, prefix: str, limit: int = 200) -> dict[str, str]:
        """Keys of known names that begin with what is being typed ('shevch' →
        shevchenko's), each with its Latin form."""
        if self._unsorted:
            self._sorted_forms = sorted([*self._sorted_forms, *self._unsorted])
            self._unsorted = []
        start = bisect.bisect_left(self._sorted_forms, prefix)
        found: dict[str, str] = {}
        for form in self._sorted_forms[start : start + limit]:
            if not form.startswith(prefix):
                break
            found.setdefault(self._key_of[form], form)
        return found
