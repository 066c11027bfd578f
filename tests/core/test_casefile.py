"""The case file and the worklists, by role: what each role reads, who may change what."""

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from desktop.core.casefile import CaseFileService
from desktop.core.enums import (
    AidCategory,
    AuditAction,
    CaseStatus,
    ClosureReason,
    NoteAudience,
    Relationship,
    Role,
    Sex,
    SpecificNeedType,
)
from desktop.core.errors import AccessDenied, ValidationError
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput
from desktop.core.models import AuditEvent, CaseFile
from desktop.core.worklists import WorklistService
from tests.conftest import login_as

TODAY = date.today()


def d(days: int) -> str:
    return (TODAY + timedelta(days=days)).strftime("%d/%m/%Y")


@pytest.fixture
def case_id(services):
    mother = PersonInput(
        surname_cyr="Шевченко", given_name_cyr="Юлія", surname_lat="Shevchenko",
        given_name_lat="Yuliia", sex=Sex.MALE.value, birth_date="30/07/1985",
        national_number="85073003328", arrived_on=d(-100), attestation_on=d(-95),
        annex15_issued_on=d(-30), documents=[DocumentInput(number="FA123456",
                                                           expires_on=d(20))],
        specific_needs=[SpecificNeedType.SERIOUS_MEDICAL_CONDITION.value],
        specific_need_details="insulin every day")
    child = PersonInput(surname_lat="Shevchenko", given_name_lat="Andrii", birth_date="2015",
                        relationship=Relationship.CHILD.value)
    case = services.intake.register(HouseholdInput(members=[mother, child]))
    services.case_files.add_note(case, "Social investigation started.",
                                 NoteAudience.SOCIAL_WORKERS)
    services.case_files.add_note(case, "Appointment on Monday.", NoteAudience.EVERYONE)
    return case


def test_the_case_file_shows_people_documents_reminders_and_history(services, case_id):
    view = services.case_files.open(case_id)
    assert [m.display_name for m in view.members] == [
        "SHEVCHENKO Yuliia (ШЕВЧЕНКО Юлія)", "SHEVCHENKO Andrii"]
    assert view.members[0].person.national_number == "85073003328"
    assert view.members[0].needs[0].details == "insulin every day"
    keys = {r.key for r in view.reminders}
    assert keys == {"reminder.annex15_expiring", "reminder.no_a_card",
                    "reminder.document_expiring"}
    assert len(view.notes) == 2
    assert view.aid == [] and not view.has_piis
    assert {h.entity for h in view.history} >= {"case_file", "person", "note"}
    with Session(services.session.engine) as db:
        opened = db.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.VIEW,
                                                  AuditEvent.entity_id == case_id)).all()
    assert len(opened) == 1


def test_a_volunteer_reads_without_restricted_data_and_changes_nothing(vault, services,
                                                                       case_id):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    view = volunteer.case_files.open(case_id)
    assert view.members[0].person.national_number is None
    assert view.members[0].needs[0].need_type == SpecificNeedType.SERIOUS_MEDICAL_CONDITION
    assert view.members[0].needs[0].details == ""
    assert [n.body for n in view.notes] == ["Appointment on Monday."]
    assert view.aid is None
    for change in (
        lambda: volunteer.case_files.add_note(case_id, "x", NoteAudience.EVERYONE),
        lambda: volunteer.case_files.change_status(case_id, CaseStatus.FOLLOW_UP),
        lambda: volunteer.case_files.record_aid(case_id, AidCategory.ISOLATED, TODAY, None,
                                                True),
    ):
        with pytest.raises(AccessDenied):
            change()
    # ...and the stored values were not touched by blanking them for the volunteer.
    assert services.case_files.open(case_id).members[0].person.national_number == \
        "85073003328"
    volunteer.session.close()


def test_status_changes_need_a_reason_to_close_and_a_destination_to_transfer(services,
                                                                              case_id):
    files = services.case_files
    files.change_status(case_id, CaseStatus.FOLLOW_UP)
    with pytest.raises(ValidationError, match="closure_reason_required"):
        files.change_status(case_id, CaseStatus.CLOSED)
    with pytest.raises(ValidationError, match="destination_required"):
        files.change_status(case_id, CaseStatus.CLOSED, ClosureReason.MOVED)
    files.change_status(case_id, CaseStatus.CLOSED, ClosureReason.MOVED, "44021")
    case = files.open(case_id).case
    assert (case.status, case.closure_reason, case.destination_refnis, case.closed_on) == (
        CaseStatus.CLOSED, ClosureReason.MOVED, "44021", TODAY)
    files.change_status(case_id, CaseStatus.OPEN)  # reopened
    assert files.open(case_id).case.closure_reason is None


