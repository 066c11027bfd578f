"""Where a record sits in the case files: the case it belongs to and how a person names it
(the person's name, or the case file's number). Sync shows conflicts and rejected changes by
record; a person knows cases and people, not tables and ids."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass

from sqlmodel import Session, select

from desktop.core.enums import ConflictStatus
from desktop.core.models import (
    Accommodation,
    AidDecision,
    CaseFile,
    HouseholdMember,
    IdentityDocument,
    Note,
    Person,
    ProtectionStatus,
    Referral,
    SpecificNeed,
    SyncConflict,
    Task,
)
from desktop.core.restricted import record_hidden
from desktop.core.roles import Actor
from desktop.core.search import display_name

CASE_CHILDREN = {model.__tablename__: model for model in (Note, Task, Referral, AidDecision)}
PERSON_CHILDREN = {model.__tablename__: model
                   for model in (IdentityDocument, ProtectionStatus, SpecificNeed)}
HOUSEHOLD_CHILDREN = {model.__tablename__: model for model in (HouseholdMember, Accommodation)}
ALL_MODELS = {**CASE_CHILDREN, **PERSON_CHILDREN, **HOUSEHOLD_CHILDREN,
              "person": Person, "case_file": CaseFile}


@dataclass(frozen=True)
class RecordPlace:
    case_id: uuid.UUID | None
    file_number: str
    person: str  # the person's name when the record is a person's, else ""

    @property
    def label(self) -> str:
        """'SHEVCHENKO Yuliia · 2026/000012', or the one of them that is known."""
        return " · ".join(part for part in (self.person, self.file_number) if part)


def place_of(db: Session, entity: str, entity_id: uuid.UUID) -> RecordPlace:
    """Deleted records included: a conflict or a rejected change may be about one."""
    person_id: uuid.UUID | None = None
    household_id: uuid.UUID | None = None
    case_id: uuid.UUID | None = None
    if entity == CaseFile.__tablename__:
        case_id = entity_id
    elif entity in CASE_CHILDREN:
        case_id = db.exec(select(CASE_CHILDREN[entity].case_id).where(  # type: ignore[attr-defined]
            CASE_CHILDREN[entity].id == entity_id)).first()
    elif entity == Person.__tablename__:
        person_id = entity_id
    elif entity in PERSON_CHILDREN:
        model = PERSON_CHILDREN[entity]
        person_id = db.exec(select(model.person_id).where(  # type: ignore[attr-defined]
            model.id == entity_id)).first()
    elif entity in HOUSEHOLD_CHILDREN:
        model = HOUSEHOLD_CHILDREN[entity]
        household_id = db.exec(select(model.household_id).where(  # type: ignore[attr-defined]
            model.id == entity_id)).first()
        if model is HouseholdMember:
            person_id = db.exec(select(HouseholdMember.person_id).where(
                HouseholdMember.id == entity_id)).first()
    elif entity == "household":
        household_id = entity_id
    name = ""
    if person_id is not None:
        person = db.get(Person, person_id)
        name = display_name(person) if person is not None else ""
        if household_id is None:
            household_id = db.exec(select(HouseholdMember.household_id).where(
                HouseholdMember.person_id == person_id)
                .order_by(HouseholdMember.deleted_at.is_not(None))).first()  # type: ignore[union-attr]
    if case_id is None and household_id is not None:
        case_id = db.exec(select(CaseFile.id).where(CaseFile.household_id == household_id)
                          .order_by(CaseFile.deleted_at.is_not(None))).first()  # type: ignore[union-attr]
    case = db.get(CaseFile, case_id) if case_id is not None else None
    return RecordPlace(case_id=case.id if case else None,
                       file_number=case.file_number if case else "", person=name)


def open_conflicts_by_case(db: Session, actor: Actor) -> Counter[uuid.UUID]:
    """Case id -> how many open conflicts its records have that ``actor`` may know of (a
    handful at most: cheap)."""
    counts: Counter[uuid.UUID] = Counter()
    rows = db.exec(select(SyncConflict.entity, SyncConflict.entity_id).where(
        SyncConflict.status == ConflictStatus.OPEN,
        SyncConflict.deleted_at.is_(None))).all()  # type: ignore[union-attr]
    for entity, entity_id in rows:
        model = ALL_MODELS.get(entity)
        if record_hidden(actor, entity, db.get(model, entity_id) if model else None):
            continue
        case_id = place_of(db, entity, entity_id).case_id
        if case_id is not None:
            counts[case_id] += 1
    return counts
