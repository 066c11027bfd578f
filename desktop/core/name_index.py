"""The name index behind search and the duplicate check.

``person_name_key`` holds one row per person and Latin form of each name token (from every
spelling, plus the Ukrainian name of a known Russian form or diminutive), with its consonant
skeleton as the key. ``NameIndexer`` keeps it in step with every person written through the
unit of work; triggers on it keep ``name_form`` and ``name_deletion``, where ``NameIndex``
finds near spellings (one letter missing, extra, wrong or swapped) without scanning.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, text
from sqlalchemy.engine import Connection
from sqlmodel import Session

from desktop.core.bulk import insert_many
from desktop.core.models import NameDeletion, NameForm, Person, PersonNameKey
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
    return [{"person_id": person_id, "form": form, "key": key, "normal": normal(form)}
            for form, key in forms.items()]


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
    # The forms first: each row's trigger then has no count left to update.
    connection.execute(delete(NameForm))
    connection.execute(delete(NameDeletion))
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
    strings of at most that length, however long the form (the same rule as the triggers
    that fill ``name_deletion``, migration 0012)."""
    form = form[:MAX_FUZZY_LENGTH]
    return {form[:i] + form[i + 1 :] for i in range(len(form))}


def deletion_entries(db: Session) -> int:
    """How many (deletion, form) pairs are held: what the near spellings cost."""
    return db.execute(text("SELECT count(*) FROM name_deletion")).scalar_one()


# The known forms among the candidates, with their key and how many index rows hold them:
# a candidate is a Latin form (name_form.form) or a normal form (name_form.normal).
_NEAR_SQL = """
WITH probe(text) AS (VALUES {probes}),
near(variant) AS (
    SELECT variant FROM name_deletion WHERE deletion IN (SELECT text FROM probe)
    UNION SELECT text FROM probe)
SELECT near.variant, f.form, f.key, f.rows, 1 FROM near
    CROSS JOIN name_form AS f ON f.form = near.variant
UNION ALL
SELECT near.variant, f.form, f.key, f.rows, 0 FROM near
    CROSS JOIN name_form AS f ON f.normal = near.variant
"""
# CROSS JOIN: SQLite then looks each candidate up (a few dozen), where it chose to scan
# every form of name_form for the second half (15 ms at 24,000 forms).


class NameIndex:
    """Near spellings and beginnings of names, looked up in the database: ``name_form``
    (each distinct Latin form, its normal form, key and row count) and ``name_deletion``
    (each form and normal form minus one letter), both kept by triggers on
    ``person_name_key``. Nothing is built or held in memory, so the first search of a
    process costs what any search costs, and tens of thousands of distinct names cost
    disk pages, not megabytes of dictionaries. Near spellings are looked up on normal
    forms too, where one sound is one letter (ч → S), so that a typo costs one edit
    whatever the script."""

    def near_keys(self, db: Session, word: str) -> dict[str, str]:
        """Keys of known names one edit away from ``word`` (a letter missing, added,
        replaced, or two swapped, in Latin letters or in normal form), each with the normal
        form it came from: of at most MAX_NEAR_FORMS forms, the most common ones."""
        word = word[:MAX_FUZZY_LENGTH * 2]  # enough letters for any form's first thirty
        targets = {target for target in (latin_letters(word)[:MAX_FUZZY_LENGTH],
                                         normal(word)[:MAX_FUZZY_LENGTH])
                   if len(target) >= MIN_FUZZY_LENGTH}
        if not targets:
            return {}
        # The word itself (a letter missing from it: it is a deletion of a known form) and
        # the word minus a letter (replaced or swapped letters share a deletion; a letter
        # too many: the deletion is a known form itself).
        probes = sorted(set().union(targets, *(_deletions(target) for target in targets)))
        sql = _NEAR_SQL.format(probes=", ".join("(?)" for _ in probes))
        rows_of: dict[str, dict[str, int]] = {}  # candidate -> form -> rows
        key_of: dict[str, str] = {}
        for near, form, key, rows, latin in db.connection().exec_driver_sql(sql,
                                                                             tuple(probes)):
            if near in targets:
                continue
            rows_of.setdefault(near, {})[form] = rows
            # a Latin form's own key before that of a form with this normal form
            if latin or near not in key_of:
                key_of[near] = key
        known = sorted(rows_of, key=lambda near: (-sum(rows_of[near].values()), near))
        keyed: dict[str, str] = {}
        for near in sorted(known[:MAX_NEAR_FORMS]):  # the same form for a key, every time
            keyed.setdefault(key_of[near], normal(near))
        return keyed

    def forms_starting_with(self, db: Session, prefix: str,
                            limit: int = 200) -> dict[str, str]:
        """Keys of known names that begin with what is being typed ('shevch' →
        shevchenko's), each with its Latin form: of the first ``limit`` forms in
        alphabetical order."""
        found: dict[str, str] = {}
        rows = db.connection().exec_driver_sql(
            "SELECT form, key FROM name_form WHERE form >= ? ORDER BY form LIMIT ?",
            (prefix, limit))
        for form, key in rows:
            if not form.startswith(prefix):
                break
            found.setdefault(key, form)
        return found
