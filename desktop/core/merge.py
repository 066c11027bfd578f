"""Merge two records of the same person (found by the duplicate check). Nothing is lost:
empty fields take the other record's values, other spellings and languages are united,
documents, protection dates and needs move to the kept record, values that differ are
written in a note on the case, and the merged record stays as a tombstone with its whole
history. A person has one current household: the kept record's (or the other's, when the
kept record has none); a file the person leaves gets a note naming the file they are in."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import select

from desktop.core.dates import iso_partial
from desktop.core.enums import AuditAction, CaseStatus, NoteAudience, Sex
from desktop.core.errors import RelaisError, ValidationError
from desktop.core.models import (
    CaseFile,
    HouseholdMember,
    IdentityDocument,
    Note,
    Person,
    PersonMerge,
    ProtectionStatus,
    Record,
    SpecificNeed,
)
from desktop.core.roles import Actor, Permission
from desktop.core.search import display_name
from desktop.core.uow import UnitOfWork

NAME_FIELDS = ("surname_cyr", "given_name_cyr", "patronymic_cyr", "surname_lat",
               "given_name_lat", "patronymic_lat")
UNITED = ("other_spellings", "languages")
NOT_MERGED = {"organisation_id", *UNITED}
# Every reference to a person that a merge moves to the kept record: written on the merge's
# person_merge record, so a desktop that was offline moves its own records the same way
# (desktop/sync/apply.py) and the central redirects late changes (docs/sync-protocol.md).
REPOINT = [["identity_document", "person_id"], ["protection_status", "person_id"],
           ["specific_need", "person_id"], ["household_member", "person_id"]]


class MergeService:
    def __init__(self, engine: Engine, actor: Actor) -> None:
        self.engine, self.actor = engine, actor

    def merge(self, keep_id: uuid.UUID, other_id: uuid.UUID) -> list[str]:
        """Merge ``other`` into ``keep``. Returns the names of fields whose values differed
        (kept in a note)."""
        self.actor.require(Permission.EDIT_CASES)
        if keep_id == other_id:
            raise ValidationError("merge.same_person")
        with UnitOfWork(self.engine, self.actor) as uow:
            keep, other = (uow.session.get(Person, pid) for pid in (keep_id, other_id))
            if keep is None or other is None or keep.deleted_at or other.deleted_at:
                raise RelaisError("merge.not_found")
            changes, differing = self._field_changes(keep, other)
            uow.update(keep, **changes)
            for model in (IdentityDocument, ProtectionStatus, SpecificNeed):
                for record in uow.session.exec(select(model).where(
                        model.person_id == other_id, model.deleted_at.is_(None))):
                    uow.update(record, person_id=keep_id)
            left = self._move_membership(uow, keep_id, other_id)
            noted = dict(differing)
            if left:  # the kept record's file says which file the other record was in
                noted["file_number"] = ", ".join(number for number, _ in left)
            if noted:
                self._note_differences(uow, keep_id, noted)
            self._note_left(uow, keep, [case_id for _, case_id in left])
            uow.delete(other)
            uow.add(PersonMerge(keep_id=keep_id, other_id=other_id, repoint=REPOINT))
            uow.record_access(AuditAction.MERGE, Person.__tablename__, other_id)
        return sorted(differing)

    def _field_changes(self, keep: Person, other: Person) -> tuple[dict[str, Any],
                                                                   dict[str, Any]]:
        changes: dict[str, Any] = {}
        differing: dict[str, Any] = {}
        spellings = list(keep.other_spellings or [])
        for name in type(keep).model_fields:
            if name in Record.BOOKKEEPING or name in NOT_MERGED:
                continue
            mine, theirs = getattr(keep, name), getattr(other, name)
            if _empty(theirs) or mine == theirs:
                continue
            if _empty(mine):
                changes[name] = theirs
            elif name in NAME_FIELDS:
                if theirs not in spellings:
                    spellings.append(theirs)
            else:
                differing[name] = theirs
        # A value and its qualifier travel together.
        for value, qualifier in (("birth_date", "birth_precision"),
                                 ("national_number", "national_number_kind")):
            if value in changes:
                changes[qualifier] = getattr(other, qualifier)
                differing.pop(qualifier, None)
        if "birth_date" in differing:  # the other record's date as far as it is known
            differing["birth_date"] = iso_partial(other.birth_date, other.birth_precision)
            differing.pop("birth_precision", None)
        for spelling in other.other_spellings or []:
            if spelling not in spellings:
                spellings.append(spelling)
        if spellings != list(keep.other_spellings or []):
            changes["other_spellings"] = spellings
        languages = list(dict.fromkeys([*(keep.languages or []), *(other.languages or [])]))
        if languages != list(keep.languages or []):
            changes["languages"] = languages
        return changes, differing

    @staticmethod
    def _current_households(uow: UnitOfWork, person_id: uuid.UUID) -> list[uuid.UUID]:
        return [m.household_id for m in uow.session.exec(select(HouseholdMember).where(
            HouseholdMember.person_id == person_id, HouseholdMember.deleted_at.is_(None)))]

    def _move_membership(self, uow: UnitOfWork, keep_id: uuid.UUID,
                         other_id: uuid.UUID) -> list[tuple[str, uuid.UUID]]:
        """One person lives in one household: the kept record's. The other record's
        membership moves only when the kept one has none; any other ends (its history
        stays). Returns (file number, case id) of the open files the person left."""
        kept = set(self._current_households(uow, keep_id))
        left: list[tuple[str, uuid.UUID]] = []
        for membership in list(uow.session.exec(select(HouseholdMember).where(
                HouseholdMember.person_id == other_id, HouseholdMember.deleted_at.is_(None)))):
            if not kept:
                uow.update(membership, person_id=keep_id)
                kept.add(membership.household_id)
                continue
            uow.delete(membership)
            if membership.household_id not in kept:
                left += [(case.file_number, case.id) for case in uow.session.exec(
                    select(CaseFile).where(CaseFile.household_id == membership.household_id,
                                           CaseFile.deleted_at.is_(None),
                                           CaseFile.status != CaseStatus.CLOSED)).all()]
        return left

    def _note_left(self, uow: UnitOfWork, keep: Person, case_ids: list[uuid.UUID]) -> None:
        """The file the person left says where their record now is (data, read in words)."""
        if not case_ids:
            return
        numbers = [case.file_number for case in uow.session.exec(select(CaseFile).where(
            CaseFile.household_id.in_(self._current_households(uow, keep.id)),
            CaseFile.deleted_at.is_(None)))]
        for case_id in case_ids:
            uow.add(Note(case_id=case_id, audience=NoteAudience.SOCIAL_WORKERS, body="",
                         merged_values={"merged_into": ", ".join(numbers),
                                        "person": display_name(keep)}))

    def _note_differences(self, uow: UnitOfWork, keep_id: uuid.UUID,
                          differing: dict[str, Any]) -> None:
        households = self._current_households(uow, keep_id)
        # Kept as data, labelled when read (core/notes.py): never field names in a text.
        values = {name: _plain(value) for name, value in sorted(differing.items())}
        for case in uow.session.exec(select(CaseFile).where(
                CaseFile.household_id.in_(households), CaseFile.deleted_at.is_(None))):
            uow.add(Note(case_id=case.id, audience=NoteAudience.SOCIAL_WORKERS, body="",
                         merged_values=values))


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value is False or \
        value == Sex.UNKNOWN


def _plain(value: Any) -> Any:
    """A value as JSON keeps it: dates as ISO text, enumerations as their code."""
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)
