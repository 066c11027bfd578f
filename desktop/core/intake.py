"""Register a household from an intake: the social worker's full intake and the volunteer's
quick intake. Role rules are enforced here, whatever the form shows."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from desktop.core import file_numbers
from desktop.core.clock import Clock, clock_of
from desktop.core.errors import AccessDenied, ValidationError
from desktop.core.intake_input import HouseholdInput, cleaned
from desktop.core.intake_records import NewCase, RecordBatch, add_household
from desktop.core.intake_rules import IntakeRules, Problem
from desktop.core.notes import written_note_audience
from desktop.core.paper_reference import reference_taken
from desktop.core.reference import ReferenceData
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork


class IntakeRejected(ValidationError):
    """The intake still has problems; ``problems`` says where."""

    def __init__(self, problems: list[Problem]) -> None:
        first = problems[0]
        super().__init__(first.key, field=first.field, **first.params)
        self.problems = problems


class IntakeService:
    def __init__(self, engine: Engine, actor: Actor, reference: ReferenceData,
                 today: date | None = None, clock: Clock | None = None) -> None:
        self.engine, self.actor = engine, actor
        self.clock = clock_of(today, clock)
        self.rules = IntakeRules(reference, clock=self.clock)

    @property
    def today(self) -> date:
        """Asked each time: a session open past midnight uses the new date."""
        return self.clock.today()

    def check(self, household: HouseholdInput) -> list[Problem]:
        """What blocks registering."""
        return self.rules.household(cleaned(household))

    def warnings(self, household: HouseholdInput) -> list[Problem]:
        """What is odd but possible (ages that hardly fit the relationships): to be said
        beside the problems, never blocking."""
        return self.rules.warnings(cleaned(household))

    def register(self, household: HouseholdInput, quick: bool = False) -> uuid.UUID:
        """Create the household, its members and their records, and a case. Returns the case
        id. A quick intake (volunteers) makes a case marked "to be completed"."""
        self.actor.require(Permission.QUICK_INTAKE if quick else Permission.EDIT_CASES)
        # Controls and invisible characters never reach the records (core/text.py): a name
        # left empty by them is then "missing", like one never typed.
        household = cleaned(household)
        self._check_restricted(household)
        problems = self.check(household)
        if problems:
            raise IntakeRejected(problems)
        try:
            return self._write(household, quick)
        except IntegrityError as error:
            if not reference_taken(error):
                raise
            raise ValidationError("intake.paper_reference_used", field="paper_reference",
                                  reference=household.paper_reference) from error

    def _write(self, household: HouseholdInput, quick: bool) -> uuid.UUID:
        org = self.actor.organisation_id
        batch = RecordBatch()
        with UnitOfWork(self.engine, self.actor) as uow:
            case_id = add_household(batch, household, NewCase(
                organisation_id=org,
                file_number=file_numbers.take(uow.session, org, self.today.year),
                opened_on=self.today, quick=quick,
                worker_id=None if quick else self.actor.user_id,
                note_audience=written_note_audience(self.actor)))
            batch.write(uow)
        return case_id

    def _check_restricted(self, household: HouseholdInput) -> None:
        """Volunteers never write what they may not read: NRN, details of specific needs."""
        for member in household.members:
            if member.national_number.strip() and not self.actor.can(
                    Permission.VIEW_NATIONAL_NUMBER):
                raise AccessDenied("intake.national_number_forbidden")
            if member.specific_need_details.strip() and not self.actor.can(
                    Permission.VIEW_NEED_DETAILS):
                raise AccessDenied("intake.need_details_forbidden")
