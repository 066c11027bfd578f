"""Two desktops whose clocks are a day wrong, one ahead and one behind: the central orders
their changes as they reach it, not by the times their clocks stamped; nothing is lost; a
conflict shows each side's time as its desktop stamped it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session, select

from desktop.core.enums import OutboxStatus
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import Person, SyncOutbox
from desktop.core.uow import set_clock
from desktop.sync.conflicts import open_conflicts
from tests.core.test_intake import child, mother
from tests.sync.organisation import first_desktop, joined_desktop, organisation
from tests.sync.test_scenarios import edit, everyone_syncs, person

DAY = timedelta(days=1)


class SkewedClock:
    """The machine's clock moved by ``offset``: a laptop set to the wrong day."""

    def __init__(self, offset: timedelta) -> None:
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset

    def today(self) -> date:
        return self.now().date()


@pytest.fixture
def skewed(central, tmp_path):
    refnis = organisation(central)
    a = first_desktop(central, tmp_path, refnis)
    a.services.intake.register(HouseholdInput(members=[mother(), child()]))
    a.sync()
    b = joined_desktop(central, tmp_path, refnis, "b")
    set_clock(a.session.engine, SkewedClock(DAY))  # a day ahead
    set_clock(b.session.engine, SkewedClock(-DAY))  # a day behind
    yield a, b
    a.close()
    b.close()


def test_the_later_edit_wins_even_when_its_clock_says_two_days_earlier(skewed):
    a, b = skewed
    yuliia = person(a).id
    edit(a, yuliia, phone="+32 470 00 00 0A")
    a.sync()
    b.sync()  # b sees a's phone, then changes it again
    edit(b, yuliia, phone="+32 470 00 00 0B")
    assert person(b).updated_at < person(a).updated_at - DAY  # b's stamp is the older
    everyone_syncs(b, a)
    for place in (a, b):
        assert person(place).phone == "+32 470 00 00 0B"
        assert open_conflicts(place.session.engine) == []
    assert a.records() == b.records()


def test_offline_work_on_both_skewed_desktops_is_all_kept(skewed):
    a, b = skewed
    yuliia = person(a).id
    edit(a, yuliia, phone="+32 470 00 00 01")
    edit(b, yuliia, email="yuliia@example.org")
    for place in (a, b):
        place.services.intake.register(HouseholdInput(members=[mother(), child()]))
    everyone_syncs(b, a)
    for place in (a, b):
        with Session(place.session.engine) as db:
            kept = db.get(Person, yuliia)  # the intakes brought namesakes
            assert (kept.phone, kept.email) == ("+32 470 00 00 01", "yuliia@example.org")
            assert {r.status for r in db.exec(select(SyncOutbox))} == {OutboxStatus.SENT}
    assert len(a.file_numbers()) == 3
    assert a.records() == b.records()


def test_a_conflict_between_skewed_desktops_shows_both_times_as_stamped(skewed):
    a, b = skewed
    yuliia = person(a).id
    edit(a, yuliia, phone="+32 470 00 00 0A")
    edit(b, yuliia, phone="+32 470 00 00 0B")
    stamped_a, stamped_b = person(a).updated_at, person(b).updated_at
    assert stamped_a - stamped_b > DAY  # two days apart by their clocks
    a.sync()
    assert b.sync().pushed.get("conflict") == 1  # b came second: its edit is the one parked
    a.sync()
    for place in (a, b):
        (conflict,) = open_conflicts(place.session.engine)
        assert (conflict.theirs, conflict.mine) == ("+32 470 00 00 0A", "+32 470 00 00 0B")
        assert _utc(conflict.theirs_at) == _utc(stamped_a)
        assert _utc(conflict.mine_at) == _utc(stamped_b)
    assert a.records() == b.records()


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
