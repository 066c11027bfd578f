"""Import a list of displaced persons: read, map columns, check every row, group rows into
households, find who is already known, then write everything in one transaction (or
nothing). The dry run is the same plan without the writing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from desktop.core import file_numbers, limits
from desktop.core.clock import Clock, clock_of
from desktop.core.collector import collector_paused
from desktop.core.dates import iso_partial
from desktop.core.enums import AccommodationType, AuditAction, Relationship
from desktop.core.errors import RelaisError
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput
from desktop.core.intake_records import NewCase, RecordBatch, add_household, add_person
from desktop.core.intake_rules import IntakeRules, parse_date
from desktop.core.models import CaseFile, HouseholdMember, IdentityDocument, Person
from desktop.core.names import is_cyrillic, normal, passport_latin
from desktop.core.reference import ReferenceData
from desktop.core.roles import Actor, Permission
from desktop.core.uow import UnitOfWork
from desktop.exchange import places, values
from desktop.exchange.cells import unguard
from desktop.exchange.columns import Mapping, column_letter, fold, propose
from desktop.exchange.ignored import IgnoredColumn, ignored_columns
from desktop.exchange.sheets import Table, read_table

Progress = Callable[[int, int], None]
WRITE_CHUNK = 2000  # households per bulk write: progress and cancel between chunks
GROUPINGS = ("auto", "address", "column", "alone")


@dataclass
class RowProblem:
    line: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Duplicate:
    line: int
    reason: str  # duplicate.* or import.duplicate_in_file
    person_id: uuid.UUID | None = None  # the person already in Relais
    other_line: int | None = None  # the earlier row of the same file


@dataclass
class PlannedHousehold:
    lines: list[int]
    household: HouseholdInput
    case_number: str = ""
    notes: list[str] = field(default_factory=list)
    # Set when some members are already known: the new ones join that household.
    existing_household_id: uuid.UUID | None = None


@dataclass
class ImportPlan:
    file: Path
    mapping: Mapping
    headers: list[Any]
    households: list[PlannedHousehold] = field(default_factory=list)
    rejected: list[RowProblem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    # Columns of the file left out of the import, each said in the dry run.
    ignored_columns: list[IgnoredColumn] = field(default_factory=list)
    # What the import will do differently from the file (a file number already taken).
    notices: list[RowProblem] = field(default_factory=list)

    @property
    def persons(self) -> int:
        return sum(len(h.household.members) for h in self.households)

    @property
    def new_households(self) -> int:
        return sum(1 for h in self.households if h.existing_household_id is None)


@dataclass
class ImportResult:
    created: int
    households: int
    plan: ImportPlan


class ImportCancelled(RelaisError):
    """The person cancelled a running import; its transaction is rolled back."""


@dataclass
class _Row:
    line: int
    person: PersonInput
    household_key: str
    address: dict[str, str]
    case_number: str
    notes: str
    problem: RowProblem | None = None


class ImportService:
    def __init__(self, engine: Engine, actor: Actor, reference: ReferenceData,
                 today: date | None = None, clock: Clock | None = None) -> None:
        self.engine, self.actor, self.reference = engine, actor, reference
        self.clock = clock_of(today, clock)
        self.rules = IntakeRules(reference, clock=self.clock)
        self.grouping = "auto"
        self._where: dict[str, dict[str, str]] = {}

    @property
    def today(self) -> date:
        """Asked each time: a session open past midnight uses the new date."""
        return self.clock.today()

    # -- planning ---------------------------------------------------------------------------

    def read(self, path: Path) -> tuple[Table, Mapping]:
        table = read_table(path)
        return table, propose(table.rows)

    @collector_paused()  # many short-lived rows: core/collector.py
    def plan(self, path: Path, mapping: Mapping | None = None,
             saved: dict[str, str] | None = None, grouping: str = "auto") -> ImportPlan:
        """``grouping``: how rows make households — "auto" (the household column if there
        is one, else same surname and address), "address" (same surname and address),
        "column" (the household column only) or "alone" (one household per row)."""
        self.actor.require(Permission.EDIT_CASES)
        if grouping not in GROUPINGS:
            raise ValueError(f"unknown grouping {grouping!r}")
        self.grouping = grouping
        table, proposed = self.read(path)
        headers = table.rows[proposed.header_row] if table.rows else []
        if saved is not None:
            mapping = Mapping.from_saved(saved, headers, proposed.header_row)
        mapping = mapping or proposed
        if not {"surname", "surname_latin"} & set(mapping.columns.values()):
            raise RelaisError("import.no_name_column", file=Path(path).name)
        plan = ImportPlan(file=Path(path), mapping=mapping, headers=list(headers),
                          ignored_columns=ignored_columns(table.rows, mapping))
        names = table.rows[mapping.header_row] if table.rows else []
        # Where each meaning is read from, to name the column in a row's problem.
        self._where = {name: {"column": column_letter(index),
                              "header": values.text(names[index]) if index < len(names)
                              else ""} for index, name in mapping.columns.items()}
        rows: list[_Row] = []
        for index in range(mapping.header_row + 1, len(table.rows)):
            cells = table.rows[index]
            if not any(values.text(c) for c in cells):
                continue
            rows.append(self._row(index + 1, cells, mapping))
        for group in self._group(rows):
            self._plan_household(plan, group)
        self._find_duplicates(plan)
        self._taken_numbers(plan)
        return plan

    def _row(self, line: int, cells: list[Any], mapping: Mapping) -> _Row:
        # unguard: the quote an export put before a formula-like value (cells.py) goes.
        cell = {name: unguard(cells[i]) if i < len(cells) else None
                for i, name in mapping.columns.items()}
        for name, value in cell.items():
            # Refused before any work on it: a 1 MB cell would cost minutes in every search.
            # Its household (when a column says which) waits with it, as for any bad row.
            if params := limits.too_long(name, values.text(value)):
                household = values.text(cell.get("household")) if name != "household" and \
                    self.grouping in ("auto", "column") else ""
                return _Row(line, PersonInput(), household or f"line {line}", {}, "", "",
                            RowProblem(line, "import.too_long", {**params, **self._where[name]}))
        person = PersonInput(languages=[])
        street, postal = values.text(cell.get("street")), values.text(cell.get("postal_code"))
        household = values.text(cell.get("household")) \
            if self.grouping in ("auto", "column") else ""
        if not household and self.grouping in ("auto", "address"):
            surname = normal(values.text(cell.get("surname_latin"))
                             or values.text(cell.get("surname")))
            household = f"{surname}|{fold(street)}|{postal}" if street else ""
        household = household or f"line {line}"
        row = _Row(line, person, household, {}, values.text(cell.get("case_number")),
                   values.text(cell.get("notes"), multiline=True))
        try:
            self._read_cells(row, cell)
        except values.BadValue as bad:
            row.problem = RowProblem(line, bad.key, bad.params)
        return row

    def _read_cells(self, row: _Row, cell: dict[str, Any]) -> None:
        person = row.person
        for source, cyrillic, latin in (("surname", "surname_cyr", "surname_lat"),
                                        ("given_name", "given_name_cyr", "given_name_lat"),
                                        ("patronymic", "patronymic_cyr", "patronymic_lat")):
            value = values.text(cell.get(source))
            setattr(person, cyrillic if is_cyrillic(value) else latin, value)
        for name, target in (("surname_latin", "surname_lat"),
                             ("given_name_latin", "given_name_lat")):
            passport, written = values.text(cell.get(name)), getattr(person, target)
            if passport:
                if written and fold(written) != fold(passport):
                    # "Chevtchenko" in the name column, "Shevchenko" in the passport's:
                    # both are the person's, the first kept as another spelling.
                    person.other_spellings.append(written)
                setattr(person, target, passport)
        for cyrillic, latin in (("surname_cyr", "surname_lat"),
                                ("given_name_cyr", "given_name_lat"),
                                ("patronymic_cyr", "patronymic_lat")):
            if getattr(person, cyrillic) and not getattr(person, latin):
                setattr(person, latin, passport_latin(getattr(person, cyrillic)))
        person.sex = values.sex(cell.get("sex")).value
        person.birth_date = values.date_text(cell.get("birth_date"))
        relationship = values.relationship(cell.get("relationship"))
        person.relationship = relationship.value if relationship else ""
        person.nationality = values.nationality(cell.get("nationality"))  # empty: not known
        person.national_number = values.text(cell.get("nrn"))
        number = values.text(cell.get("document_number"))
        kind = values.text(cell.get("document_type"))
        if number:
            person.documents = [DocumentInput(
                document_type=values.document_type(kind).value, number=number)]
        elif kind:  # a type alone would be lost: the intake asks for its number too
            raise values.BadValue("import.document_without_number", value=kind,
                                  **self._where["document_type"])
        person.phone = values.text(cell.get("phone"))
        person.email = values.text(cell.get("email"))
        # A list says nothing about consent to be contacted, and an empty languages cell
        # says nothing about languages: record neither as if it had (the case file asks).
        person.contact_consent = False
        person.languages = values.languages(cell.get("languages"))
        person.arrived_on = values.date_text(cell.get("arrival_date"))
        kind = values.accommodation(cell.get("accommodation_type"))
        row.address = {"street": values.text(cell.get("street")),
                       "postal_code": values.text(cell.get("postal_code")),
                       "municipality": values.text(cell.get("municipality")),
                       "accommodation_type": kind.value if kind else ""}

    def _group(self, rows: list[_Row]) -> list[list[_Row]]:
        groups: dict[str, list[_Row]] = {}
        for row in rows:
            groups.setdefault(row.household_key, []).append(row)
        return list(groups.values())

    def _plan_household(self, plan: ImportPlan, group: list[_Row]) -> None:
        unreadable = [row for row in group if row.problem]
        if unreadable:
            self._reject_household(plan, group, {r.line: r.problem for r in unreadable})
            return
        numbers = sorted({r.case_number for r in group if r.case_number})
        if len(numbers) > 1:  # rows grouped by address, yet kept in different files
            self._reject_household(plan, group, {r.line: RowProblem(
                r.line, "import.case_numbers_differ", {"numbers": ", ".join(numbers)})
                for r in group if r.case_number})
            return
        if not any(r.person.relationship == Relationship.HEAD for r in group):
            group[0].person.relationship = Relationship.HEAD.value
        head_year = values.year_of(group[0].person.birth_date)
        for row in group:
            if not row.person.relationship:
                year = values.year_of(row.person.birth_date)
                row.person.relationship = (Relationship.CHILD if head_year and year and
                                           year - head_year >= 14 else Relationship.OTHER).value
            row.person.dependant = row.person.relationship == Relationship.CHILD
        address, differ = _one_address(group)
        if differ:  # one household, two addresses: which one is meant is not guessed
            self._reject_household(plan, group, {r.line: RowProblem(
                r.line, "import.addresses_differ", {"values": differ})
                for r in group if any(r.address.values())})
            return
        household = HouseholdInput(members=[r.person for r in group],
                                   accommodation_type=address.get("accommodation_type", ""),
                                   street=address.get("street", ""),
                                   postal_code=address.get("postal_code", ""))
        where = address.get("municipality") or address.get("postal_code")
        try:
            found = places.municipality(self.reference, where)
        except values.BadValue as bad:  # unknown, or more than one: said, not guessed
            for row in group:
                plan.rejected.append(RowProblem(row.line, bad.key, bad.params))
            return
        if found is not None:
            household.municipality_refnis = found.refnis
        if household.accommodation_type == "" and (household.street or where):
            # An address without its kind of housing: kept, and the kind said to be unknown.
            household.accommodation_type = AccommodationType.UNKNOWN.value
        bad: dict[int, RowProblem] = {}
        for problem in self.rules.household(household):
            parts = problem.field.split(".")
            rows = [group[int(parts[1])]] if parts[0] == "members" and len(parts) > 2 \
                else group
            for row in rows:
                bad.setdefault(row.line, RowProblem(row.line, problem.key, problem.params))
        if bad:
            self._reject_household(plan, group, bad)
            return
        plan.households.append(PlannedHousehold(
            lines=[r.line for r in group], household=household,
            case_number=numbers[0] if numbers else "",
            notes=[r.notes for r in group if r.notes]))

    def _reject_household(self, plan: ImportPlan, group: list[_Row],
                          problems: dict[int, RowProblem | None]) -> None:
        """A household is imported whole or not at all: its other rows wait with it."""
        first = min(problems)
        for row in group:
            problem = problems.get(row.line)
            plan.rejected.append(problem or RowProblem(row.line, "import.household_rejected",
                                                       {"line": first}))

    def _find_duplicates(self, plan: ImportPlan) -> None:
        """Known persons (same names in any spelling and birth date, or same document) and
        rows repeating an earlier row are not created again."""
        known_names, known_documents, households_of = self._known()
        seen: dict[tuple[str, str, str], int] = {}
        for planned in plan.households:
            keep_members, keep_lines = [], []
            known_here: list[uuid.UUID] = []
            for member, line in zip(planned.household.members, planned.lines, strict=True):
                duplicate = None
                for key in _name_keys(member):
                    if key in known_names:
                        duplicate = Duplicate(line, "duplicate.same_name",
                                              person_id=known_names[key])
                        break
                    if key in seen:
                        duplicate = Duplicate(line, "import.duplicate_in_file",
                                              other_line=seen[key])
                        break
                for document in member.documents:
                    number = document.number.replace(" ", "").upper()
                    if duplicate is None and number in known_documents:
                        duplicate = Duplicate(line, "duplicate.same_document",
                                              person_id=known_documents[number])
                if duplicate:
                    plan.duplicates.append(duplicate)
                    if duplicate.person_id:
                        known_here.append(duplicate.person_id)
                    continue
                for key in _name_keys(member):
                    seen.setdefault(key, line)
                keep_members.append(member)
                keep_lines.append(line)
            existing = next((households_of[p] for p in known_here if p in households_of), None)
            if existing is not None:
                # A new child of a known family joins the family, not a household of its own.
                planned.existing_household_id = existing
            elif keep_members and all(m.relationship != Relationship.HEAD
                                      for m in keep_members):
                keep_members[0].relationship = Relationship.HEAD.value
            planned.household.members, planned.lines = keep_members, keep_lines
        plan.households = [h for h in plan.households if h.household.members]

    def _taken_numbers(self, plan: ImportPlan) -> None:
        """A file number already used (in Relais or higher in the file) cannot be given
        again: the household gets the next free one, and the dry run says so."""
        with Session(self.engine) as db:
            taken = set(db.execute(select(CaseFile.file_number)).scalars())
        for planned in plan.households:
            number = planned.case_number
            if number and planned.existing_household_id is None:
                if number in taken:
                    plan.notices.append(RowProblem(planned.lines[0],
                                                   "import.case_number_taken",
                                                   {"number": number}))
                taken.add(number)

    def _file_numbers(self, session: Session, plan: ImportPlan) -> dict[int, str]:
        """Each new household's file number (by its index in the plan), taken under the
        write lock of the import's transaction: the file's own while still free, else the
        next of this year's series."""
        used = set(session.execute(select(CaseFile.file_number)).scalars())
        own: dict[int, str | None] = {}
        for index, planned in enumerate(plan.households):
            if planned.existing_household_id is None:
                number = planned.case_number or None
                own[index] = number if number not in used else None
                if number:
                    used.add(number)
        fresh = iter(file_numbers.take_many(
            session, self.actor.organisation_id, self.today.year,
            sum(number is None for number in own.values()), avoid=used))
        return {index: number or next(fresh) for index, number in own.items()}

    def _known(self) -> tuple[dict[tuple[str, str, str], uuid.UUID], dict[str, uuid.UUID],
                              dict[uuid.UUID, uuid.UUID]]:
        names: dict[tuple[str, str, str], uuid.UUID] = {}
        with Session(self.engine) as db:
            for row in db.execute(select(
                Person.id, Person.surname_cyr, Person.given_name_cyr, Person.surname_lat,
                Person.given_name_lat, Person.birth_date, Person.birth_precision,
            ).where(Person.deleted_at.is_(None))):
                birth = iso_partial(row.birth_date, row.birth_precision)
                for surname, given in ((row.surname_cyr, row.given_name_cyr),
                                       (row.surname_lat, row.given_name_lat)):
                    if surname and given:
                        names.setdefault((normal(surname), normal(given), birth), row.id)
            documents = dict(db.execute(select(IdentityDocument.number,
                                               IdentityDocument.person_id).where(
                IdentityDocument.deleted_at.is_(None), IdentityDocument.number != "")).all())
            households = dict(db.execute(select(HouseholdMember.person_id,
                                                HouseholdMember.household_id).where(
                HouseholdMember.deleted_at.is_(None))).all())
        return names, documents, households

    # -- writing ----------------------------------------------------------------------------

    @collector_paused()  # many short-lived rows: core/collector.py
    def run(self, plan: ImportPlan, skip_invalid: bool = False,
            progress: Progress | None = None,
            cancelled: Callable[[], bool] = lambda: False) -> ImportResult:
        """All households of the plan in one transaction, or nothing at all."""
        self.actor.require(Permission.EDIT_CASES)
        if plan.rejected and not skip_invalid:
            raise RelaisError("import.rows_rejected", n=len(plan.rejected))
        org = self.actor.organisation_id
        total = len(plan.households)
        with UnitOfWork(self.engine, self.actor) as uow:
            numbers = self._file_numbers(uow.session, plan)
            for start in range(0, total, WRITE_CHUNK):
                if cancelled():
                    raise ImportCancelled("import.cancelled")
                batch = RecordBatch()
                for index in range(start, min(start + WRITE_CHUNK, total)):
                    planned = plan.households[index]
                    if planned.existing_household_id is not None:
                        for member in planned.household.members:
                            add_person(batch, planned.existing_household_id, org, member)
                        continue
                    add_household(batch, planned.household, NewCase(
                        organisation_id=org, file_number=numbers[index], opened_on=self.today,
                        worker_id=self.actor.user_id, notes=tuple(planned.notes)))
                batch.write(uow)
                uow.checkpoint()
                if progress:
                    progress(min(start + WRITE_CHUNK, total), total)
            # in the same transaction: an import is audited exactly when it is there
            uow.record_access(AuditAction.IMPORT, "", None, detail={
                "persons": plan.persons, "households": plan.new_households,
                "skipped": len(plan.rejected) if skip_invalid else 0})
        return ImportResult(created=plan.persons, households=plan.new_households, plan=plan)


def _one_address(group: list[_Row]) -> tuple[dict[str, str], str]:
    """The household's address from all its rows, each part from whichever row gives it;
    with the differing values ("Rue Haute 5 / Rue Basse 7") when rows disagree."""
    address: dict[str, str] = {}
    for part in ("street", "postal_code", "municipality", "accommodation_type"):
        given: dict[str, str] = {}
        for row in group:
            if row.address.get(part):
                given.setdefault(fold(row.address[part]), row.address[part])
        if len(given) > 1:
            return {}, " / ".join(given.values())
        address[part] = next(iter(given.values()), "")
    return address, ""


def _name_keys(member: PersonInput) -> list[tuple[str, str, str]]:
    parsed = parse_date(member.birth_date) if member.birth_date else None
    birth = iso_partial(*parsed) if parsed else ""
    return [(normal(surname), normal(given), birth) for surname, given in (
        (member.surname_cyr, member.given_name_cyr), (member.surname_lat,
                                                      member.given_name_lat))
            if surname and given]


