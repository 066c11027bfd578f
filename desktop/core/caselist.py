"""The case list: ids in the requested order and filter, rows loaded on demand.

Built for 100,000 persons: ``ids`` returns only identifiers (one indexed query), and ``rows``
loads the few dozen rows a screen shows.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session

from desktop.core.enums import CaseStatus, Relationship
from desktop.core.limits import QUERY_WORDS_MAX, query_words
from desktop.core.models import CaseFile, HouseholdMember, Person, PersonNameKey, UserAccount
from desktop.core.names import skeleton, tokens
from desktop.core.record_place import open_conflicts_by_case
from desktop.core.roles import Actor, Permission
from desktop.core.search import display_name

SORT_KEYS = ("file_number", "name", "members", "status", "opened_on", "worker")


@dataclass(frozen=True)
class CaseRow:
    case_id: uuid.UUID
    file_number: str
    head_name: str
    members: int
    status: CaseStatus
    to_be_completed: bool
    opened_on: date
    worker: str
    conflicts: int = 0  # open sync conflicts on the case's records (a badge in the list)
    # The head was anonymised (retention, erasure): no name left, the list says so in words.
    head_anonymised: bool = False


class CaseListService:
    def __init__(self, engine: Engine, actor: Actor) -> None:
        self.engine = engine
        self.actor = actor

    def _head(self):
        member = aliased(HouseholdMember)
        head = aliased(Person)
        return member, head

    def count(self) -> int:
        self.actor.require(Permission.VIEW_CASES)
        with Session(self.engine) as db:
            return db.execute(
                select(func.count()).select_from(CaseFile).where(CaseFile.deleted_at.is_(None))
            ).scalar_one()

    def ids(
        self,
        sort: str = "file_number",
        descending: bool = False,
        filter_text: str = "",
        status: CaseStatus | None = None,
    ) -> list[str]:
        """Case ids as hex strings (cheap to hold by the hundred thousand; ``rows`` takes
        them back)."""
        self.actor.require(Permission.VIEW_CASES)
        if sort not in SORT_KEYS:
            raise ValueError(f"unknown sort key {sort!r}")
        member, head = self._head()
        # lower(hex(id)): the 16-byte key as text, without building 100,000 UUID objects.
        query = select(func.lower(func.hex(CaseFile.id))).where(CaseFile.deleted_at.is_(None))
        if status is not None:
            query = query.where(CaseFile.status == status)
        query = self._filtered(query, filter_text)
        if sort == "name":
            query = query.outerjoin(
                member,
                and_(
                    member.household_id == CaseFile.household_id,
                    member.relationship == Relationship.HEAD,
                    member.deleted_at.is_(None),
                ),
            ).outerjoin(head, head.id == member.person_id)
            order = [head.surname_lat, head.given_name_lat]
        elif sort == "members":
            count = (
                select(func.count())
                .where(
                    HouseholdMember.household_id == CaseFile.household_id,
                    HouseholdMember.deleted_at.is_(None),
                )
                .scalar_subquery()
            )
            order = [count]
        elif sort == "worker":
            query = query.outerjoin(UserAccount, UserAccount.id == CaseFile.assigned_worker_id)
            order = [UserAccount.display_name]
        else:
            order = [getattr(CaseFile, sort)]
        if sort != "file_number":  # the tie-break; twice, SQLite sorts the ids a second time
            order.append(CaseFile.file_number)
        query = query.order_by(*[c.desc() if descending else c.asc() for c in order])
        with Session(self.engine) as db:
            return list(db.execute(query).scalars())

    def _filtered(self, query, filter_text: str):
        text = query_words(filter_text)  # as the search: 200 characters, 10 words
        if not text:
            return query
        if text[0].isdigit():
            return query.where(CaseFile.file_number.like(f"{text}%"))
        for word in tokens(text)[:QUERY_WORDS_MAX]:  # one subquery each
            key = skeleton(word)
            if not key or key == "_":
                continue
            households = (
                select(HouseholdMember.household_id)
                .join(PersonNameKey, PersonNameKey.person_id == HouseholdMember.person_id)
                .where(PersonNameKey.key >= key, PersonNameKey.key < key + "\uffff")
            )
            query = query.where(CaseFile.household_id.in_(households))
        return query

    def rows(self, case_ids: list[str]) -> dict[str, CaseRow]:
        """The rows of the given case ids (as returned by ``ids``), keyed the same way."""
        self.actor.require(Permission.VIEW_CASES)
        if not case_ids:
            return {}
        wanted = [uuid.UUID(hex=case_id) for case_id in case_ids]
        member, head = self._head()
        with Session(self.engine) as db:
            # Columns, not objects: a screen of rows is read at every scroll and after login.
            cases = db.execute(
                select(CaseFile.id, CaseFile.file_number, CaseFile.household_id,
                       CaseFile.status, CaseFile.to_be_completed, CaseFile.opened_on,
                       head.id.label("head_id"), head.surname_lat, head.given_name_lat,
                       head.surname_cyr, head.given_name_cyr, head.anonymised_at,
                       UserAccount.display_name)
                .outerjoin(
                    member,
                    and_(
                        member.household_id == CaseFile.household_id,
                        member.relationship == Relationship.HEAD,
                        member.deleted_at.is_(None),
                    ),
                )
                .outerjoin(head, head.id == member.person_id)
                .outerjoin(UserAccount, UserAccount.id == CaseFile.assigned_worker_id)
                .where(CaseFile.id.in_(wanted))
            ).all()
            households = [case.household_id for case in cases]
            counts = dict(
                db.execute(
                    select(HouseholdMember.household_id, func.count())
                    .where(
                        HouseholdMember.household_id.in_(households),
                        HouseholdMember.deleted_at.is_(None),
                    )
                    .group_by(HouseholdMember.household_id)
                ).all()
            )
            conflicts = open_conflicts_by_case(db, self.actor)
        return {
            case.id.hex: CaseRow(
                case_id=case.id,
                file_number=case.file_number,
                head_name=display_name(case) if case.head_id is not None else "",
                members=counts.get(case.household_id, 0),
                status=case.status,
                to_be_completed=case.to_be_completed,
                opened_on=case.opened_on,
                worker=case.display_name or "",
                conflicts=conflicts.get(case.id, 0),
                head_anonymised=case.head_id is not None and case.anonymised_at is not None,
            )
            for case in cases
        }
