"""Retention rules, preview and anonymisation on a real SQLCipher file with demo data."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from desktop.core.clock import FixedDay
from desktop.core.enums import AuditAction, CaseStatus, RetentionKind, Role
from desktop.core.errors import AccessDenied, ValidationError
from desktop.core.models import (
    Accommodation,
    AuditEvent,
    CaseFile,
    HouseholdMember,
    IdentityDocument,
    Note,
    Person,
    PersonNameKey,
    RetentionRule,
)
from desktop.services import Services
from tests.conftest import login_as
from tests.rich_case import rich_case

TODAY = date(2026, 11, 29)


@pytest.fixture
def admin(session) -> Services:
    return Services.for_session(session, clock=FixedDay(TODAY))


@pytest.fixture
def populated(admin) -> Services:
    admin.demo.generate(400, seed=3)
    return admin


def _figures(services: Services, months: list[str]) -> list:
    return [[(t.key, t.cells) for t in services.figures.monthly(m).tables] for m in months]


def test_rules_are_off_until_an_administrator_sets_them(admin):
    rules = admin.retention.rules()
    assert {kind: rule.enabled for kind, rule in rules.items()} == dict.fromkeys(
        RetentionKind, False)
    assert rules[RetentionKind.CLOSED_FILES].after == 5  # the suggestion
    assert admin.retention.preview().count == 0


def test_a_rule_is_a_synced_record_and_changing_it_updates_that_record(admin):
    admin.retention.set_rule(RetentionKind.CLOSED_FILES, 3, True)
    admin.retention.set_rule(RetentionKind.CLOSED_FILES, 4, True)
    with Session(admin.session.engine) as db:
        stored = db.exec(select(RetentionRule)).all()
    assert [(r.kind, r.after, r.enabled, r.version) for r in stored] == [
        (RetentionKind.CLOSED_FILES, 4, True, 2)]
    assert admin.retention.rules()[RetentionKind.CLOSED_FILES].after == 4


def test_a_rule_out_of_its_bounds_is_refused(admin):
    with pytest.raises(ValidationError) as refused:
        admin.retention.set_rule(RetentionKind.DRAFTS, 0, True)
    assert refused.value.key == "retention.after_out_of_range"


def test_only_administrators_manage_retention(admin, vault):
    worker = login_as(vault, admin, "worker", Role.SOCIAL_WORKER)
    for attempt in (worker.retention.preview, worker.retention.rules,
                    lambda: worker.retention.set_rule(RetentionKind.DRAFTS, 30, True)):
        with pytest.raises(AccessDenied):
            attempt()


def test_preview_lists_closed_files_past_their_time_and_changes_nothing(populated):
    populated.retention.set_rule(RetentionKind.CLOSED_FILES, 1, True)
    engine = populated.session.engine
    with Session(engine) as db:
        events_before = len(db.exec(select(AuditEvent)).all())
    preview = populated.retention.preview()
    assert preview.persons
    for due in preview.persons:
        assert due.rule == RetentionKind.CLOSED_FILES
        assert due.status == CaseStatus.CLOSED and due.since <= date(2025, 11, 29)
        assert due.name  # the administrator recognises whom
    with Session(engine) as db:
        assert len(db.exec(select(AuditEvent)).all()) == events_before
        assert db.exec(select(Person).where(Person.anonymised_at.is_not(None))).all() == []


def test_a_person_also_in_a_file_not_due_keeps_their_data(populated):
    populated.retention.set_rule(RetentionKind.CLOSED_FILES, 1, True)
    due = populated.retention.preview().persons[0]
    engine = populated.session.engine
    with Session(engine) as db:  # the same person joins an open file's household
        open_case = db.exec(select(CaseFile).where(CaseFile.status == CaseStatus.OPEN)).first()
        db.add(HouseholdMember(household_id=open_case.household_id, person_id=due.person_id))
        db.commit()
    assert due.person_id not in {p.person_id for p in populated.retention.preview().persons}


def test_apply_anonymises_and_the_monthly_figures_still_add_up(populated):
    months = ["2024-03", "2025-01", "2025-06", "2025-12", "2026-10"]
    before = _figures(populated, months)
    populated.retention.set_rule(RetentionKind.CLOSED_FILES, 1, True)
    preview = populated.retention.preview()
    result = populated.retention.apply(preview)
    assert result.persons[RetentionKind.CLOSED_FILES] == len(preview.persons) > 0
    assert _figures(populated, months) == before
    with Session(populated.session.engine) as db:
        for due in preview.persons:
            person = db.get(Person, due.person_id)
            assert person.anonymised_at is not None
            assert not any([person.surname_cyr, person.surname_lat, person.given_name_cyr,
                            person.given_name_lat, person.other_spellings, person.phone,
                            person.national_number, person.email, person.birth_place])
            assert person.birth_date is None or person.birth_date.day == 1
            assert not db.exec(select(PersonNameKey).where(
                PersonNameKey.person_id == due.person_id)).all()
            numbers = db.exec(select(IdentityDocument.number).where(
                IdentityDocument.person_id == due.person_id)).all()
            assert set(numbers) <= {""}
        retention = db.exec(select(AuditEvent).where(
            AuditEvent.action == AuditAction.RETENTION)).all()
        assert [e.detail for e in retention] == [
            {"rule": "closed_files", "count": len(preview.persons)}]
        anonymise = db.exec(select(AuditEvent).where(
            AuditEvent.action == AuditAction.ANONYMISE)).all()
        assert len(anonymise) == len(preview.persons)
    assert populated.retention.preview().persons == []  # nothing is anonymised twice


def test_apply_leaves_alone_a_file_reopened_since_the_preview(populated):
    populated.retention.set_rule(RetentionKind.CLOSED_FILES, 1, True)
    preview = populated.retention.preview()
    reopened = preview.persons[0]
    populated.case_files.change_status(reopened.case_id, CaseStatus.OPEN)
    populated.retention.apply(preview)
    assert not populated.retention.is_anonymised(reopened.person_id)


def test_search_forgets_an_anonymised_person_at_once(admin):
    case_id = rich_case(admin)
    assert admin.search.search("Bondarenko Iryna")
    view = admin.case_files.open(case_id)
    for member in view.members:
        admin.retention.anonymise_person(member.person.id)
    assert admin.search.search("Bondarenko Iryna") == []
    assert admin.search.search("Бондаренко") == []
    assert admin.search.search("88031200252") == []
    assert admin.search.search("FB765432") == []
    by_number = admin.search.search(view.case.file_number)  # the file keeps its number
    assert by_number and all(h.anonymised and h.display_name == "" and h.names == []
                             for h in by_number)


def test_a_household_with_no_one_left_identifiable_loses_its_text(admin):
    case_id = rich_case(admin)
    members = admin.case_files.open(case_id).members
    admin.retention.anonymise_person(members[0].person.id)
    engine = admin.session.engine
    with Session(engine) as db:  # the child is still named: the file's text stays
        assert any(n.body for n in db.exec(select(Note).where(Note.case_id == case_id)))
    admin.retention.anonymise_person(members[1].person.id)
    with Session(engine) as db:
        assert [n.body for n in db.exec(select(Note).where(Note.case_id == case_id))] == [
            ""] * len(db.exec(select(Note).where(Note.case_id == case_id)).all())
        household = db.get(CaseFile, case_id).household_id
        accommodation = db.exec(select(Accommodation).where(
            Accommodation.household_id == household)).one()
        assert (accommodation.street, accommodation.host_name) == ("", "")
        assert accommodation.municipality_refnis == "62063"  # the municipality is kept


def test_drafts_past_their_days_are_deleted(admin):
    from desktop.core.enums import DraftKind
    from desktop.core.intake_input import HouseholdInput, PersonInput
    from desktop.core.models import IntakeDraft

    draft_id = admin.drafts.save(DraftKind.INTAKE, HouseholdInput(
        members=[PersonInput(surname_lat="Melnyk")]))
    admin.retention.set_rule(RetentionKind.DRAFTS, 30, True)
    assert admin.retention.preview().drafts == []  # saved today (the machine's clock)
    with Session(admin.session.engine) as db:
        draft = db.get(IntakeDraft, draft_id)
        draft.saved_at = draft.saved_at.replace(year=2025)
        db.add(draft)
        db.commit()
    preview = admin.retention.preview()
    assert [d.draft_id for d in preview.drafts] == [draft_id]
    assert admin.retention.apply(preview).drafts == 1
    assert admin.drafts.mine() == []


def test_an_anonymised_intake_leaves_the_worklists(admin):
    from desktop.core.intake_input import HouseholdInput, PersonInput

    case_id = admin.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]), quick=True)

    def listed() -> set:
        return {item.case_id for worklist in admin.worklists.all() for item in worklist.items}

    assert case_id in listed()
    admin.retention.anonymise_person(admin.case_files.open(case_id).members[0].person.id)
    assert case_id not in listed()
