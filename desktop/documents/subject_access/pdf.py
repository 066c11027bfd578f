"""The person's copy as a PDF they can read: headings, tables, the organisation and the date
in the header, page numbers, in the official language beside theirs; what was withheld and
on which legal basis, said plainly at the end.

Limits, so that a long history keeps the PDF readable and bounded: the newest
``NOTES_PRINTED`` notes (each note's text up to ``NOTE_TEXT_PRINTED`` characters and
``NOTE_LINES_PRINTED`` lines) and the
newest ``LOG_PRINTED`` access-log entries are printed; when more exist the PDF says how
many and that the JSON file holds them all."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib.styles import ParagraphStyle

from desktop.core.countries import country_name
from desktop.core.date_text import display_date, display_iso, iso_partial
from desktop.core.enums import DatePrecision
from desktop.core.models import Note
from desktop.core.notes import note_text
from desktop.core.subject_access import SubjectCopy
from desktop.documents.base import (
    DocumentWriter,
    Languages,
    Organisation,
    field_table,
    p,
    spacer,
    styles,
)
from desktop.documents.subject_access.tables import long_table

NOTES_PRINTED = 100
# A table row never splits across pages: a note's cell must fit on one (about 55 lines).
NOTE_TEXT_PRINTED = 1_500
NOTE_LINES_PRINTED = 25
CELL_PRINTED = 600  # any other table cell (typed fields hold up to 2,000 characters)
LOG_PRINTED = 500
# What the copy gives of another member of the household (core/subject_access/household.py).
SHARED = {"full": "doc.subject_shared_full", "name_only": "doc.subject_shared_name_only"}
WITHHELD = {"internal_note_text": ("doc.subject_withheld_internal_note_text",
                                   "doc.subject_basis_internal_note_text"),
            "other_adults_details": ("doc.subject_withheld_other_adults_details",
                                     "doc.subject_basis_other_adults_details")}


@dataclass(frozen=True)
class Printed:
    """The newest entries kept for print, and how many there are in all."""

    entries: list[dict[str, Any]]
    total: int


@cache
def _kept(style: ParagraphStyle, space_before: float = -1) -> ParagraphStyle:
    """``style``, kept on the page of what follows it (no heading alone at a page's foot)."""
    kept = ParagraphStyle(f"{style.name}-kept", parent=style, keepWithNext=1)
    if space_before >= 0:
        kept.spaceBefore = space_before
    return kept


class _Page:
    """The copy's sections, each a heading and a table, in the document's two languages."""

    def __init__(self, languages: Languages, organisation: str) -> None:
        self.languages = languages
        self.organisation = organisation  # named where the copy says whom to ask
        self.both = languages.both
        self.story: list[Any] = []

    def day(self, iso: str | None) -> str:
        """A day as the copy's official language writes it."""
        return display_iso(iso[:10], self.languages.code) if iso else ""

    def moment(self, iso: str | None) -> str:
        """Local day and time, on two lines (a narrow column, no wrapping to measure)."""
        if not iso:
            return ""
        local = datetime.fromisoformat(iso).astimezone()
        return f"{display_date(local.date(), self.languages.code)}\n{local:%H:%M}"

    def choice(self, prefix: str, value: object) -> str:
        return self.both(f"{prefix}.{value}") if value not in (None, "") else ""

    def yes_no(self, value: object) -> str:
        return self.both("doc.yes") if value else self.both("doc.no")

    def heading(self, key: str) -> None:
        self.story.append(p(self.both(key), _kept(styles().heading)))

    def fields(self, rows: list[tuple[str, object]]) -> None:
        self.story.append(field_table([(self.both(key), value) for key, value in rows]))

    def table(self, header: list[str], rows: list[list[object]], widths: tuple) -> None:
        if not rows:
            self.story.append(p(self.both("doc.subject_none"), styles().small))
            return
        cut = self.both("doc.subject_note_cut")
        self.story += long_table([self.both(key) for key in header],
                                 [[_fits(cell, cut) for cell in row] for row in rows], widths)

    def small(self, text: str) -> None:
        """A remark before what follows it (a table), kept on its page."""
        self.story.append(p(text, _kept(styles().small, space_before=3)))

    def country(self, code: str) -> str:
        names = [country_name(code, self.languages.code)]
        if self.languages.beside is not None:
            names.append(country_name(code, self.languages.beside.language))
        return " / ".join(dict.fromkeys(name for name in names if name)) or code


def _identity(page: _Page, person: dict[str, Any]) -> None:
    birth = iso_partial(datetime.fromisoformat(person["birth_date"]).date(),
                        DatePrecision(person["birth_precision"])) \
        if person.get("birth_date") else ""
    page.fields([
        ("doc.surname", " / ".join(x for x in (person["surname_cyr"], person["surname_lat"])
                                   if x)),
        ("doc.given_name", " / ".join(x for x in (person["given_name_cyr"],
                                                  person["given_name_lat"]) if x)),
        ("doc.patronymic", " / ".join(x for x in (person["patronymic_cyr"],
                                                  person["patronymic_lat"]) if x)),
        ("doc.subject_other_spellings", ", ".join(person.get("other_spellings") or [])),
        ("doc.sex", page.choice("sex", person["sex"])),
        ("doc.birth_date", display_iso(birth, page.languages.code)),
        ("doc.subject_birth_place", ", ".join(x for x in (person["birth_place"],
                                                          person["birth_oblast"]) if x)),
        ("doc.nationality", page.country(person["nationality"])),
        ("doc.subject_civil_status", person["civil_status"]),
        ("doc.national_number", person.get("national_number") or ""),
        ("doc.languages", ", ".join(page.both(f"language.{code}")
                                    for code in person.get("languages") or [])),
        ("doc.subject_interpreter", page.yes_no(person["interpreter_needed"])),
        ("doc.phone", person["phone"]), ("doc.email", person["email"]),
        ("doc.subject_messaging", person["messaging"]),
        ("doc.consent", page.yes_no(person["contact_consent"])),
        ("doc.subject_left_ukraine", page.day(person["left_ukraine_on"])),
        ("doc.subject_last_place", person["last_place_in_ukraine"]),
        ("doc.subject_arrived", page.day(person["arrived_on"])),
    ])


def _own_records(page: _Page, records: dict[str, Any]) -> None:
    page.heading("doc.documents")
    page.table(["doc.document_type", "doc.document_number", "doc.subject_country",
                "doc.subject_issued", "doc.subject_expires"],
               [[page.choice("document_type", d["document_type"]), d["number"],
                 page.country(d["country"]) if d["country"] else "",
                 page.day(d["issued_on"]), page.day(d["expires_on"])]
                for d in records["identity_documents"]], (46, 32, 40, 28, 28))
    page.heading("doc.subject_protection")
    for status in records["protection_status"] or [{}]:
        page.fields([
            ("doc.attestation", page.day(status.get("attestation_on"))),
            ("doc.annex15", " → ".join(x for x in (page.day(status.get("annex15_issued_on")),
                                                   page.day(status.get("annex15_expires_on")))
                                       if x)),
            ("doc.a_card", " · ".join(x for x in (status.get("a_card_number", ""), page.day(
                status.get("a_card_issued_on")), page.day(status.get("a_card_expires_on")))
                                      if x)),
        ])
    page.heading("doc.subject_needs")
    page.table(["doc.subject_need", "doc.subject_details", "doc.subject_urgent"],
               [[page.choice("specific_need", n["need_type"]), n["details"],
                 page.yes_no(n["urgent"])] for n in records["specific_needs"]],
               (60, 90, 24))


def _household(page: _Page, household: dict[str, Any], reference: Any) -> None:
    page.heading("doc.household")
    membership = household["membership"]
    page.fields([("doc.relationship", page.choice("relationship",
                                                  membership["relationship"]))])
    page.story.append(spacer(2))
    page.table(["doc.subject_member", "doc.relationship", "doc.subject_given"],
               [[m["name"], page.choice("relationship", m["relationship"]),
                 page.both(SHARED[m["shared"]])]
                for m in household["members"]], (70, 50, 54))
    for home in household["accommodations"]:
        place = reference.municipality(home["municipality_refnis"]) if reference else None
        page.fields([
            ("doc.accommodation", page.choice("accommodation", home["accommodation_type"])),
            ("doc.host", home["host_name"]),
            ("doc.address", ", ".join(x for x in (home["street"], home["postal_code"],
                                                  place.name(page.languages.code)
                                                  if place else "") if x)),
        ])
    for case in household["cases"]:
        _case(page, case)
    children = [member for member in household["members"] if member["shared"] == "full"]
    if children:  # after the case, so that no reader takes the case for the child's own
        page.heading("doc.subject_children")
    for child in children:
        page.story.append(p(child["name"], _kept(styles().heading)))
        _identity(page, child["person"])
        _own_records(page, child)


def _case(page: _Page, case: dict[str, Any]) -> None:
    page.heading("doc.subject_case")
    status = page.choice("case_status", case["status"])
    if case.get("closure_reason"):
        status += " · " + page.choice("closure_reason", case["closure_reason"])
    page.fields([("doc.file_number", case["file_number"]), ("doc.status", status),
                 ("doc.opened_on", page.day(case["opened_on"])),
                 ("doc.subject_closed_on", page.day(case["closed_on"])),
                 ("doc.worker", case["worker"] or ""),
                 ("doc.needs", ", ".join(page.choice("need_area", need)
                                         for need in case["needs"]))])
    page.heading("doc.subject_tasks")
    page.table(["doc.subject_due", "doc.subject_task", "doc.subject_done"],
               [[page.day(t["due_on"]), t["title"], page.day(t["done_at"])] for t in case["tasks"]],
               (28, 118, 28))
    page.heading("doc.referrals")
    page.table(["doc.partner", "doc.purpose", "doc.status", "doc.subject_referred_on"],
               [[r["partner"], r["purpose"], page.choice("referral_status", r["status"]),
                 page.day(r["referred_on"])] for r in case["referrals"]], (50, 60, 36, 28))
    page.heading("doc.aid")
    page.table(["doc.decided_on", "doc.category", "doc.subject_period", "field.piis"],
               [[page.day(a["decided_on"]), page.choice("aid_category", a["category"]),
                 " → ".join(x for x in (page.day(a["starts_on"]), page.day(a["ends_on"])) if x),
                 page.yes_no(a["piis"])] for a in case["aid_decisions"]], (28, 70, 46, 30))


def _limited(page: _Page, printed: Printed) -> None:
    if printed.total > len(printed.entries):
        page.small(page.both("doc.subject_shown_last", shown=len(printed.entries),
                             n=printed.total))


def _fits(cell: object, cut: str) -> object:
    """A table cell short enough to fit on one page in the narrowest column (a referral's
    partner may be 2,000 characters)."""
    if isinstance(cell, str) and len(cell) > CELL_PRINTED:
        return f"{cell[:CELL_PRINTED]}… {cut}"
    return cell


def _printable(text: str, cut: str) -> str:
    """A note as printed: at most ``NOTE_TEXT_PRINTED`` characters and
    ``NOTE_LINES_PRINTED`` lines, the cut said."""
    lines = text.split("\n")
    shortened = "\n".join(lines[:NOTE_LINES_PRINTED])[:NOTE_TEXT_PRINTED]
    return text if shortened == text else f"{shortened}… {cut}"


def _notes(page: _Page, notes: Printed) -> None:
    page.heading("doc.subject_notes")
    _limited(page, notes)
    tr = page.languages.main
    rows = []
    for note in reversed(notes.entries):  # newest first, as the case window lists them
        if note["withheld"]:
            text = page.both("doc.subject_note_withheld")
        else:  # a merge's values are labelled as the case window labels them
            text = note_text(tr, Note(case_id=uuid.UUID(note["case_id"]),
                                      body=note["body"] or "",
                                      merged_values=note.get("merged_values")))
        text = _printable(text, page.both("doc.subject_note_cut"))
        rows.append([page.moment(note["created_at"]),
                     page.choice("role", note["author_role"]) if note["author_role"] else "",
                     page.choice("note_audience", note["audience"]), text])
    page.table(["doc.subject_col_when", "doc.subject_col_author", "doc.subject_col_for",
                "doc.subject_col_text"], rows, (26, 30, 30, 88))


def _what(tr: Any, event: dict[str, Any]) -> str:
    """'opened · Case file': the action and the kind of record, in words."""
    action = tr.choice("audit", event["action"])
    what = f"{action} · {tr('entity.' + event['record'])}" if event["record"] else action
    kind = (event.get("detail") or {}).get("kind")
    named = tr(f"audit.kind_{kind}") if isinstance(kind, str) else ""
    return f"{what} ({named})" if named and named != f"audit.kind_{kind}" else what


def _log(page: _Page, log: Printed) -> None:
    page.heading("doc.subject_log")
    page.small(page.both("doc.subject_log_intro"))
    _limited(page, log)
    tr = page.languages.main
    rows = [[page.moment(event["at"]),
             ", ".join(x for x in (event["who"] or page.both("doc.subject_system"),
                                   tr.choice("role", event["role"]) if event["role"] else "")
                       if x),
             _what(tr, event),
             ", ".join(tr(f"field.{name}") for name in event["fields"])]
            for event in reversed(log.entries)]
    page.table(["doc.subject_col_when", "doc.subject_col_who", "doc.subject_col_what",
                "doc.subject_col_fields"], rows, (28, 46, 50, 50))


def _withheld(page: _Page, copy: SubjectCopy) -> None:
    page.heading("doc.subject_withheld")
    said = {w.what: w.count for w in copy.withheld}
    if not said:
        page.story.append(p(page.both("doc.subject_withheld_nothing")))
    for what, count in said.items():
        title, basis = WITHHELD[what]
        page.story += [p(page.both(title, n=count), styles().value),
                       p(page.languages.main(basis))]
        if page.languages.beside is not None:
            page.story.append(p(page.languages.beside(basis), styles().small))
        page.story.append(spacer(2))
    page.heading("doc.subject_rights_title")
    rights = {"organisation": page.organisation}
    page.story.append(p(page.languages.main("doc.subject_rights", **rights)))
    if page.languages.beside is not None:
        page.story.append(p(page.languages.beside("doc.subject_rights", **rights),
                            styles().small))


def write_pdf(path: Path, copy: SubjectCopy, languages: Languages, organisation: Organisation,
              notes: Printed, log: Printed, json_name: str, reference: Any = None) -> Path:
    s = styles()
    writer = DocumentWriter(languages, organisation, "doc.subject_title", "subject-access",
                            copy.today)
    page = _Page(languages, str(organisation))
    page.story += [p(writer.title, s.title),
                   p(languages.main("doc.subject_intro", organisation=str(organisation),
                                    date=copy.today, json=json_name))]
    if languages.beside is not None:
        page.story.append(p(languages.beside("doc.subject_intro",
                                             organisation=str(organisation),
                                             date=copy.today,
                                             json=json_name), s.small))
    page.story.append(spacer())
    page.heading("doc.subject_identity")
    _identity(page, copy.person)
    _own_records(page, {"identity_documents": copy.identity_documents,
                        "protection_status": copy.protection_status,
                        "specific_needs": copy.specific_needs})
    for household in copy.households:
        _household(page, household, reference)
    _notes(page, notes)
    page.heading("doc.subject_attachments")
    page.story.append(p(page.both("doc.subject_no_attachments")))
    _log(page, log)
    _withheld(page, copy)
    page.small(" / ".join(  # the role in each language, not the main one's word twice
        tr("doc.subject_made_by", name=copy.generated_by["name"],
           role=tr.choice("role", copy.generated_by["role"]))
        for tr in (page.languages.main, page.languages.beside) if tr is not None))
    writer.write(path, page.story)
    return path
