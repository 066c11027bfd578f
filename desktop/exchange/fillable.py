"""Reading a filled Relais intake form (PDF AcroForm) back into an intake, through the same
rules and duplicate check as an intake typed in the app. Values are read as people type
them: 19.06.1974, 19/06/1974 or 1974-06-19; names in either script; a choice as its label in
any of our languages or as its stored value."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from desktop.core.casefile import CaseFileService
from desktop.core.duplicates import DuplicateFinder, PossibleDuplicate
from desktop.core.enums import AccommodationType, DocumentType, Relationship, Sex
from desktop.core.errors import RelaisError
from desktop.core.i18n import DOCUMENT_ONLY_LANGUAGES, LANGUAGES, Translator
from desktop.core.intake import IntakeService
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput
from desktop.core.intake_rules import Problem
from desktop.core.names import is_cyrillic, passport_latin
from desktop.core.paper_reference import normal_reference
from desktop.core.reference import ReferenceData
from desktop.core.text import clean_text
from desktop.exchange import places, values
from desktop.exchange.columns import fold

PERSONS = 9  # read up to this many person blocks, whatever the form version printed
# The words (any language, earlier labels too) each choice of the form may be written with.
WORDS = {"relationship": values.RELATIONSHIPS, "sex": values.SEXES,
         "accommodation": values.ACCOMMODATION, "document_type": values.DOCUMENTS}


def _choice(raw: str, prefix: str, enum: type) -> str:
    """An enum value from a stored value or a label (one or both languages of any pair)."""
    raw = raw.strip()
    if not raw:
        return ""
    known = {member.value for member in enum}
    if raw in known:
        return raw
    parts = {part.strip().casefold() for part in raw.split(" / ")}
    for language in LANGUAGES + DOCUMENT_ONLY_LANGUAGES:  # a form may be in fr + ru
        tr = Translator(language)
        for value in known:
            if tr(f"{prefix}.{value}").casefold() in parts:
                return value
    # A form printed before a label was reworded ("Haushaltsvorstand", now "Referenzperson")
    # carries the earlier word: the spreadsheet import's synonyms still know it.
    synonyms = WORDS.get(prefix, {})
    for part in parts:
        if (found := synonyms.get(fold(part))) is not None:
            return found.value
    raise values.BadValue("import.bad_choice", value=raw)


@dataclass
class FilledForm:
    household: HouseholdInput
    problems: list[Problem] = field(default_factory=list)
    duplicates: dict[int, list[PossibleDuplicate]] = field(default_factory=dict)
    case_id: uuid.UUID | None = None

    @property
    def persons(self) -> int:
        return len(self.household.members)


def form_field(problem_field: str) -> str:
    """``members.0.birth_date`` (the rules' name) as the form's ``person1.birth_date``."""
    match = re.fullmatch(r"members\.(\d+)\.(.+)", problem_field)
    if match:
        # The form has one document per person: documents.0.number is document_number.
        name = re.sub(r"^documents\.\d+\.", "document_", match[2])
        name = {"document_issued_on": "document_number", "document_expires_on":
                "document_number", "surname_cyr": "surname", "surname_lat": "surname",
                "given_name_cyr": "given_name", "given_name_lat": "given_name",
                "patronymic_cyr": "patronymic", "patronymic_lat": "patronymic"}.get(name, name)
        return f"person{int(match[1]) + 1}.{name}"
    return problem_field if problem_field == "reference" else f"household.{problem_field}"


class FillableImport:
    def __init__(self, intake: IntakeService, duplicates: DuplicateFinder,
                 reference: ReferenceData, case_files: CaseFileService) -> None:
        self.intake, self.duplicates, self.reference = intake, duplicates, reference
        self.case_files = case_files

    def read(self, path: Path) -> FilledForm:
        return self.from_values(self.read_values(path))

    def read_values(self, path: Path) -> dict[str, str]:
        """The field values of a filled Relais form, by field name."""
        try:
            # A damaged name comes as bytes that are no text: not a field Relais wrote
            # (found by fuzzing: it broke the reading of the others).
            raw = {name: str(entry.get("/V") or "").strip()
                   for name, entry in (PdfReader(path).get_fields() or {}).items()
                   if isinstance(name, str)}
        except (PdfReadError, ValueError, KeyError):
            raise RelaisError("fillable.unreadable", path=path.name) from None
        if "person1.surname" not in raw:
            raise RelaisError("fillable.not_a_relais_form", path=path.name)
        return raw

    def from_values(self, raw: dict[str, str]) -> FilledForm:
        """An intake from field values by form field name: a filled PDF's, or what was typed
        in the transcription screen from a paper form (with its ``reference``)."""
        # Field values are one line each; controls a hostile PDF holds go (core/text.py).
        raw = {name: clean_text(value or "").strip() for name, value in raw.items()}
        form = FilledForm(HouseholdInput(members=[]))
        self._reference(raw.get("reference", ""), form)
        self._household(raw, form)
        for number in range(1, PERSONS + 1):
            key = f"person{number}"
            # A block with anything in it is a person: a birth date or a phone without a
            # name is said ("surname required"), not skipped.
            if any(value for name, value in raw.items() if name.startswith(f"{key}.")):
                self._person(raw, key, form)
        if not form.household.members:
            form.problems.append(Problem("person1.surname", "fillable.nobody"))
        else:
            form.problems += [Problem(form_field(p.field), p.key, p.params)
                              for p in self.intake.check(form.household)]
            for index, member in enumerate(form.household.members):
                found = self.duplicates.find(member)
                if found:
                    form.duplicates[index + 1] = found
        return form

    def register(self, form: FilledForm) -> uuid.UUID:
        """Writes the intake; refused while problems remain (the service checks again)."""
        if form.problems:
            raise RelaisError("fillable.has_problems", n=len(form.problems))
        form.case_id = self.intake.register(form.household)
        return form.case_id

    def _reference(self, typed: str, form: FilledForm) -> None:
        if not typed:
            return
        reference = normal_reference(typed)
        if reference is None:
            form.problems.append(Problem("reference", "transcription.bad_reference",
                                         {"value": typed}))
            return
        typed_before = self.case_files.by_paper_reference(reference)
        if typed_before is not None:
            form.problems.append(Problem("reference", "transcription.reference_used", {
                "file_number": self.case_files.open(typed_before).case.file_number}))
            return
        form.household.paper_reference = reference

    def _household(self, raw: dict[str, str], form: FilledForm) -> None:
        household = form.household
        try:
            household.accommodation_type = _choice(raw.get("household.accommodation", ""),
                                                   "accommodation", AccommodationType)
        except values.BadValue as bad:
            form.problems.append(Problem("household.accommodation", bad.key, bad.params))
        household.host_name = raw.get("household.host", "")
        household.street = raw.get("household.street", "")
        household.postal_code = raw.get("household.postal_code", "")
        typed = raw.get("household.municipality", "")
        try:  # a name or postal code of one municipality only: the first match is a guess
            found = places.municipality(self.reference, typed or household.postal_code)
        except values.BadValue as bad:  # said on the field it was read from
            name = "household.municipality" if typed else "household.postal_code"
            form.problems.append(Problem(name, bad.key, bad.params))
        else:
            household.municipality_refnis = found.refnis if found else ""

    def _person(self, raw: dict[str, str], key: str, form: FilledForm) -> None:
        person = PersonInput()
        for name, cyrillic, latin in (("surname", "surname_cyr", "surname_lat"),
                                      ("given_name", "given_name_cyr", "given_name_lat"),
                                      ("patronymic", "patronymic_cyr", "patronymic_lat")):
            value = raw.get(f"{key}.{name}", "")
            setattr(person, cyrillic if is_cyrillic(value) else latin, value)
        for cyrillic, latin in (("surname_cyr", "surname_lat"),
                                ("given_name_cyr", "given_name_lat"),
                                ("patronymic_cyr", "patronymic_lat")):
            if getattr(person, cyrillic) and not getattr(person, latin):
                setattr(person, latin, passport_latin(getattr(person, cyrillic)))
        person.birth_date = values.date_text(raw.get(f"{key}.birth_date", ""))
        for name, prefix, enum, attribute in (
                ("sex", "sex", Sex, "sex"),
                ("relationship", "relationship", Relationship, "relationship")):
            try:
                chosen = _choice(raw.get(f"{key}.{name}", ""), prefix, enum)
                if chosen:
                    setattr(person, attribute, chosen)
            except values.BadValue as bad:
                form.problems.append(Problem(f"{key}.{name}", bad.key, bad.params))
        if form.household.members and not raw.get(f"{key}.relationship"):
            # only the first is the head; someone 14+ years younger is taken for a child,
            # as the spreadsheet import does
            head_year = values.year_of(form.household.members[0].birth_date)
            year = values.year_of(person.birth_date)
            person.relationship = (Relationship.CHILD if head_year and year and
                                   year - head_year >= 14 else Relationship.OTHER).value
        person.dependant = person.relationship == Relationship.CHILD.value
        # An empty field says nothing: no nationality or language is recorded for it (the
        # case file asks), as in the spreadsheet import.
        person.nationality, person.languages = "", []
        for name, read in (("nationality", values.nationality),
                           ("languages", values.languages)):
            try:  # a word Relais does not know is said, not cut or dropped
                setattr(person, name, read(raw.get(f"{key}.{name}", "")))
            except values.BadValue as bad:
                form.problems.append(Problem(f"{key}.{name}", bad.key, bad.params))
        person.national_number = raw.get(f"{key}.national_number", "")
        number = raw.get(f"{key}.document_number", "")
        if number or raw.get(f"{key}.document_type"):  # a type alone: "number required"
            try:
                kind = _choice(raw.get(f"{key}.document_type", ""), "document_type",
                               DocumentType) or DocumentType.PASSPORT.value
            except values.BadValue as bad:
                form.problems.append(Problem(f"{key}.document_type", bad.key, bad.params))
                kind = DocumentType.OTHER.value
            person.documents = [DocumentInput(document_type=kind, number=number)]
        person.phone = raw.get(f"{key}.phone", "")
        person.email = raw.get(f"{key}.email", "")
        person.contact_consent = raw.get("household.consent", "") not in ("", "/Off", "Off")
        form.household.members.append(person)
