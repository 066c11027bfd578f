"""Synthetic households, persons and cases that look like the real population.

About 65% women and 38% minors, households of one to seven, Ukrainian (and some Russian) names
in Cyrillic with their Latin spellings (``surnames``, ``people_names``), documents and dates
along the administrative path, cases in every status. The same seed gives the same data.
Never real people.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core import file_numbers
from desktop.core.collector import collector_paused
from desktop.core.dates import iso_partial
from desktop.core.demo import material as names
from desktop.core.demo.people_names import given_name, person_name
from desktop.core.demo.surnames import (
    HOUSEHOLD_SIZE_WEIGHTS,
    HOUSEHOLD_SIZES,
    RUSSIAN_HOUSEHOLDS,
    family_name,
)
from desktop.core.enums import (
    REFERRAL_OUTCOMES,
    AccommodationType,
    CaseStatus,
    ClosureReason,
    DatePrecision,
    DocumentType,
    NationalNumberKind,
    NeedArea,
    NoteAudience,
    ReferralStatus,
    Relationship,
    Role,
    Sex,
    SpecificNeedType,
)
from desktop.core.identifiers import make_nrn
from desktop.core.intake_records import RecordBatch
from desktop.core.models import (
    Accommodation,
    CaseFile,
    Household,
    HouseholdMember,
    IdentityDocument,
    Note,
    PartnerService,
    Person,
    ProtectionStatus,
    Referral,
    SpecificNeed,
    Task,
    UserAccount,
)
from desktop.core.names import normal
from desktop.core.reference import reference_data
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork

Progress = Callable[[int, int], None]
TODAY = date(2026, 11, 27)  # fixed, so the same seed gives the same data on any day
A_CARD_END = date(2027, 3, 4)
HOUSEHOLDS_PER_BATCH = 2000
# The statuses demo referrals were drawn from before waiting and no show existed.
FIRST_STATUSES = (ReferralStatus.PROPOSED, ReferralStatus.SENT, ReferralStatus.ACCEPTED,
                  ReferralStatus.COMPLETED, ReferralStatus.DECLINED)


class DemoGenerator:
    def __init__(self, engine: Engine, actor: Actor) -> None:
        self.engine = engine
        self.actor = actor
        self._series = ""  # the desktop's file-number series, read when generating
        self._partners: list[tuple[uuid.UUID, str]] = []  # the directory's, to refer to
        self._side = random.Random(0)  # draws added later, apart from the households' own
        self._names: set[tuple[str, str, str]] = set()  # (surname, given name, birth) keys
        self._households = 0

    @collector_paused()  # millions of short-lived rows: core/collector.py
    def generate(self, persons: int, seed: int = 1, progress: Progress | None = None) -> int:
        """Adds about ``persons`` persons (whole households); returns how many were added."""
        self.actor.require(Permission.GENERATE_DEMO_DATA)
        rng = random.Random(seed)
        self._side = random.Random(seed + 1_000_003)
        self._households = 0  # made in this run
        with Session(self.engine) as db:
            workers = list(
                db.execute(
                    select(UserAccount.id).where(
                        UserAccount.role == Role.SOCIAL_WORKER, UserAccount.active
                    )
                ).scalars()
            )
            sequence = db.execute(select(func.count()).select_from(CaseFile)).scalar_one()
            # Each desktop's own series: demo households made on two offline desktops of one
            # organisation never share a reference (unique) once they meet.
            self._series = file_numbers.device_series(db)
            self._names = set()
            for row in db.execute(select(
                    Person.surname_cyr, Person.given_name_cyr, Person.surname_lat,
                    Person.given_name_lat, Person.birth_date, Person.birth_precision)):
                self._namesake(tuple(row[:4]), row.birth_date, row.birth_precision)
            self._partners = [tuple(row) for row in db.execute(
                select(PartnerService.id, PartnerService.name).where(
                    PartnerService.listed, PartnerService.deleted_at.is_(None))
                .order_by(PartnerService.id))]
        municipalities = sorted(reference_data().municipalities)
        org_refnis = self._org_refnis()
        made = 0
        while made < persons:
            batch = RecordBatch()
            for _ in range(HOUSEHOLDS_PER_BATCH):
                if made >= persons:
                    break
                sequence += 1
                made += self._household(
                    batch, rng, persons - made, sequence, workers, org_refnis, municipalities,
                )
            with UnitOfWork(self.engine, self.actor) as uow:
                self._number_cases(uow, batch)
                batch.write(uow)
            if progress:
                progress(min(made, persons), persons)
        return made

    def _number_cases(self, uow: UnitOfWork, batch: RecordBatch) -> None:
        """File numbers run per year of opening (2024/000001, 2024/000002, ...), taken under
        the unit of work's lock like an intake's, in the order the cases were made."""
        cases = batch.rows.get(CaseFile, [])
        for year in sorted({case["opened_on"].year for case in cases}):
            of_year = [case for case in cases if case["opened_on"].year == year]
            numbers = file_numbers.take_many(uow.session, self.actor.organisation_id, year,
                                             len(of_year))
            for case, number in zip(of_year, numbers, strict=True):
                case["file_number"] = number

    def _org_refnis(self) -> str:
        from desktop.core.models import Organisation

        with Session(self.engine) as db:
            org = db.get(Organisation, self.actor.organisation_id) if self.actor.organisation_id \
                else None
        return org.refnis if org else "21004"

    # -- one household ----------------------------------------------------------------------

    def _household(
        self, batch: RecordBatch, rng: random.Random, room: int, sequence: int,
        workers: list[uuid.UUID], org_refnis: str, municipalities: list[str],
    ) -> int:
        size = min(room, rng.choices(HOUSEHOLD_SIZES, weights=HOUSEHOLD_SIZE_WEIGHTS)[0])
        russian = rng.random() < RUSSIAN_HOUSEHOLDS
        org_id = self.actor.organisation_id
        household = batch.add(Household, organisation_id=org_id,
                              reference=f"H{self._series}{sequence:06d}",
                              members_in_ukraine=rng.choices([0, 1, 2], [70, 22, 8])[0])
        family = family_name(rng, russian, self._households)
        self._households += 1
        arrival = date(2022, 3, 1) + timedelta(days=int(rng.triangular(0, 1700, 60)))
        members = self._composition(rng, size)
        father = given_name(rng, russian, female=False)
        for index, (relationship, sex, age) in enumerate(members):
            person = self._person(batch, rng, russian, family, father, sex, age, arrival)
            batch.add(
                HouseholdMember, household_id=household, person_id=person,
                relationship=relationship, dependant=age < 18 or age >= 75,
                still_in_ukraine=False,
            )
            if index == 0 and rng.random() < 0.05:
                batch.add(SpecificNeed, person_id=person, need_type=SpecificNeedType.SINGLE_PARENT,
                          details="", urgent=False)
        self._accommodation(batch, rng, household, org_refnis, arrival)
        self._case(batch, rng, household, arrival, workers, municipalities,
                   _needs(random.Random(f"{sequence}:{arrival}"),
                          [age - (TODAY - arrival).days / 365.25 for _, _, age in members]))
        return size

    def _composition(self, rng: random.Random, size: int) -> list[tuple[Relationship, Sex, int]]:
        """Mostly women with children; some couples, grandparents, older persons alone."""
        if size == 1:
            sex = Sex.FEMALE if rng.random() < 0.76 else Sex.MALE
            return [(Relationship.HEAD, sex, _between(rng, 18, 88))]
        head_sex = Sex.FEMALE if rng.random() < 0.86 else Sex.MALE
        head_age = _between(rng, 24, 58)
        members = [(Relationship.HEAD, head_sex, head_age)]
        other_sex = Sex.MALE if head_sex == Sex.FEMALE else Sex.FEMALE
        if rng.random() < 0.2:
            members.append((Relationship.SPOUSE, other_sex,
                            max(18, head_age + _between(rng, -5, 5))))
        if len(members) < size and rng.random() < 0.2:
            grandparent_sex = Sex.FEMALE if rng.random() < 0.8 else Sex.MALE
            members.append((Relationship.PARENT, grandparent_sex,
                            min(95, head_age + _between(rng, 22, 35))))
        if len(members) < size and rng.random() < 0.08:
            members.append((Relationship.SIBLING, Sex.FEMALE if rng.random() < 0.7 else Sex.MALE,
                            max(18, head_age + _between(rng, -8, 8))))
        while len(members) < size:
            if head_age > 50 and rng.random() < 0.4:
                # Older heads travel with adult children and grandchildren.
                members.append((Relationship.CHILD, Sex.FEMALE if rng.random() < 0.7 else Sex.MALE,
                                _between(rng, 18, max(18, head_age - 20))))
                continue
            child_age = max(0, min(head_age - 18, _between(rng, 0, 17)))
            members.append((Relationship.CHILD, rng.choice([Sex.FEMALE, Sex.MALE]), child_age))
        return members[:size]

    def _person(
        self, batch: RecordBatch, rng: random.Random, russian: bool, family_name: tuple[str, str],
        father: str, sex: Sex, age: int, arrival: date,
    ) -> uuid.UUID:
        name = person_name(rng, russian, sex == Sex.FEMALE, family_name, father)
        birth = TODAY - timedelta(days=age * 365 + _between(rng, 0, 364))
        journey = arrival - timedelta(days=10)  # left Ukraine at the earliest
        if birth > journey - timedelta(days=30):
            # A child of that age would be born in Belgium, yet the intake (rightly) refuses
            # a birth after leaving Ukraine: born before the journey, a little older.
            birth = journey - timedelta(days=_between(rng, 30, 364))
        precision = rng.choices(list(DatePrecision), weights=[96, 2, 2])[0]
        birth = _known_part(birth, precision)
        # Two persons of the same names born the same day are the same person to an import
        # (and to a worker): a synthetic namesake is born a little earlier instead.
        while self._namesake((name.surname, name.given, name.surname_lat, name.given_lat),
                             birth, precision):
            birth = _known_part(birth - timedelta(days=1), precision)
        city, oblast = rng.choice(names.CITIES)
        registered = arrival + timedelta(days=_between(rng, 1, 30))
        has_nrn = rng.random() < 0.7 and precision == DatePrecision.DAY
        serial = rng.randrange(1 if sex == Sex.MALE else 2, 998, 2)
        languages = ["ru", "uk"] if russian else (["uk", "ru"] if rng.random() < 0.6 else ["uk"])
        if rng.random() < 0.25:
            languages.append("en")
        person = batch.add(
            Person,
            organisation_id=self.actor.organisation_id,
            surname_cyr=name.surname, given_name_cyr=name.given, patronymic_cyr=name.patronymic,
            surname_lat=name.surname_lat, given_name_lat=name.given_lat,
            patronymic_lat=name.patronymic_lat, other_spellings=list(name.other_spellings),
            sex=sex, birth_date=birth, birth_precision=precision, birth_place=city,
            birth_oblast=oblast, nationality="UKR" if rng.random() < 0.96 else "RUS",
            civil_status="", languages=languages, interpreter_needed=rng.random() < 0.4,
            phone=f"+32 4{_between(rng, 60, 99)} {_between(rng, 10, 99)} {_between(rng, 10, 99)} "
                  f"{_between(rng, 10, 99)}" if age >= 16 and rng.random() < 0.7 else "",
            email="", messaging="", contact_consent=age >= 16 and rng.random() < 0.8,
            national_number=make_nrn(birth, serial) if has_nrn else None,
            national_number_kind=NationalNumberKind.NRN if has_nrn else None,
            arrived_on=arrival, left_ukraine_on=arrival - timedelta(days=_between(rng, 1, 10)),
            last_place_in_ukraine=city,
        )
        if age >= 16:
            # Issued at 16 at the earliest, valid ten years: some have already expired.
            issued = max(birth + timedelta(days=16 * 366),
                         TODAY - timedelta(days=_between(rng, 30, 4000)))
            batch.add(IdentityDocument, person_id=person, document_type=DocumentType.PASSPORT,
                      number=f"{rng.choice(['FA', 'FB', 'FC', 'EK', 'EM', 'GA'])}"
                             f"{_between(rng, 100000, 999999)}",
                      country="UKR", issued_on=min(issued, TODAY),
                      expires_on=min(issued, TODAY) + timedelta(days=3652))
        else:
            batch.add(IdentityDocument, person_id=person,
                      document_type=DocumentType.BIRTH_CERTIFICATE,
                      number=f"I-{rng.choice(['ЖК', 'КИ', 'ХА'])} {_between(rng, 100000, 999999)}",
                      country="UKR", issued_on=birth + timedelta(days=20), expires_on=None)
        a_card = registered + timedelta(days=_between(rng, 20, 120))
        batch.add(
            ProtectionStatus, person_id=person, attestation_on=registered,
            annex15_issued_on=registered, annex15_expires_on=registered + timedelta(days=45),
            a_card_number=f"B{_between(rng, 10**9, 10**10 - 1)}" if a_card < TODAY else "",
            a_card_issued_on=a_card if a_card < TODAY else None,
            a_card_expires_on=A_CARD_END if a_card < TODAY else None,
        )
        if rng.random() < 0.1:
            need = rng.choice([n for n in SpecificNeedType if n != SpecificNeedType.SINGLE_PARENT])
            batch.add(SpecificNeed, person_id=person, need_type=need, details="",
                      urgent=rng.random() < 0.2)
        return person

    def _namesake(self, names: tuple[str, str, str, str], birth: date,
                  precision: DatePrecision) -> bool:
        """Whether a person of these names (surname and given name in Cyrillic, then in
        Latin) and birth date was made already; else noted. The keys are the import's own
        (core/names.normal, in both scripts)."""
        born = iso_partial(birth, precision)
        surname, given, surname_lat, given_lat = names
        keys = {(normal(surname), normal(given), born),
                (normal(surname_lat), normal(given_lat), born)}
        if keys & self._names:
            return True
        self._names |= keys
        return False

    def _accommodation(self, batch: RecordBatch, rng: random.Random, household: uuid.UUID,
                       refnis: str, arrival: date) -> None:
        kind = rng.choices(list(AccommodationType), weights=[35, 20, 40, 5, 0])[0]  # 0: unknown
        batch.add(
            Accommodation, household_id=household, accommodation_type=kind,
            host_name="" if kind != AccommodationType.HOST_FAMILY else "Famille d'accueil",
            street=f"Rue {_between(rng, 1, 400)}", postal_code="",
            municipality_refnis=refnis,
            from_date=arrival + timedelta(days=_between(rng, 0, (TODAY - arrival).days)),
        )

    def _case(
        self, batch: RecordBatch, rng: random.Random, household: uuid.UUID,
        arrival: date, workers: list[uuid.UUID],
        municipalities: list[str], needs: list[str],
    ) -> None:
        opened = min(TODAY, arrival + timedelta(days=_between(rng, 1, 40)))
        status = rng.choices(list(CaseStatus), weights=[45, 35, 20])[0]
        reason = rng.choice(list(ClosureReason)) if status == CaseStatus.CLOSED else None
        case = batch.add(
            CaseFile, organisation_id=self.actor.organisation_id, household_id=household,
            file_number=None,  # numbered when written: _number_cases
            status=status, closure_reason=reason,
            destination_refnis=rng.choice(municipalities) if reason == ClosureReason.MOVED
            else None,
            assigned_worker_id=rng.choice(workers) if workers and rng.random() < 0.9 else None,
            opened_on=opened,
            closed_on=min(TODAY, opened + timedelta(days=_between(rng, 30, 700)))
            if status == CaseStatus.CLOSED else None,
            to_be_completed=status == CaseStatus.OPEN and rng.random() < 0.1,
            needs=needs,
        )
        if rng.random() < 0.3:
            batch.add(Note, case_id=case, audience=rng.choice(list(NoteAudience)),
                      body="Note de suivi (données de démonstration).")
        if status != CaseStatus.CLOSED and rng.random() < 0.4:
            batch.add(Task, case_id=case, title=rng.choice(names.TASK_TITLES),
                      due_on=TODAY + timedelta(days=_between(rng, -10, 60)),
                      assignee_id=rng.choice(workers) if workers else None, done_at=None)
        if rng.random() < 0.2:
            # The same two draws as before the directory, so a seed still gives the same
            # households; what the directory and the newer statuses add comes from ``side``.
            partner = rng.choice(names.PARTNERS)
            status = rng.choice(FIRST_STATUSES)
            side = self._side
            if status == ReferralStatus.SENT and side.random() < 0.3:
                status = ReferralStatus.WAITING
            elif status == ReferralStatus.DECLINED and side.random() < 0.4:
                status = ReferralStatus.NO_SHOW
            partner_id = None
            if self._partners:
                partner_id, partner = side.choice(self._partners)
            outcome_on = min(TODAY, opened + timedelta(days=_between(side, 3, 120))) \
                if status in REFERRAL_OUTCOMES else None
            batch.add(Referral, case_id=case, partner=partner, partner_id=partner_id,
                      purpose="", status=status, referred_on=opened, outcome_on=outcome_on)


def _between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint(low, high)`` without its argument checks: a third of its cost, and the
    demo draws some twenty per person."""
    return low + int(rng.random() * (high - low + 1))


