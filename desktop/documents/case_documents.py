"""Documents made from a case file: the pre-filled intake form for the person to check and
sign, the case summary (for the file or a transfer), a referral letter, an appointment slip.
Each takes the case as the reader's role may see it (``CaseView``), so a document never
shows more than its maker may read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.platypus import KeepTogether

from desktop.core.casefile import CaseView, MemberView
from desktop.core.countries import country_name
from desktop.core.date_text import display_date, display_iso
from desktop.core.models import CaseFile
from desktop.core.reference import ReferenceData
from desktop.documents.base import (
    DocumentWriter,
    Languages,
    Organisation,
    Target,
    field_table,
    grid,
    p,
    spacer,
    styles,
)
from desktop.documents.partner_card import PartnerCard


def _day(languages: Languages, value: date | None) -> str:
    """A day as the document's official language writes it."""
    return display_date(value, languages.code)


def _choice(languages: Languages, prefix: str, value: object) -> str:
    return languages.both(f"{prefix}.{getattr(value, 'value', value)}") if value else ""


def _country(languages: Languages, code: str) -> str:
    """A nationality by its name, in the document's language and the one beside it."""
    names = [country_name(code, languages.code)]
    if languages.beside is not None:
        names.append(country_name(code, languages.beside.language))
    return " / ".join(dict.fromkeys(name for name in names if name))


def _home_rows(languages: Languages, view: CaseView, reference: ReferenceData) -> list:
    rows = []
    for home in view.accommodations:
        municipality = reference.municipality(home.municipality_refnis)
        place = " ".join(x for x in (home.postal_code, municipality.name(languages.code)
                                     if municipality else "") if x)
        rows += [(languages.both("doc.accommodation"),
                  _choice(languages, "accommodation", home.accommodation_type)),
                 (languages.both("doc.host"), home.host_name),
                 (languages.both("doc.address"), ", ".join(x for x in (home.street, place)
                                                           if x))]
    return rows


def _needs_rows(languages: Languages, case: CaseFile) -> list:
    """What the household needs help with, labelled (the case keeps them as codes)."""
    if not case.needs:
        return []
    return [(languages.both("doc.needs"), ", ".join(_choice(languages, "need_area", need)
                                                    for need in case.needs))]


def _person_rows(languages: Languages, member: MemberView) -> list:
    person = member.person
    both = languages.both
    rows = [
        (both("doc.surname"), " / ".join(x for x in (person.surname_cyr, person.surname_lat)
                                         if x)),
        (both("doc.given_name"), " / ".join(x for x in (person.given_name_cyr,
                                                        person.given_name_lat) if x)),
        (both("doc.patronymic"), " / ".join(x for x in (person.patronymic_cyr,
                                                        person.patronymic_lat) if x)),
        (both("doc.relationship"), _choice(languages, "relationship", member.relationship)),
        (both("doc.sex"), _choice(languages, "sex", person.sex)),
        (both("doc.birth_date"), display_iso(member.birth_date, languages.code)),
        (both("doc.nationality"), _country(languages, person.nationality)),
    ]
    if person.national_number:
        rows.append((both("doc.national_number"), person.national_number))
    for document in member.documents:
        rows.append((_choice(languages, "document_type", document.document_type),
                     " · ".join(x for x in (document.number, _day(languages, document.expires_on))
                                if x)))
    protection = member.protection
    if protection:
        rows += [(both("doc.attestation"), _day(languages, protection.attestation_on)),
                 (both("doc.annex15"), " → ".join(x for x in (
                     _day(languages, protection.annex15_issued_on),
                     _day(languages, protection.annex15_expires_on))
                     if x)),
                 (both("doc.a_card"), " · ".join(x for x in (
                     protection.a_card_number, _day(languages, protection.a_card_expires_on))
                     if x))]
    rows += [(both("doc.languages"), ", ".join(
                 languages.both(f"language.{code}") for code in person.languages or [])),
             (both("doc.phone"), person.phone), (both("doc.email"), person.email),
             (both("doc.consent"), both("doc.yes") if person.contact_consent
              else both("doc.no"))]
    return rows


def _signatures(languages: Languages) -> KeepTogether:
    s = styles()
    return KeepTogether([
        spacer(6), p(languages.both("doc.declaration"), s.body), spacer(10),
        grid([[languages.both("doc.signature_person"), languages.both("doc.signature_worker")],
              ["\n\n\n", "\n\n\n"]], (87, 87)),
    ])


def intake_form(target: Target, view: CaseView, languages: Languages, organisation: Organisation,
                reference: ReferenceData, made_on: date | None = None) -> Target:
    s = styles()
    writer = DocumentWriter(languages, organisation, "doc.intake_title", "intake-form",
                            made_on)
    case = view.case
    story = [p(writer.title, s.title),
             p(languages.both("doc.intake_intro"), s.small), spacer(),
             field_table([(languages.both("doc.file_number"), case.file_number),
                          (languages.both("doc.opened_on"), _day(languages, case.opened_on)),
                          *_home_rows(languages, view, reference),
                          *_needs_rows(languages, case)])]
    for index, member in enumerate(view.members, 1):
        story += [p(f"{index}. {member.display_name}", s.heading),
                  field_table(_person_rows(languages, member))]
    story.append(_signatures(languages))
    return writer.write(target, story)


