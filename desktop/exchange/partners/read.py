"""Importing a directory list: a dry run (``plan``) that reads every row into an entry or
a problem naming its line and column, then one transaction (``run``) through the directory
service, which checks each entry again. Imported entries are the CPAS's own (local)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from desktop.core.enums import AuditAction, PartnerKind
from desktop.core.errors import RelaisError, ValidationError
from desktop.core.i18n import LANGUAGES, load_catalog
from desktop.core.models import PartnerService
from desktop.core.partners import PartnerDirectory, PartnerEntry, entry_problems
from desktop.core.partners.entry import TEXT_LIMITS
from desktop.core.roles import Permission
from desktop.core.uow import UnitOfWork
from desktop.exchange import labels, places, values
from desktop.exchange.cells import unguard
from desktop.exchange.columns import Mapping, column_letter, fold
from desktop.exchange.ignored import IgnoredColumn, ignored_columns
from desktop.exchange.partners.columns import LABELS, READ, propose, recognise
from desktop.exchange.sheets import read_table
from directory.columns import CELL_MAX, KIND_WORDS, MAX_ROWS

Translate = Callable[..., str]

NO = "exporter.no"
KINDS: dict[str, PartnerKind] = labels.words_for(PartnerKind)
for _value, _words in KIND_WORDS.items():
    for _word in _words:
        KINDS.setdefault(fold(_word), PartnerKind(_value))
# "Listed" as people write it, and as an export writes it in any language.
YES_WORDS = {fold(w) for w in ("oui", "o", "ja", "j", "yes", "y", "x", "1", "true", "vrai",
                               "так", "waar", "wahr")} | {
    fold(str(load_catalog(lang).get(labels.YES, ""))) for lang in LANGUAGES}
NO_WORDS = {fold(w) for w in ("non", "n", "nee", "nein", "no", "0", "false", "faux", "ні",
                              "onwaar", "falsch")} | {
    fold(str(load_catalog(lang).get(NO, ""))) for lang in LANGUAGES}


@dataclass
class PartnerProblem:
    """A row that cannot be imported: its line, the column (letter and header) when one is
    to blame, and the message."""

    line: int
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    column: str = ""
    header: str = ""


def problem_text(tr: Translate, problem: PartnerProblem) -> str:
    reason = tr(problem.key, **problem.params)
    if problem.column:
        reason = tr("partners.import_in_column", column=problem.column,
                    header=problem.header, reason=reason)
    return tr("import.line", line=problem.line, reason=reason)


@dataclass
class PartnerImportPlan:
    file: Path
    mapping: Mapping
    entries: list[tuple[int, PartnerEntry, bool]] = field(default_factory=list)  # +listed
    rejected: list[PartnerProblem] = field(default_factory=list)
    ignored_columns: list[IgnoredColumn] = field(default_factory=list)


class PartnerImport:
    def __init__(self, directory: PartnerDirectory) -> None:
        self.directory = directory

    def plan(self, path: Path) -> PartnerImportPlan:
        self.directory.actor.require(Permission.MANAGE_PARTNERS)
        path = Path(path)
        table = read_table(path)
        mapping = propose(table.rows)
        # A column the import does not read (an export's directory): said as left out.
        mapping.columns = {i: n for i, n in mapping.columns.items() if n in READ}
        if "name" not in mapping.columns.values():
            raise RelaisError("partners.import_no_name_column", file=path.name)
        plan = PartnerImportPlan(path, mapping, ignored_columns=ignored_columns(
            table.rows, mapping, recognise, LABELS))
        headers = table.rows[mapping.header_row]
        where = {name: (column_letter(i), values.text(headers[i]) if i < len(headers) else "")
                 for i, name in mapping.columns.items()}
        data = [(i + 1, row) for i, row in enumerate(table.rows[mapping.header_row + 1:],
                                                     mapping.header_row + 1)
                if any(values.text(c) for c in row)]
        if len(data) > MAX_ROWS:
            raise RelaisError("partners.import_too_many_rows", file=path.name, max=MAX_ROWS)
        today = self.directory.clock.today()
        for line, row in data:
            cell = {name: unguard(row[i]) if i < len(row) else None
                    for i, name in mapping.columns.items()}
            try:
                entry, listed = self._entry(cell, where)
            except _CellProblem as bad:
                plan.rejected.append(PartnerProblem(line, bad.key, bad.params, *bad.where))
                continue
            problems = entry_problems(entry, self.directory.reference, today)
            if problems:
                first = problems[0]
                column = {"municipality_refnis": "municipality"}.get(first.field or "",
                                                                     first.field or "")
                plan.rejected.append(PartnerProblem(line, first.key, dict(first.params),
                                                    *where.get(column, ("", ""))))
                continue
            plan.entries.append((line, entry, listed))
        return plan

    def run(self, plan: PartnerImportPlan) -> int:
        """Writes the rows the plan could read, in one transaction; returns how many."""
        directory = self.directory
        directory.actor.require(Permission.MANAGE_PARTNERS)
        checked = [(directory.check(entry), listed) for _, entry, listed in plan.entries]
        with UnitOfWork(directory.engine, directory.actor) as uow:
            owner = directory.own_refnis(uow)
            for entry, listed in checked:
                uow.add(PartnerService(**asdict(entry), owner=owner, listed=listed))
            # Counts only: never a value of the file.
            uow.record_access(AuditAction.IMPORT, PartnerService.__tablename__, None, detail={
                "kind": "partners", "rows": len(checked), "rejected": len(plan.rejected)})
        return len(checked)

    # -- one row ----------------------------------------------------------------------------

    def _entry(self, cell: dict[str, Any],
               where: dict[str, tuple[str, str]]) -> tuple[PartnerEntry, bool]:
        for name, value in cell.items():
            text = values.text(value, multiline=True)
            limit = TEXT_LIMITS.get(name, CELL_MAX)
            if len(text) > limit:
                raise _CellProblem("text.too_long", where[name], max=limit, length=len(text))

        def text(name: str) -> str:
            return values.text(cell.get(name))

        def read(name: str, reader: Callable[[Any], Any]) -> Any:
            try:
                return reader(cell.get(name))
            except values.BadValue as bad:
                raise _CellProblem(bad.key, where[name], **bad.params) from None
            except ValidationError as bad:
                raise _CellProblem(bad.key, where[name], **bad.params) from None

        reference = self.directory.reference
        kind = read("kind", _kind) if "kind" in cell else PartnerKind.OTHER
        municipality = read("municipality", lambda v: places.municipality(
            reference, values.text(v)))
        served = read("municipalities", lambda v: [
            m.refnis for part in re.split(r"\s*[,;/\n]+\s*", values.text(v, multiline=True))
            if (m := places.municipality(reference, part))])
        entry = PartnerEntry(
            kind=kind, name=text("name"), municipalities=served, street=text("street"),
            postal_code=text("postal_code"),
            municipality_refnis=municipality.refnis if municipality else "",
            phone=text("phone"), email=text("email"), website=text("website"),
            languages=read("languages", values.languages),
            opening_hours=text("opening_hours"), waiting=text("waiting"),
            waiting_days=read("waiting_days", _days),
            verified_on=read("verified_on", _date)).cleaned()
        listed = read("listed", _yes_no) if "listed" in cell else True
        return entry, listed


class _CellProblem(Exception):
    def __init__(self, key: str, where: tuple[str, str], **params: Any) -> None:
        super().__init__(key)
        self.key, self.where, self.params = key, where, params


def _kind(cell: Any) -> PartnerKind:
    typed = values.text(cell)
    if not typed:
        return PartnerKind.OTHER
    found = KINDS.get(fold(typed))
    if found is None:
        raise values.BadValue("partners.import_bad_kind", value=typed[:100])
    return found


def _days(cell: Any) -> int | None:
    if isinstance(cell, int | float) and not isinstance(cell, bool) and float(cell).is_integer():
        return int(cell)
    typed = values.text(cell)
    if not typed:
        return None
    if not re.fullmatch(r"\d{1,5}", typed):
        raise values.BadValue("partners.import_bad_days", value=typed[:100])
    return int(typed)


def _date(cell: Any) -> date | None:
    typed = values.date_text(cell)
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", typed)
    if not typed:
        return None
    try:
        if match is None:
            raise ValueError(typed)
        day, month, year = (int(x) for x in match.groups())
        return date(year, month, day)
    except ValueError:
        raise values.BadValue("partners.import_bad_date", value=typed[:100]) from None


def _yes_no(cell: Any) -> bool:
    if isinstance(cell, bool):
        return cell
    typed = fold(values.text(cell))
    if not typed or typed in YES_WORDS:
        return True
    if typed in NO_WORDS:
        return False
    raise values.BadValue("partners.import_bad_yes_no", value=values.text(cell)[:100])
