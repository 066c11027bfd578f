"""The person's own copy gathers everything Relais holds about them, withholds what the law
lets a CPAS withhold (and says so), is refused to volunteers and is audited."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

import pytest
from sqlmodel import Session, select

from desktop.core.enums import AuditAction, NoteAudience, Role
from desktop.core.errors import AccessDenied, RelaisError
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.models import AuditEvent
from desktop.services import Services
from tests.conftest import login_as
from tests.rich_case import rich_case


def mother_and_case(services: Services) -> tuple[uuid.UUID, uuid.UUID]:
    case_id = rich_case(services)
    view = services.case_files.open(case_id)
    return view.members[0].person.id, case_id


def test_every_kind_of_record_is_in_the_copy(services):
    mother, case_id = mother_and_case(services)
    copy = services.subject_access.gather(mother)
    assert copy.person["surname_cyr"] == "Бондаренко"
    assert copy.person["national_number"] == "88031200252"
    assert copy.person["birth_date"] == "1988-03-12"
    assert copy.person["languages"] == ["uk", "ru"]
    assert [d["number"] for d in copy.identity_documents] == ["FB765432"]
    assert copy.protection_status[0]["attestation_on"]
    assert copy.specific_needs[0]["need_type"] == "serious_medical_condition"
    assert copy.specific_needs[0]["details"] == "insuline chaque jour"
    [household] = copy.households
    assert household["membership"]["relationship"] == "head"
    assert household["accommodations"][0]["host_name"] == "Famille Dupont"
    [case] = household["cases"]
    assert case["id"] == str(case_id) and case["status"] == "follow_up"
    assert case["needs"] == ["housing", "school", "psychosocial"]
    assert {t["title"] for t in case["tasks"]} == {"Renouveler l'annexe 15",
                                                  "Inscrire Maksym à l'école"}
    assert {r["partner"] for r in case["referrals"]} == {"FOREM", "Croix-Rouge"}
    assert case["aid_decisions"][0]["category"] == "family_at_charge"
    assert case["aid_decisions"][0]["piis"] is True
    assert copy.attachments == []
    notes = list(copy.notes())
    assert copy.note_count == len(notes)
    assert any(n["body"] == "Rendez-vous lundi." for n in notes)
    log = list(copy.access_log())
    assert {e["record"] for e in log} >= {"person", "identity_document", "protection_status",
                                          "specific_need", "household", "household_member",
                                          "accommodation", "case_file", "note", "task",
                                          "referral", "aid_decision"}


def test_an_internal_note_is_listed_with_its_date_and_author_role_but_not_its_text(services):
    mother, _case = mother_and_case(services)
    copy = services.subject_access.gather(mother)
    internal = [n for n in copy.notes() if n["withheld"]]
    assert len(internal) == 1
    assert internal[0]["body"] is None and internal[0]["created_at"]
    assert internal[0]["author_role"] == "administrator"
    assert internal[0]["audience"] == NoteAudience.SOCIAL_WORKERS.value
    assert "Enquête sociale commencée." not in str(list(copy.notes()))
    assert [(w.what, w.count) for w in copy.withheld] == [("internal_note_text", 1)]


def test_a_minor_child_is_in_a_parents_copy_and_the_parent_only_named_in_the_childs(services):
    mother, _case = mother_and_case(services)
    [child] = services.subject_access.gather(mother).households[0]["members"]
    assert child["shared"] == "full"
    assert child["person"]["given_name_lat"] == "Maksym"
    child_copy = services.subject_access.gather(uuid.UUID(child["person_id"]))
    [parent] = child_copy.households[0]["members"]
    assert parent["shared"] == "name_only" and "person" not in parent
    assert parent["relationship"] == "head"
    assert "88031200252" not in str(child_copy.households)


def test_another_adult_is_named_with_the_relationship_only(services):
    case_id = services.intake.register(HouseholdInput(members=[
        PersonInput(surname_lat="Koval", given_name_lat="Petro", sex="M",
                    birth_date="01/02/1980"),
        PersonInput(surname_lat="Koval", given_name_lat="Olha", sex="F",
                    birth_date="03/04/1982", relationship="spouse", phone="0470 99 88 77",
                    national_number="82040300209")]))
    view = services.case_files.open(case_id)
    copy = services.subject_access.gather(view.members[0].person.id)
    [spouse] = copy.households[0]["members"]
    assert spouse == {"person_id": str(view.members[1].person.id),
                      "name": "KOVAL Olha", "relationship": "spouse", "shared": "name_only"}
    assert [(w.what, w.count) for w in copy.withheld] == [("other_adults_details", 1)]


def test_a_volunteer_is_refused(vault, services):
    mother, _case = mother_and_case(services)
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    with pytest.raises(AccessDenied):
        volunteer.subject_access.gather(mother)


def test_a_social_worker_may_make_the_copy(vault, services):
    mother, _case = mother_and_case(services)
    worker = login_as(vault, services, "sophie", Role.SOCIAL_WORKER)
    assert worker.subject_access.gather(mother).person["id"] == str(mother)


def test_the_copy_is_audited_as_an_export_on_the_person(services):
    mother, _case = mother_and_case(services)
    services.subject_access.gather(mother)
    with Session(services.session.engine) as db:
        events = db.exec(select(AuditEvent).where(AuditEvent.action == AuditAction.EXPORT)
                         ).all()
    assert [(e.entity, e.entity_id, e.detail, e.actor_id) for e in events] == [
        ("person", mother, {"kind": "subject_access"}, services.session.actor.user_id)]


def test_the_access_log_lists_a_view_by_another_user(vault, services):
    mother, case_id = mother_and_case(services)
    worker = login_as(vault, services, "sophie", Role.SOCIAL_WORKER)
    worker.case_files.open(case_id)
    log = list(services.subject_access.gather(mother).access_log())
    views = [e for e in log if e["action"] == "view" and e["role"] == "social_worker"]
    assert views and views[-1]["who"] == "sophie" and views[-1]["record"] == "case_file"
    assert views[-1]["record_id"] == str(case_id) and views[-1]["origin"] == "local"
    assert datetime.fromisoformat(views[-1]["at"]).utcoffset() == timedelta(0)
    assert all(set(e) == {"at", "who", "role", "action", "record", "record_id", "fields",
                          "origin", "detail"} for e in log)
    changes = [e for e in log if e["action"] == "update"]
    assert changes and all(isinstance(name, str) for e in changes for name in e["fields"])
    # field names only: no value typed about the person reaches the log
    assert "0470 11 22 33" not in str(log) and "Бондаренко" not in str(log)


def test_an_unknown_person_is_said(services):
    with pytest.raises(RelaisError) as error:
        services.subject_access.gather(uuid.uuid4())
    assert error.value.key == "person.not_found"
