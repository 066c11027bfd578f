"""Monthly figures for coordination: counts only, small cells (under 5) suppressed, and
every table says whether it counts persons or files (federal figures count files,
statistics offices persons). Computed in SQL over the whole database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import String, and_, case, cast, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core.enums import (
    AccommodationType,
    AidCategory,
    CaseStatus,
    ClosureReason,
    Sex,
    SpecificNeedType,
)
from desktop.core.errors import RelaisError
from desktop.core.models import (
    Accommodation,
    AidDecision,
    CaseFile,
    HouseholdMember,
    Person,
    SpecificNeed,
)
from desktop.core.roles import Actor, Permission

AGE_BANDS = ((0, 2), (3, 5), (6, 11), (12, 17), (18, 24), (25, 64), (65, 200))
SUPPRESS_UNDER = 5
PERSONS, FILES = "persons", "files"


def band_label(band: tuple[int, int]) -> str:
    low, high = band
    return f"{low}+" if high >= 200 else f"{low}–{high}"


@dataclass
class FigureTable:
    key: str  # message key of the title
    unit: str  # PERSONS or FILES
    rows: list[str]  # row labels (values or keys, see row_prefix)
    columns: list[str]
    cells: list[list[int]]  # true counts; shown() suppresses small ones
    row_prefix: str = ""  # rows are enum values to translate with this prefix

    def shown(self) -> list[list[int | None]]:
        return [[None if 0 < value < SUPPRESS_UNDER else value for value in row]
                for row in self.cells]


@dataclass
class MonthlyFigures:
    month: str  # YYYY-MM
    first_day: date
    last_day: date
    tables: list[FigureTable] = field(default_factory=list)


HOUSEHOLD_TYPES = ("alone", "adults", "single_parent", "adults_with_children", "minors_only")


def _age(on: date):
    """Age in whole years on ``on``, computed by SQLite (NULL without a birth date)."""
    return (func.strftime("%Y", on.isoformat()) - func.strftime("%Y", Person.birth_date)
            - case((func.strftime("%m-%d", on.isoformat())
                    < func.strftime("%m-%d", Person.birth_date), 1), else_=0))


def month_bounds(month: str) -> tuple[date, date]:
    try:
        year, number = (int(x) for x in month.split("-"))
        first = date(year, number, 1)
    except ValueError:
        raise RelaisError("figures.bad_month", month=month) from None
    following = date(year + (number == 12), number % 12 + 1, 1)
    return first, date.fromordinal(following.toordinal() - 1)


class FiguresService:
    def __init__(self, engine: Engine, actor: Actor) -> None:
        self.engine, self.actor = engine, actor

    def monthly(self, month: str) -> MonthlyFigures:
        """Figures as they stand at the end of ``month`` (YYYY-MM)."""
        self.actor.require(Permission.VIEW_SOCIAL_NOTES)
        first, last = month_bounds(month)
        figures = MonthlyFigures(month, first, last)
        active = and_(CaseFile.deleted_at.is_(None), CaseFile.opened_on <= last,
                      (CaseFile.closed_on.is_(None)) | (CaseFile.closed_on >= first))
        with Session(self.engine) as db:
            figures.tables = [
                self._sex_by_age(db, active, last),
                self._files_by(db, active, "figures.household_size",
                               self._household_sizes(db, active)),
                self._household_types(db, active, last),
                self._by_enum(db, "figures.aid_category", FILES, AidCategory,
                              "aid_category", self._latest_aid(db, active)),
                self._piis(db, active),
                self._by_enum(db, "figures.housing", FILES, AccommodationType,
                              "accommodation", dict(db.execute(
                                  select(Accommodation.accommodation_type, func.count())
                                  .join(CaseFile, CaseFile.household_id ==
                                        Accommodation.household_id)
                                  .where(active, Accommodation.deleted_at.is_(None))
                                  .group_by(Accommodation.accommodation_type)).all())),
                self._by_enum(db, "figures.specific_needs", PERSONS, SpecificNeedType,
                              "specific_need", dict(db.execute(
                                  select(SpecificNeed.need_type, func.count(func.distinct(
                                      SpecificNeed.person_id)))
                                  .join(HouseholdMember, HouseholdMember.person_id ==
                                        SpecificNeed.person_id)
                                  .join(CaseFile, CaseFile.household_id ==
                                        HouseholdMember.household_id)
                                  .where(active, SpecificNeed.deleted_at.is_(None))
                                  .group_by(SpecificNeed.need_type)).all())),
                self._movements(db, first, last),
                self._by_enum(db, "figures.closure_reasons", FILES, ClosureReason,
                              "closure_reason", dict(db.execute(
                                  select(CaseFile.closure_reason, func.count())
                                  .where(CaseFile.deleted_at.is_(None),
                                         CaseFile.closed_on.between(first, last))
                                  .group_by(CaseFile.closure_reason)).all())),
            ]
        return figures

    def _sex_by_age(self, db: Session, active, last: date) -> FigureTable:
        years = _age(last)
        rows = db.execute(
            select(Person.sex, years.label("age"), func.count(func.distinct(Person.id)))
            .join(HouseholdMember, HouseholdMember.person_id == Person.id)
            .join(CaseFile, CaseFile.household_id == HouseholdMember.household_id)
            .where(active, Person.deleted_at.is_(None), HouseholdMember.deleted_at.is_(None),
                   Person.birth_date.is_not(None))
            .group_by(Person.sex, "age")).all()
        sexes = [Sex.FEMALE, Sex.MALE, Sex.OTHER, Sex.UNKNOWN]
        cells = [[0] * len(sexes) for _ in AGE_BANDS]
        for sex, years_old, count in rows:
            for index, (low, high) in enumerate(AGE_BANDS):
                if low <= int(years_old) <= high:
                    cells[index][sexes.index(Sex(sex))] += count
        return FigureTable("figures.sex_by_age", PERSONS,
                           [band_label(b) for b in AGE_BANDS], [s.value for s in sexes],
                           cells)

    def _household_types(self, db: Session, active, last: date) -> FigureTable:
        """Files by who lives in the household at the end of the month: adults are 18 or
        older (or of unknown age), minors younger."""
        minor = case((_age(last) < 18, 1), else_=0)
        members = (select(HouseholdMember.household_id,
                          func.sum(minor).label("minors"),
                          func.sum(1 - minor).label("adults"))
                   .join(Person, Person.id == HouseholdMember.person_id)
                   .where(HouseholdMember.deleted_at.is_(None), Person.deleted_at.is_(None))
                   .group_by(HouseholdMember.household_id).subquery())
        kind = case((members.c.adults == 0, "minors_only"),
                    (and_(members.c.adults == 1, members.c.minors == 0), "alone"),
                    (members.c.minors == 0, "adults"),
                    (members.c.adults == 1, "single_parent"),
                    else_="adults_with_children")
        counts = dict(db.execute(
            select(kind, func.count()).join(CaseFile, CaseFile.household_id ==
                                            members.c.household_id)
            .where(active).group_by(kind)).all())
        return FigureTable("figures.household_type", FILES, list(HOUSEHOLD_TYPES), ["count"],
                           [[counts.get(k, 0)] for k in HOUSEHOLD_TYPES],
                           row_prefix="figures.household_type")

    def _household_sizes(self, db: Session, active) -> dict[str, int]:
        sizes = (select(HouseholdMember.household_id, func.count().label("size"))
                 .where(HouseholdMember.deleted_at.is_(None))
                 .group_by(HouseholdMember.household_id).subquery())
        size = case((sizes.c.size >= 5, "5+"), else_=cast(sizes.c.size, String))
        return {str(k): v for k, v in db.execute(
            select(size, func.count()).join(CaseFile, CaseFile.household_id ==
                                            sizes.c.household_id)
            .where(active).group_by(size)).all()}

    def _files_by(self, db: Session, active, key: str,
                  counts: dict[str, int]) -> FigureTable:
        labels = ["1", "2", "3", "4", "5+"]
        return FigureTable(key, FILES, labels, ["count"],
                           [[counts.get(label, 0)] for label in labels])

    def _latest_aid(self, db: Session, active) -> dict[str, int]:
        latest = (select(AidDecision.case_id, func.max(AidDecision.decided_on).label("on"))
                  .where(AidDecision.deleted_at.is_(None)).group_by(AidDecision.case_id)
                  .subquery())
        return dict(db.execute(
            select(AidDecision.category, func.count(func.distinct(AidDecision.case_id)))
            .join(latest, and_(latest.c.case_id == AidDecision.case_id,
                               latest.c.on == AidDecision.decided_on))
            .join(CaseFile, CaseFile.id == AidDecision.case_id)
            .where(active).group_by(AidDecision.category)).all())

    def _piis(self, db: Session, active) -> FigureTable:
        with_piis = db.execute(select(func.count(func.distinct(CaseFile.id)))
                               .join(AidDecision, AidDecision.case_id == CaseFile.id)
                               .where(active, AidDecision.piis,
                                      AidDecision.deleted_at.is_(None))).scalar_one()
        total = db.execute(select(func.count()).select_from(CaseFile).where(active)
                           ).scalar_one()
        return FigureTable("figures.piis", FILES, ["figures.with_piis", "figures.without_piis"],
                           ["count"], [[with_piis], [total - with_piis]])

    def _movements(self, db: Session, first: date, last: date) -> FigureTable:
        opened = db.execute(select(func.count()).select_from(CaseFile).where(
            CaseFile.deleted_at.is_(None), CaseFile.opened_on.between(first, last))
        ).scalar_one()
        closed = db.execute(select(func.count()).select_from(CaseFile).where(
            CaseFile.deleted_at.is_(None), CaseFile.status == CaseStatus.CLOSED,
            CaseFile.closed_on.between(first, last))).scalar_one()
        return FigureTable("figures.movements", FILES, ["figures.new", "figures.closed"],
                           ["count"], [[opened], [closed]])

    def _by_enum(self, db: Session, key: str, unit: str, enum, prefix: str,
                 counts: dict) -> FigureTable:
        values = list(enum)
        by_value = {getattr(k, "value", k): v for k, v in counts.items() if k is not None}
        return FigureTable(key, unit, [v.value for v in values], ["count"],
                           [[by_value.get(v.value, 0)] for v in values], row_prefix=prefix)