def test_tasks_referrals_and_aid_with_piis(services, case_id):
    files = services.case_files
    task = files.add_task(case_id, "Renew the A card", TODAY + timedelta(days=3),
                          services.session.user.id)
    referral = files.add_referral(case_id, "FOREM", "job search")
    files.record_aid(case_id, AidCategory.FAMILY_AT_CHARGE, TODAY, TODAY, piis=True)
    view = files.open(case_id)
    assert [t.title for t in view.tasks] == ["Renew the A card"]
    assert view.referrals[0].partner == "FOREM"
    assert view.has_piis
    files.complete_task(task)
    assert files.open(case_id).tasks[0].done_at is not None
    assert referral


def test_worklists_gather_what_needs_doing(services, case_id):
    services.case_files.add_task(case_id, "Call the school", TODAY - timedelta(days=1),
                                 services.session.user.id)
    quick = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]), quick=True)
    lists = {w.key: w for w in services.worklists.all()}
    assert [i.label for i in lists["worklist.my_tasks"].items] == ["Call the school"]
    assert lists["worklist.my_tasks"].items[0].kind == "worklist.task_overdue"
    expiring = lists["worklist.expiring"].items
    assert {i.kind for i in expiring} == {"worklist.annex15", "worklist.document"}
    assert all(i.case_id == case_id for i in expiring)
    assert lists["worklist.no_piis"].total == 2
    assert [i.case_id for i in lists["worklist.to_complete"].items] == [quick]
    services.case_files.record_aid(case_id, AidCategory.ISOLATED, TODAY, None, piis=True)
    services.case_files.mark_completed(quick)
    lists = {w.key: w for w in services.worklists.all()}
    assert lists["worklist.no_piis"].total == 1
    assert lists["worklist.to_complete"].total == 0


def test_volunteers_worklists_leave_out_aid(vault, services, case_id):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    assert "worklist.no_piis" not in {w.key for w in volunteer.worklists.all()}
    volunteer.session.close()


def test_unknown_case(services):
    import uuid

    from desktop.core.errors import RelaisError

    with pytest.raises(RelaisError, match=r"case\.not_found"):
        services.case_files.open(uuid.uuid4())
    assert CaseFileService and WorklistService and CaseFile


def test_a_person_is_edited_later_with_the_intake_rules(services, case_id):
    person_id = services.case_files.open(case_id).members[0].person.id
    form = services.people.form(person_id)
    assert form.national_number == "85073003328" and form.birth_date == "30/07/1985"
    assert form.documents[0].number == "FA123456"
    form.a_card_issued_on = d(-1)
    form.a_card_expires_on = "04/03/2027"
    form.a_card_number = "B1234567890"
    form.phone = "+32 470 00 00 01"
    form.national_number = "85073003329"
    with pytest.raises(ValidationError) as rejected:
        services.people.save(person_id, form)
    assert rejected.value.field == "members.0.national_number"
    form.national_number = "85073003328"
    changed = services.people.save(person_id, form)
    assert changed == ["phone"]
    view = services.case_files.open(case_id)
    assert view.members[0].protection.a_card_number == "B1234567890"
    assert "reminder.no_a_card" not in {r.key for r in view.reminders}
    assert "reminder.annex15_expiring" not in {r.key for r in view.reminders}


def test_volunteers_cannot_edit_persons(vault, services, case_id):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    person_id = services.case_files.open(case_id).members[0].person.id
    with pytest.raises(AccessDenied):
        volunteer.people.form(person_id)
    volunteer.session.close()


def test_a_volunteers_history_does_not_reveal_restricted_records(vault, services, case_id):
    """Aid decisions and social workers' notes exist for this case; a volunteer's history
    lists neither, not even as 'created · note' lines (filtered in the service)."""
    services.case_files.record_aid(case_id, AidCategory.ISOLATED, TODAY,
                                   TODAY, piis=True)
    worker_history = services.case_files.open(case_id).history
    assert [h.entity for h in worker_history].count("note") == 2
    assert "aid_decision" in {h.entity for h in worker_history}
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    history = volunteer.case_files.open(case_id).history
    assert "aid_decision" not in {h.entity for h in history}
    assert [h.entity for h in history].count("note") == 1  # the note for everyone
    assert {h.entity for h in history} >= {"case_file", "person"}
    volunteer.session.close()