# How often a household asks for help with each area at intake (synthetic, plausible).
NEED_ODDS = {NeedArea.INCOME: 0.7, NeedArea.LANGUAGE: 0.55, NeedArea.HOUSING: 0.35,
             NeedArea.WORK: 0.3, NeedArea.DOCUMENTS: 0.25, NeedArea.HEALTH: 0.2,
             NeedArea.PSYCHOSOCIAL: 0.1}


def _known_part(day: date, precision: DatePrecision) -> date:
    """The date as stored when only its month or its year is known."""
    if precision == DatePrecision.MONTH:
        return day.replace(day=1)
    if precision == DatePrecision.YEAR:
        return day.replace(month=1, day=1)
    return day


def _needs(rng: random.Random, ages: list[float]) -> list[str]:
    """The case's needs, fitting the household on arrival (``ages`` then): school with
    school-age children, childcare with small ones. Drawn from their own generator (seeded
    by the household) so the rest of the demo data stays what it was for a given seed."""
    odds = dict(NEED_ODDS)
    if any(3 <= age < 18 for age in ages):
        odds[NeedArea.SCHOOL] = 0.7
    if any(age < 3 for age in ages):
        odds[NeedArea.CHILDCARE] = 0.6
    return [need.value for need in NeedArea if rng.random() < odds.get(need, 0)]
