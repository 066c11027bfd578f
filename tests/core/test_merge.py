"""Merging two records of one person keeps every value, document, note and history entry."""

import pytest
from sqlmodel import Session, select

from desktop.core.enums import AuditAction, Role
from desktop.core.errors import AccessDenied, ValidationError
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput
from desktop.core.models import (
    AuditEvent,
    CaseFile,
    HouseholdMember,
    IdentityDocument,
    Note,
    Person,
)
from tests.conftest import login_as


def person_of(services, case_id):
    with Session(services.session.engine) as db:
        case = db.get(CaseFile, case_id)
        member = db.exec(select(HouseholdMember).where(
            HouseholdMember.household_id == case.household_id)).first()
        return member.person_id


def test_merge_keeps_everything_of_both_records(services):
    first = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_cyr="Шевченко", given_name_cyr="Юлія", surname_lat="Shevchenko",
        given_name_lat="Yuliia", birth_date="30/07/1985", phone="+32 470 12 34 56",
        languages=["uk"], documents=[DocumentInput(number="FA123456")])]))
    second = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Chevtchenko", given_name_lat="Ioulia", birth_date="30/07/1985",
        phone="+32 499 99 99 99", email="yulia@example.org", languages=["ru", "en"],
        documents=[DocumentInput(document_type="id_card", number="123456789")])]), quick=True)
    keep, other = person_of(services, first), person_of(services, second)
    with Session(services.session.engine) as db:
        other_history = len(db.exec(select(AuditEvent).where(
            AuditEvent.entity_id == other)).all())

    differing = services.merge.merge(keep, other)

    assert differing == ["phone"]
    with Session(services.session.engine) as db:
        kept = db.get(Person, keep)
        merged = db.get(Person, other)
        documents = db.exec(select(IdentityDocument).where(
            IdentityDocument.person_id == keep)).all()
        memberships = db.exec(select(HouseholdMember).where(
            HouseholdMember.person_id == keep, HouseholdMember.deleted_at.is_(None))).all()
        notes = db.exec(select(Note).where(Note.case_id == first)).all()
        history = db.exec(select(AuditEvent).where(AuditEvent.entity_id == other)).all()
    assert kept.email == "yulia@example.org"  # an empty field took the other value
    assert kept.phone == "+32 470 12 34 56"
    assert {"Chevtchenko", "Ioulia"} <= set(kept.other_spellings)
    assert kept.languages == ["uk", "ru", "en"]
    assert {d.number for d in documents} == {"FA123456", "123456789"}
    assert len(memberships) == 1  # one person, one current household: the kept one
    # The differing value is kept as data and read in words, never as a field name.
    with Session(services.session.engine) as db:
        other_number = db.get(CaseFile, second).file_number
    assert notes[0].merged_values == {"phone": "+32 499 99 99 99",
                                      "file_number": other_number}
    from desktop.core.i18n import Translator
    from desktop.core.notes import note_text

    assert note_text(Translator("fr"), notes[0]) == (
        "Valeurs de la fiche fusionnée qui diffèrent de celle-ci\u00a0: "
        f"Numéro de dossier\u00a0: {other_number}; Téléphone\u00a0: +32 499 99 99 99")
    assert merged.deleted_at is not None
    assert len(history) > other_history  # its history stays, plus the merge
    assert AuditAction.MERGE in {e.action for e in history}
    hits = services.search.search("Chevtchenko Ioulia")
    assert [h.person_id for h in hits] == [keep]


def test_merge_is_refused_to_volunteers_and_for_one_record(vault, services):
    case = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]))
    person = person_of(services, case)
    with pytest.raises(ValidationError):
        services.merge.merge(person, person)
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    with pytest.raises(AccessDenied):
        volunteer.merge.merge(person, person)
    volunteer.session.close()


def test_a_merged_person_has_one_household_one_file_and_one_worklist_line(services):
    from datetime import date, timedelta

    from desktop.core.i18n import Translator
    from desktop.core.notes import note_text

    soon = (date.today() + timedelta(days=10)).strftime("%d/%m/%Y")
    first = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Melnyk", given_name_lat="Oksana", birth_date="12/03/1979",
        documents=[DocumentInput(number="FB654321", expires_on=soon)])]))
    second = services.intake.register(HouseholdInput(members=[
        PersonInput(surname_lat="Melnyk", given_name_lat="Oksana", birth_date="12/03/1979"),
        PersonInput(surname_lat="Melnyk", given_name_lat="Taras", birth_date="2015",
                    relationship="child")]), quick=True)
    keep, other = person_of(services, first), person_of(services, second)

    services.merge.merge(keep, other)

    with Session(services.session.engine) as db:
        households = db.exec(select(HouseholdMember.household_id).where(
            HouseholdMember.person_id == keep, HouseholdMember.deleted_at.is_(None))).all()
        kept_case, left_case = db.get(CaseFile, first), db.get(CaseFile, second)
        left_notes = db.exec(select(Note).where(Note.case_id == second)).all()
        kept_notes = db.exec(select(Note).where(Note.case_id == first)).all()
    assert households == [kept_case.household_id]
    # Search opens the file the person lives in, every time.
    assert [h.case_id for h in services.search.search("Melnyk Oksana")] == [first]
    lines = [i for i in {w.key: w for w in services.worklists.all()}[
        "worklist.expiring"].items if i.person.startswith("MELNYK")]
    assert [(i.case_id, i.kind) for i in lines] == [(first, "worklist.document")]
    # The file left behind says where the person is now, in words; the kept file names it.
    assert note_text(Translator("en"), left_notes[0]) == (
        f"MELNYK Oksana was merged with their other record and now belongs to the "
        f"household of file {kept_case.file_number}.")
    assert kept_notes[0].merged_values == {"file_number": left_case.file_number}


def test_a_merge_is_written_as_one_operation_other_desktops_replay(services):
    from desktop.core.merge import REPOINT
    from desktop.core.models import PersonMerge

    first = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Shevchenko", given_name_lat="Yuliia", birth_date="30/07/1985")]))
    second = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Chevtchenko", given_name_lat="Ioulia", birth_date="30/07/1985")]))
    keep, other = person_of(services, first), person_of(services, second)
    services.merge.merge(keep, other)
    with Session(services.session.engine) as db:
        merge = db.exec(select(PersonMerge)).one()
    assert (merge.keep_id, merge.other_id) == (keep, other)
    assert merge.repoint == REPOINT
    # Every table with a reference to a person is listed, so none is left behind.
    from desktop.sync.entities import synced_models

    referencing = sorted([entity, "person_id"] for entity, model in synced_models().items()
                         if "person_id" in model.__table__.columns)
    assert sorted(REPOINT) == referencing
