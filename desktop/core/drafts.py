"""Unfinished intakes of the signed-in user: saved when a form closes, offered again at the
next login, removed once the intake is registered or discarded.

Drafts are scratch work, not records: they are neither synced nor audited, so they are
written here directly rather than through the unit of work. They live in the encrypted
database like everything else.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from desktop.core.enums import DraftKind
from desktop.core.errors import RelaisError
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import IntakeDraft, utcnow
from desktop.core.roles import Actor
from desktop.core.write_lock import locked_session


@dataclass(frozen=True)
class DraftSummary:
    draft_id: uuid.UUID
    kind: DraftKind
    saved_at: datetime
    label: str  # the first member's name as typed, to recognise the draft


class DraftService:
    def __init__(self, engine: Engine, actor: Actor) -> None:
        self.engine, self.actor = engine, actor

    def save(self, kind: DraftKind, household: HouseholdInput,
             draft_id: uuid.UUID | None = None) -> uuid.UUID:
        if self.actor.user_id is None:
            raise RelaisError("user.not_found")
        with locked_session(self.engine) as db:
            draft = db.get(IntakeDraft, draft_id) if draft_id else None
            if draft is None or draft.user_id != self.actor.user_id:
                draft = IntakeDraft(user_id=self.actor.user_id, kind=kind)
            draft.payload = household.to_dict()
            draft.saved_at = utcnow()
            db.add(draft)
        return draft.id

    def mine(self) -> list[DraftSummary]:
        with Session(self.engine) as db:
            drafts = db.exec(select(IntakeDraft).where(IntakeDraft.user_id == self.actor.user_id)
                             .order_by(IntakeDraft.saved_at.desc())).all()
        return [DraftSummary(d.id, d.kind, d.saved_at, _label(d.payload)) for d in drafts]

    def load(self, draft_id: uuid.UUID) -> HouseholdInput:
        with Session(self.engine) as db:
            draft = db.get(IntakeDraft, draft_id)
        if draft is None or draft.user_id != self.actor.user_id:
            raise RelaisError("draft.not_found")
        return HouseholdInput.from_dict(draft.payload)

    def discard(self, draft_id: uuid.UUID) -> None:
        with locked_session(self.engine) as db:
            db.execute(delete(IntakeDraft).where(IntakeDraft.id == draft_id,
                                                 IntakeDraft.user_id == self.actor.user_id))


def _label(payload: dict) -> str:
    members = payload.get("members") or [{}]
    first = members[0]
    names = [first.get("surname_lat") or first.get("surname_cyr") or "",
             first.get("given_name_lat") or first.get("given_name_cyr") or ""]
    return " ".join(n for n in names if n).strip()
