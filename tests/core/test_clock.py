"""Services take the date from one injectable clock, asked each time: a window left open
past midnight opens the next file on the new date (and in the new year)."""

from datetime import UTC, date, datetime, timedelta

from sqlmodel import Session

from desktop.core.intake_input import HouseholdInput
from desktop.core.models import CaseFile
from desktop.services import Services
from tests.core.test_intake import mother


class MovableClock:
    """Time that a test moves forward by hand."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment

    def today(self) -> date:
        return self.moment.date()


def test_a_session_open_past_midnight_opens_new_files_on_the_new_date(session):
    clock = MovableClock(datetime(2026, 12, 31, 23, 58, tzinfo=UTC))
    services = Services.for_session(session, clock=clock)  # signed in on New Year's Eve
    first = services.intake.register(HouseholdInput(members=[mother()]))
    clock.moment += timedelta(minutes=5)  # still signed in, now in 2027
    second = services.intake.register(HouseholdInput(members=[mother(phone="+32 470 99 99 99")]))
    with Session(session.engine) as db:
        before, after = db.get(CaseFile, first), db.get(CaseFile, second)
    assert (before.opened_on, before.file_number) == (date(2026, 12, 31), "2026/000001")
    assert (after.opened_on, after.file_number) == (date(2027, 1, 1), "2027/000001")


def test_worklists_and_case_dates_follow_the_clock_too(session):
    clock = MovableClock(datetime(2026, 3, 1, 12, tzinfo=UTC))
    services = Services.for_session(session, clock=clock)
    clock.moment += timedelta(days=2)
    assert services.worklists.today == date(2026, 3, 3)
    assert services.case_files.today == date(2026, 3, 3)
    assert services.imports.today == date(2026, 3, 3)
    assert services.people.rules.today == date(2026, 3, 3)