def case_summary(target: Target, view: CaseView, languages: Languages, organisation: Organisation,
                 reference: ReferenceData, made_on: date | None = None) -> Target:
    s = styles()
    both = languages.both
    writer = DocumentWriter(languages, organisation, "doc.summary_title", "case-summary",
                            made_on)
    case = view.case
    status = _choice(languages, "case_status", case.status)
    if case.closure_reason:
        status += f" · {_choice(languages, 'closure_reason', case.closure_reason)}"
    header = [(both("doc.file_number"), case.file_number), (both("doc.status"), status),
              (both("doc.opened_on"), _day(languages, case.opened_on)),
              (both("doc.worker"), view.worker)]
    header += _needs_rows(languages, case)
    if case.destination_refnis:
        destination = reference.municipality(case.destination_refnis)
        header.append((both("doc.destination"), destination.name(languages.code)
                       if destination else case.destination_refnis))
    story = [p(writer.title, s.title), field_table(header + _home_rows(languages, view,
                                                                          reference))]
    story += [p(both("doc.members"), s.heading), grid(
        [[both("doc.surname"), both("doc.relationship"), both("doc.birth_date"),
          both("doc.documents")]] +
        [[m.display_name, _choice(languages, "relationship", m.relationship),
          display_iso(m.birth_date, languages.code), ", ".join(d.number for d in m.documents)]
         # wide enough for a relationship's longest word (Referentiepersoon,
         # домогосподарства) and the date's heading (Geboortedatum): a narrower cell would
         # cut them in the middle
         for m in view.members], (50, 44, 32, 48))]
    if view.reminders:
        story += [p(both("doc.reminders"), s.heading)] + [
            p(languages.main(r.key, **{**r.params, "date": _day(languages, r.on), "document":
                                       languages.main.choice("document_type",
                                                             r.params.get("document",
                                                                          "other"))}))
            for r in view.reminders]
    if view.aid:
        story += [p(both("doc.aid"), s.heading), grid(
            [[both("doc.decided_on"), both("doc.category"), both("field.piis")]] +
            [[_day(languages, a.decided_on), _choice(languages, "aid_category", a.category),
              both("doc.yes") if a.piis else both("doc.no")] for a in view.aid],
            (40, 90, 44))]
    if view.referrals:
        story += [p(both("doc.referrals"), s.heading), grid(
            [[both("doc.partner"), both("doc.purpose"), both("doc.status")]] +
            [[r.partner, r.purpose, _choice(languages, "referral_status", r.status)]
             for r in view.referrals], (60, 70, 44))]
    open_tasks = [t for t in view.tasks if t.done_at is None]
    if open_tasks:
        story += [p(both("doc.tasks"), s.heading)] + [
            p(f"{_day(languages, t.due_on)} — {t.title}") for t in open_tasks]
    return writer.write(target, story)


def referral_letter(target: Target, view: CaseView, languages: Languages,
                    organisation: Organisation, partner: str, purpose: str,
                    made_on: date | None = None, card: PartnerCard | None = None) -> Target:
    """``card``: the directory entry chosen, whose address, hours and languages are printed
    under its name, and again for the person in the language beside."""
    s = styles()
    writer = DocumentWriter(languages, organisation, "doc.referral_title", "referral-letter",
                            made_on)
    head = view.members[0] if view.members else None
    story = [p(writer.title, s.title), spacer(), p(partner, s.value)]
    if card is not None:
        story += [p(line) for line in card.lines(languages.main)]
    story += [spacer(6),
              p(languages.main("doc.referral_body", organisation=str(organisation),
                               name=head.display_name if head else "",
                               birth=display_iso(head.birth_date, languages.code) if head else "",
                               purpose=purpose, file=view.case.file_number)),
              spacer(), p(languages.main("doc.referral_contact"))]
    if languages.beside is not None:
        story += [spacer(8), p(languages.beside("doc.referral_for_person",
                                                partner=partner, purpose=purpose), s.small)]
        if card is not None:
            story += [p(line, s.small) for line in card.for_person(languages.beside)]
    signer = languages.main("doc.signature_worker")
    if view.worker:
        signer = languages.main.labelled(signer, view.worker)
    story += [spacer(14), p(signer), spacer(14), p("_" * 40)]
    return writer.write(target, story)


@dataclass(frozen=True)
class Appointment:
    what: str
    where: str
    when: str
    bring: str = ""


def appointment_slip(target: Target, view: CaseView, languages: Languages,
                     organisation: Organisation, appointment: Appointment,
                     made_on: date | None = None) -> Target:
    s = styles()
    writer = DocumentWriter(languages, organisation, "doc.slip_title", "appointment-slip",
                            made_on)
    head = view.members[0] if view.members else None
    story = [p(writer.title, s.title), spacer(),
             field_table([(languages.both("doc.for"), head.display_name if head else ""),
                          (languages.both("doc.file_number"), view.case.file_number),
                          (languages.both("doc.what"), appointment.what),
                          (languages.both("doc.where"), appointment.where),
                          (languages.both("doc.when"), appointment.when),
                          (languages.both("doc.bring"), appointment.bring)],
                         widths=(60, 114)),
             spacer(8), p(languages.both("doc.slip_keep"), s.small)]
    return writer.write(target, story)

