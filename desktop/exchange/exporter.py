"""Exports for the user's own work: persons, households or cases to CSV (UTF-8 with BOM, so
Excel shows Cyrillic) or XLSX, with a choice of columns. Restricted columns are refused to
roles that may not read them. A spreadsheet is read by people: headers and values are
written in the export's language (wording.py), dates as dates; ``codes`` writes canonical
column names, stored codes and ISO dates instead, for another program. The persons export
uses the import's column labels and the import reads every label (and every code) back, so
an export can be imported again into another installation."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import Session

from desktop.core.enums import AuditAction, DocumentType, Relationship
from desktop.core.errors import AccessDenied, RelaisError
from desktop.core.i18n import SOURCE_LANGUAGE, Translator
from desktop.core.models import (
    Accommodation,
    AidDecision,
    CaseFile,
    Household,
    HouseholdMember,
    IdentityDocument,
    Person,
    UserAccount,
)
from desktop.core.reference import ReferenceData
from desktop.core.roles import Actor, Permission
from desktop.core.uow import record_access_soon
from desktop.exchange.cells import WORKBOOK_OPTIONS, XlsxCells, csv_row
from desktop.exchange.destination import written_in_place
from desktop.exchange.wording import Wording

KINDS = ("persons", "households", "cases")
COLUMNS: dict[str, tuple[str, ...]] = {
    "persons": ("case_number", "household", "relationship", "surname", "given_name",
                "patronymic", "surname_latin", "given_name_latin", "sex", "birth_date",
                "nationality", "nrn", "document_type", "document_number", "phone", "email",
                "languages", "arrival_date", "municipality", "postal_code", "street",
                "accommodation_type"),
    "households": ("household", "case_number", "head", "members", "members_in_ukraine",
                   "municipality", "postal_code", "street", "accommodation_type"),
    "cases": ("case_number", "status", "opened_on", "closed_on", "closure_reason",
              "to_be_completed", "worker", "head", "members", "piis"),
}
MIN_WIDTH, MAX_WIDTH = 12, 40  # XLSX column widths, in characters
RESTRICTED = {"nrn": Permission.VIEW_NATIONAL_NUMBER, "piis": Permission.VIEW_SOCIAL_NOTES}
# Columns the import reads are labelled as the import labels them; the others by their own.
IMPORTED = {"case_number", "household", "relationship", "surname", "given_name", "patronymic",
            "surname_latin", "given_name_latin", "sex", "birth_date", "nationality", "nrn",
            "document_type", "document_number", "phone", "email", "languages", "arrival_date",
            "municipality", "postal_code", "street", "accommodation_type"}


def column_label_key(column: str) -> str:
    """The message that names a column in the export dialog (never the column's code)."""
    return f"importer.column_{column}" if column in IMPORTED else f"exporter.column_{column}"


Progress = Callable[[int, int], None]


class ExportService:
    def __init__(self, engine: Engine, actor: Actor, reference: ReferenceData) -> None:
        self.engine, self.actor, self.reference = engine, actor, reference

    def allowed_columns(self, kind: str) -> list[str]:
        return [c for c in COLUMNS[kind]
                if c not in RESTRICTED or self.actor.can(RESTRICTED[c])]

    def export(self, kind: str, target: Path, fmt: str, columns: list[str] | None = None,
               progress: Progress | None = None, tr: Translator | None = None,
               codes: bool = False) -> int:
        """Write the file in ``tr``'s language (the interface's, or the command line's), or
        in codes for machine exchange; returns the number of data rows."""
        self.actor.require(Permission.VIEW_CASES)
        if kind not in KINDS or fmt not in ("csv", "xlsx"):
            raise RelaisError("export.unknown_kind", kind=kind)
        columns = columns or self.allowed_columns(kind)
        unknown = [c for c in columns if c not in COLUMNS[kind]]
        if unknown:
            raise RelaisError("export.unknown_column", column=unknown[0])
        if any(c in RESTRICTED and not self.actor.can(RESTRICTED[c]) for c in columns):
            raise AccessDenied("error.access_denied")
        words = Wording(tr or Translator(SOURCE_LANGUAGE), codes)
        rows = getattr(self, f"_{kind}")(columns, words)
        headers = [words.header(c, column_label_key(c)) for c in columns]
        try:
            # names and numbers: written private (0600), and nowhere but beside the target
            with written_in_place(target) as partial:
                written = (_write_csv if fmt == "csv" else _write_xlsx)(
                    partial, headers, rows, words.date_separator)
        except OSError as exc:
            raise RelaisError("store.cannot_write", path=str(target)) from exc
        record_access_soon(self.engine, self.actor, AuditAction.EXPORT, "", None, detail={
            "kind": kind, "format": fmt, "rows": written, "columns": len(columns),
            "codes": codes})
        return written

    # -- rows -------------------------------------------------------------------------------

    def _municipality(self, refnis: str, words: Wording) -> str:
        """Its name in the export's language; its REFNIS code in codes (a name can be
        shared: Lierre is Lier)."""
        if words.codes or not refnis:
            return refnis or ""
        found = self.reference.municipality(refnis)
        return found.name(words.tr.language) if found else ""

    def _persons(self, columns: list[str], words: Wording) -> Iterator[list[Any]]:
        with Session(self.engine) as db:
            # The first document recorded (ids are time-ordered), number and type together:
            # a min() of each would pair one document's number with another's type.
            first = (select(IdentityDocument.person_id,
                            func.min(IdentityDocument.id).label("document_id"))
                     .where(IdentityDocument.deleted_at.is_(None))
                     .group_by(IdentityDocument.person_id).subquery())
            document = aliased(IdentityDocument)
            first_document = (select(first.c.person_id, document.number.label("number"),
                                     document.document_type.label("kind"))
                              .join(document, document.id == first.c.document_id)
                              .subquery())
            case, home = _latest(CaseFile), _latest(Accommodation)
            statement = (
                select(Person, HouseholdMember.relationship, Household.reference,
                       Household.id, CaseFile.file_number, Accommodation,
                       first_document.c.number, first_document.c.kind)
                .join(HouseholdMember, and_(HouseholdMember.person_id == Person.id,
                                            HouseholdMember.deleted_at.is_(None)))
                .join(Household, Household.id == HouseholdMember.household_id)
                .outerjoin(case, case.c.household_id == Household.id)
                .outerjoin(CaseFile, CaseFile.id == case.c.id)
                .outerjoin(home, home.c.household_id == Household.id)
                .outerjoin(Accommodation, Accommodation.id == home.c.id)
                .outerjoin(first_document, first_document.c.person_id == Person.id)
                .where(Person.deleted_at.is_(None))
                .order_by(CaseFile.file_number, HouseholdMember.relationship != Relationship.HEAD)
            )
            for person, relationship, reference, household_id, number, home, \
                    number_of_document, kind \
                    in db.execute(statement).yield_per(2000):
                value = {
                    "case_number": number or "", "household": number or reference or
                    household_id.hex[:8], "relationship": words.value(relationship),
                    "surname": person.surname_cyr, "given_name": person.given_name_cyr,
                    "patronymic": person.patronymic_cyr, "surname_latin": person.surname_lat,
                    "given_name_latin": person.given_name_lat, "sex": words.value(person.sex),
                    "birth_date": words.partial(person.birth_date, person.birth_precision),
                    "nationality": words.country(person.nationality),
                    "nrn": person.national_number or "",
                    "document_type": words.value(DocumentType(kind)) if kind else "",
                    "document_number": number_of_document or "",
                    "phone": person.phone, "email": person.email,
                    "languages": words.languages(person.languages or []),
                    "arrival_date": words.day(person.arrived_on),
                    "municipality": self._municipality(home.municipality_refnis, words) if home
                    else "", "postal_code": home.postal_code if home else "",
                    "street": home.street if home else "",
                    "accommodation_type": words.value(home.accommodation_type) if home
                    else "",
                }
                yield [value[c] for c in columns]

    def _households(self, columns: list[str], words: Wording) -> Iterator[list[Any]]:
        for row in self._case_rows(words):
            yield [row[c] for c in columns]

    def _cases(self, columns: list[str], words: Wording) -> Iterator[list[Any]]:
        for row in self._case_rows(words):
            yield [row[c] for c in columns]

    def _case_rows(self, words: Wording) -> Iterator[dict[str, Any]]:
        with Session(self.engine) as db:
            counts = dict(db.execute(select(HouseholdMember.household_id, func.count())
                                     .where(HouseholdMember.deleted_at.is_(None))
                                     .group_by(HouseholdMember.household_id)).all())
            piis = set(db.execute(select(AidDecision.case_id).where(
                AidDecision.piis, AidDecision.deleted_at.is_(None))).scalars())
            workers = {u.id: u.display_name for u in db.execute(select(UserAccount)).scalars()}
            heads = dict(db.execute(
                select(HouseholdMember.household_id, Person.surname_lat)
                .join(Person, Person.id == HouseholdMember.person_id)
                .where(HouseholdMember.relationship == Relationship.HEAD,
                       HouseholdMember.deleted_at.is_(None), Person.deleted_at.is_(None))
                ).all())
            home = _latest(Accommodation)
            statement = (select(CaseFile, Household, Accommodation)
                         .join(Household, Household.id == CaseFile.household_id)
                         .outerjoin(home, home.c.household_id == Household.id)
                         .outerjoin(Accommodation, Accommodation.id == home.c.id)
                         .where(CaseFile.deleted_at.is_(None)).order_by(CaseFile.file_number))
            for case, household, home in db.execute(statement).yield_per(2000):
                yield {
                    "household": case.file_number, "case_number": case.file_number,
                    "head": heads.get(household.id, ""),
                    "members": counts.get(household.id, 0),
                    "members_in_ukraine": household.members_in_ukraine,
                    "municipality": self._municipality(home.municipality_refnis, words)
                    if home else "", "postal_code": home.postal_code if home else "",
                    "street": home.street if home else "",
                    "accommodation_type": words.value(home.accommodation_type) if home
                    else "",
                    "status": words.value(case.status),
                    "opened_on": words.day(case.opened_on),
                    "closed_on": words.day(case.closed_on),
                    "closure_reason": words.value(case.closure_reason),
                    "to_be_completed": words.yes_no(case.to_be_completed),
                    "worker": workers.get(case.assigned_worker_id, ""),
                    "piis": words.yes_no(case.id in piis),
                }


def _latest(model: type[Accommodation] | type[CaseFile]) -> Any:
    """Per household, the id of its latest record of ``model`` (ids are time-ordered), not
    deleted: joining all of them repeated a person once per address ever recorded."""
    return (select(model.household_id, func.max(model.id).label("id"))
            .where(model.deleted_at.is_(None)).group_by(model.household_id).subquery())


def _write_csv(target: Path, headers: list[str], rows: Iterator[list[Any]],
               separator: str = "/") -> int:
    count = 0
    with Path(target).open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")  # what Excel expects in Belgium
        writer.writerow(csv_row(headers))
        for row in rows:
            writer.writerow(csv_row(row, separator))
            count += 1
    return count


def _write_xlsx(target: Path, headers: list[str], rows: Iterator[list[Any]],
                separator: str = "/") -> int:
    import xlsxwriter

    # WORKBOOK_OPTIONS keep the whole workbook in memory (in_memory): constant_memory wrote
    # every row to a plaintext file in the system's temporary folder, left there by a crash.
    # bench/export_memory.py measures what that costs at 100,000 persons.
    workbook = xlsxwriter.Workbook(str(target), WORKBOOK_OPTIONS)
    sheet = workbook.add_worksheet("Relais")
    for index, header in enumerate(headers):
        # wide enough for its header and a dd/mm/yyyy date (a narrower date shows ####)
        sheet.set_column(index, index, min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 2)))
    sheet.freeze_panes(1, 0)  # the headers stay in sight while scrolling
    XlsxCells(workbook, sheet, bold=True).write_row(0, headers)
    cells = XlsxCells(workbook, sheet, separator=separator)
    count = 0
    for count, row in enumerate(rows, 1):
        cells.write_row(count, row)
    workbook.close()
    return count