def test_ticked_needs_are_kept_as_codes_of_the_case_not_as_a_note(services):
    person = PersonInput(surname_lat="Bondarenko", given_name_lat="Iryna", sex=Sex.FEMALE.value,
                         birth_date="01/02/1990")
    case_id = services.intake.register(HouseholdInput(members=[person],
                                                      needs=["housing", "school"]))
    view = services.case_files.open(case_id)
    assert view.case.needs == ["housing", "school"]
    assert [n.body for n in view.notes] == []


def test_an_old_needs_note_moves_to_the_case_when_the_database_is_upgraded(services, case_id):
    from importlib import import_module

    step = import_module("desktop.store.migrations.versions.0006_case_needs")
    services.case_files.add_note(case_id, "housing · school", NoteAudience.EVERYONE)
    services.case_files.add_note(case_id, "school", NoteAudience.EVERYONE)
    with services.session.engine.begin() as connection:
        step.move_needs_out_of_notes(connection)
    view = services.case_files.open(case_id)
    assert view.case.needs == ["housing", "school"]
    assert [n.body for n in view.notes] == ["Appointment on Monday.",
                                            "Social investigation started."]


def test_a_workers_own_note_saying_housing_stays_a_note(services, case_id):
    from datetime import timedelta
    from importlib import import_module

    from sqlalchemy import text

    step = import_module("desktop.store.migrations.versions.0006_case_needs")
    services.case_files.add_note(case_id, "school · housing", NoteAudience.EVERYONE)  # not
    # the intake's order
    services.case_files.add_note(case_id, "housing", NoteAudience.EVERYONE)
    with services.session.engine.begin() as connection:
        # The second note was written a day after the case was opened, not by the intake.
        connection.execute(text("UPDATE note SET created_at = :later WHERE body = 'housing'"),
                           {"later": (services.case_files.open(case_id).case.created_at
                                      + timedelta(days=1)).isoformat(sep=" ")})
        step.move_needs_out_of_notes(connection)
    view = services.case_files.open(case_id)
    assert not view.case.needs
    assert {"school · housing", "housing"} <= {n.body for n in view.notes}


def test_an_old_merge_note_becomes_values_read_in_words(services, case_id):
    from importlib import import_module

    from desktop.core.i18n import Translator
    from desktop.core.notes import note_text

    step = import_module("desktop.store.migrations.versions.0006_case_needs")
    services.case_files.add_note(case_id, "[merge] birth_date: 1985-07; sex: F",
                                 NoteAudience.SOCIAL_WORKERS)
    services.case_files.add_note(case_id, "[merge] is what I wrote: fine", NoteAudience.EVERYONE)
    with services.session.engine.begin() as connection:
        step.merge_notes_as_values(connection)
    notes = {n.body: n for n in services.case_files.open(case_id).notes}
    assert "[merge] is what I wrote: fine" in notes  # a person's own text is left alone
    merged = notes[""]
    assert merged.merged_values == {"birth_date": "1985-07", "sex": "F"}
    assert note_text(Translator("en"), merged) == (
        "Values of the merged record that differ from this one: "
        "Date of birth: 07/1985; Sex: Female")


def test_the_same_aid_decision_is_not_recorded_twice(services, case_id):
    """Same case, same day, same category: a second click says so and records nothing."""
    files = services.case_files
    files.record_aid(case_id, AidCategory.ISOLATED, TODAY, TODAY, piis=True)
    with pytest.raises(ValidationError) as raised:
        files.record_aid(case_id, AidCategory.ISOLATED, TODAY, TODAY, piis=True)
    assert raised.value.key == "case.aid_duplicate"
    files.record_aid(case_id, AidCategory.FAMILY_AT_CHARGE, TODAY, TODAY, piis=False)
    files.record_aid(case_id, AidCategory.ISOLATED, TODAY - timedelta(days=1), None, piis=False)
    # The same day and category with the PIIS box set otherwise is a correction, recorded.
    files.record_aid(case_id, AidCategory.ISOLATED, TODAY, TODAY, piis=False)
    assert len(files.open(case_id).aid) == 4
