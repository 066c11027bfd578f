"""Random work on several desktops of one organisation against one real central, with
answers lost on the way back (tests/sync/answer_drop.py). After everyone syncs (twice):
every replica equals the central, and every change of every outbox ended applied, merged,
in conflict or rejected on the central — none lost, none twice.

Used by tests/sync/test_property.py (a few examples) and bench/sync_property.py (many)."""

from __future__ import annotations

import itertools
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule
from sqlalchemy import select
from sqlmodel import Session

from central import models as central_models
from desktop.core.enums import OutboxStatus
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import Person, SyncOutbox
from desktop.core.uow import UnitOfWork
from desktop.sync.client import SyncClient
from desktop.sync.device_token import DeviceToken
from desktop.sync.engine import SyncEngine
from desktop.sync.entities import synced_models
from desktop.sync.errors import SyncError
from tests.core.test_intake import child, mother
from tests.sync.answer_drop import AnswerDropRelay
from tests.sync.organisation import Place, first_desktop, joined_desktop, organisation

FINAL = {"applied", "merged", "conflict", "rejected"}
PHONES = ["+32 470 00 00 01", "+32 470 00 00 02", "+32 470 00 00 03"]
EMAILS = ["a@example.org", "b@example.org"]


class Run:
    """Where the machine works, set before it runs: the central (with an ``engine`` on its
    database), a folder, how many desktops; and what the examples exercised."""

    central: Any = None
    folder: Path | None = None
    desktops: int = 2
    counter = itertools.count()
    stats: Counter[str] = Counter()


class SyncMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        central, folder = Run.central, Run.folder
        assert central is not None and folder is not None
        here = folder / f"example-{next(Run.counter)}"
        self.refnis = organisation(central)
        first = first_desktop(central, here, self.refnis)
        # A household every desktop has from the start: where their edits can meet.
        first.services.intake.register(HouseholdInput(members=[mother(), child()]))
        first.sync()
        self.places: list[Place] = [first]
        for n in range(1, Run.desktops):
            self.places.append(joined_desktop(central, here, self.refnis, f"d{n}"))
        self.relay = AnswerDropRelay(central.url)
        Run.stats["examples"] += 1

    # -- what people do ------------------------------------------------------------------

    desktop = st.integers(min_value=0, max_value=2)

    def _place(self, n: int) -> Place:
        return self.places[n % len(self.places)]

    def _people(self, place: Place) -> list[uuid.UUID]:
        with Session(place.session.engine) as db:
            return sorted(db.scalars(select(Person.id).where(Person.deleted_at.is_(None))))

    @rule(n=desktop)
    def intake(self, n: int) -> None:
        self._place(n).services.intake.register(HouseholdInput(members=[mother(), child()]))
        Run.stats["steps"] += 1

    @rule(n=desktop, data=st.data(), change=st.one_of(
        st.tuples(st.just("phone"), st.sampled_from(PHONES)),
        st.tuples(st.just("email"), st.sampled_from(EMAILS))))
    def edit(self, n: int, data: st.DataObject, change: tuple[str, str]) -> None:
        place = self._place(n)
        people = self._people(place)
        Run.stats["steps"] += 1
        if not people:
            return
        # The oldest few: the people every desktop has, where edits meet.
        chosen = data.draw(st.sampled_from(people[:3]))
        with UnitOfWork(place.session.engine, place.session.actor) as uow:
            uow.update(uow.session.get(Person, chosen), **{change[0]: change[1]})

    @rule(n=desktop, data=st.data())
    def delete(self, n: int, data: st.DataObject) -> None:
        place = self._place(n)
        people = self._people(place)
        Run.stats["steps"] += 1
        if not people:
            return
        chosen = data.draw(st.sampled_from(people))
        with UnitOfWork(place.session.engine, place.session.actor) as uow:
            uow.delete(uow.session.get(Person, chosen))

    @rule(n=desktop)
    def sync(self, n: int) -> None:
        self._sync(self._place(n))
        Run.stats["steps"] += 1

    @precondition(lambda self: any(self._pending(p) for p in self.places))
    @rule(n=desktop)
    def sync_and_lose_the_push_answer(self, n: int) -> None:
        """The central commits the batch; its answer never reaches the desktop."""
        place = self._place(n)
        self.relay.drop_next_push_answer()
        before = self.relay.dropped
        self._sync(place)
        self.relay.disarm()
        Run.stats["steps"] += 1
        Run.stats["faults"] += self.relay.dropped - before

    # -- syncing and checking ------------------------------------------------------------

    def _pending(self, place: Place) -> int:
        with Session(place.session.engine) as db:
            return len(db.exec(select(SyncOutbox.seq).where(
                SyncOutbox.status == OutboxStatus.PENDING)).all())

    def _sync(self, place: Place) -> None:
        client = SyncClient(self.relay.url, DeviceToken(place.vault.paths).require())
        try:
            SyncEngine(place.session.engine, client, sleep=lambda _: None).run()
        except SyncError as error:  # a lost answer is retried inside run(); nothing else
            raise AssertionError(f"sync failed: {error.code}") from error
        place.session.refresh_sealed_keys()

    def teardown(self) -> None:
        try:
            for place in (*self.places, *self.places):
                self._sync(place)
            self._check()
        finally:
            self.relay.close()
            for place in self.places:
                place.close()

    def _check(self) -> None:
        central = self._central_records()
        for place in self.places:
            assert place.records() == central
        with Session(Run.central.engine) as db:
            org = db.execute(select(central_models.organisation.c.id).where(
                central_models.organisation.c.refnis == self.refnis)).scalar_one()
            handled = {str(row.change_id): row.result for row in db.execute(
                select(central_models.change).where(
                    central_models.change.c.organisation_id == org))}
        sent: list[str] = []
        for place in self.places:
            with Session(place.session.engine) as db:
                for row in db.scalars(select(SyncOutbox)):
                    assert row.status != OutboxStatus.PENDING, row
                    sent.append(str(row.change_id))
        # Every change once (change ids are unique across desktops and the central keeps
        # one answer per id), each with a final answer; nothing handled that no one sent.
        assert len(sent) == len(set(sent))
        assert set(sent) == set(handled)
        for change_id in sent:
            result = handled[change_id]
            outcome = result.get("result") if isinstance(result, dict) else result
            assert outcome in FINAL, (change_id, result)
            Run.stats[outcome] += 1

    def _central_records(self) -> dict[tuple[str, str], dict[str, Any]]:
        entities = set(synced_models())
        table = central_models.record
        with Session(Run.central.engine) as db:
            org = db.execute(select(central_models.organisation.c.id).where(
                central_models.organisation.c.refnis == self.refnis)).scalar_one()
            rows = db.execute(select(table).where(table.c.organisation_id == org)).all()
        return {(row.entity, str(row.id)): {**row.values, "_version": row.version,
                                            "_deleted": row.deleted}
                for row in rows if row.entity in entities}
