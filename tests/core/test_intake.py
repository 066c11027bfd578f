"""Intake: validation as typed, role rules in the service, registration, drafts, duplicates."""

from datetime import date

import pytest
from sqlmodel import Session, select

from desktop.core.enums import DraftKind, Relationship, Role, Sex, SpecificNeedType
from desktop.core.errors import AccessDenied
from desktop.core.intake import IntakeRejected
from desktop.core.intake_input import DocumentInput, HouseholdInput, PersonInput
from desktop.core.models import (
    CaseFile,
    HouseholdMember,
    IdentityDocument,
    Note,
    Person,
    ProtectionStatus,
    SpecificNeed,
)
from tests.conftest import login_as


def mother(**changes) -> PersonInput:
    values = dict(
        surname_cyr="Шевченко", given_name_cyr="Юлія", surname_lat="Shevchenko",
        given_name_lat="Yuliia", sex=Sex.FEMALE.value, birth_date="30/07/1985",
        phone="+32 470 12 34 56", contact_consent=True,
        documents=[DocumentInput(number="FA 123456", issued_on="01/02/2019",
                                 expires_on="01/02/2029")],
        left_ukraine_on="01/03/2022", arrived_on="05/03/2022", attestation_on="10/03/2022",
        annex15_issued_on="10/03/2022",
    )
    values.update(changes)
    return PersonInput(**values)


def child() -> PersonInput:
    return PersonInput(surname_cyr="Шевченко", given_name_cyr="Андрій", surname_lat="Shevchenko",
                       given_name_lat="Andrii", sex=Sex.MALE.value, birth_date="2015",
                       relationship=Relationship.CHILD.value, dependant=True)


def fields_of(problems) -> dict[str, str]:
    return {p.field: p.key for p in problems}


def test_a_complete_household_registers_with_its_case(services):
    household = HouseholdInput(members=[mother(), child()], accommodation_type="host_family",
                               host_name="Famille Dupont", postal_code="4000",
                               municipality_refnis="62063", sleeps_tonight="Chez Mme Dupont")
    assert services.intake.check(household) == []
    case_id = services.intake.register(household)
    with Session(services.session.engine) as db:
        case = db.get(CaseFile, case_id)
        members = db.exec(select(HouseholdMember).where(
            HouseholdMember.household_id == case.household_id)).all()
        persons = [db.get(Person, m.person_id) for m in members]
        protection = db.exec(select(ProtectionStatus)).one()
        document = db.exec(select(IdentityDocument)).one()
        notes = db.exec(select(Note).where(Note.case_id == case_id)).all()
    assert case.file_number == f"{date.today().year}/000001"
    assert not case.to_be_completed
    assert case.assigned_worker_id == services.session.user.id
    assert {p.given_name_cyr for p in persons} == {"Юлія", "Андрій"}
    assert protection.annex15_expires_on == date(2022, 4, 24)  # 45 days after issue
    assert document.number == "FA123456"
    assert [n.body for n in notes] == ["Chez Mme Dupont"]
    assert services.search.search("Chevtchenko Ioulia")[0].case_id == case_id


@pytest.mark.parametrize(("changes", "field", "key"), [
    ({"birth_date": "31/02/1985"}, "members.0.birth_date", "date.impossible"),
    ({"birth_date": "yesterday"}, "members.0.birth_date", "date.unreadable"),
    ({"birth_date": "01/01/2099"}, "members.0.birth_date", "date.in_future"),
    ({"birth_date": ""}, "members.0.birth_date", "intake.birth_date_required"),
    ({"surname_cyr": "", "surname_lat": ""}, "members.0.surname_cyr",
     "intake.surname_required"),
    ({"national_number": "85073003329"}, "members.0.national_number", "nrn.checksum"),
    ({"national_number": "85073003328"}, "members.0.national_number", "nrn.sex_mismatch"),
    ({"arrived_on": "01/01/2022"}, "members.0.arrived_on", "intake.arrived_before_leaving"),
    ({"attestation_on": "01/03/2022"}, "members.0.attestation_on",
     "intake.attestation_before_arrival"),
    ({"annex15_expires_on": "01/03/2022"}, "members.0.annex15_expires_on",
     "intake.annex15_expires_before_issue"),
    ({"email": "not an address"}, "members.0.email", "intake.email_invalid"),
    ({"documents": [DocumentInput(number="12345")]}, "members.0.documents.0.number",
     "intake.ua_passport_format"),
    ({"documents": [DocumentInput(number="FA123456", issued_on="01/01/1980")]},
     "members.0.documents.0.issued_on", "intake.issued_before_birth"),
])
def test_each_problem_is_named_on_its_field_and_nothing_is_written(services, changes, field,
                                                                   key):
    household = HouseholdInput(members=[mother(**changes)])
    assert fields_of(services.intake.check(household)).get(field) == key
    with pytest.raises(IntakeRejected) as rejected:
        services.intake.register(household)
    assert any(p.field == field for p in rejected.value.problems)
    assert household.members[0].surname_lat in ("Shevchenko", "")  # the input is untouched
    with Session(services.session.engine) as db:
        assert db.exec(select(Person)).all() == []


def test_a_valid_nrn_that_agrees_with_birth_and_sex_is_stored(services):
    man = mother(given_name_cyr="Іван", given_name_lat="Ivan", sex=Sex.MALE.value,
                 national_number="85.07.30-033.28")
    services.intake.register(HouseholdInput(members=[man]))
    with Session(services.session.engine) as db:
        assert db.exec(select(Person)).one().national_number == "85073003328"


def test_a_household_needs_exactly_one_head(services):
    second_head = child()
    second_head.relationship = Relationship.HEAD.value
    problems = services.intake.check(HouseholdInput(members=[mother(), second_head]))
    assert ("members", "intake.one_head") in {(p.field, p.key) for p in problems}


def test_postal_code_must_belong_to_the_municipality(services):
    household = HouseholdInput(members=[mother()], municipality_refnis="62063",
                               postal_code="1000")
    assert fields_of(services.intake.check(household))["postal_code"] == \
        "intake.postal_code_mismatch"


def test_volunteers_do_quick_intakes_only_and_never_write_restricted_data(vault, services):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    with pytest.raises(AccessDenied):
        volunteer.intake.register(HouseholdInput(members=[mother()]))
    with pytest.raises(AccessDenied):
        volunteer.intake.register(HouseholdInput(members=[mother(
            national_number="85073003328")]), quick=True)
    with pytest.raises(AccessDenied):
        volunteer.intake.register(HouseholdInput(members=[mother(
            specific_needs=[SpecificNeedType.PREGNANCY.value],
            specific_need_details="due in May")]), quick=True)
    case_id = volunteer.intake.register(HouseholdInput(members=[mother(
        specific_needs=[SpecificNeedType.PREGNANCY.value], urgent_need=True)]), quick=True)
    with Session(services.session.engine) as db:
        case = db.get(CaseFile, case_id)
        need = db.exec(select(SpecificNeed)).one()
    assert case.to_be_completed and case.assigned_worker_id is None
    assert need.need_type == SpecificNeedType.PREGNANCY and need.urgent and need.details == ""
    volunteer.session.close()


def test_drafts_keep_everything_typed_and_belong_to_their_author(vault, services):
    half = HouseholdInput(members=[mother(birth_date="31/02/19"), child()],
                          needs=["housing", "school"])
    draft_id = services.drafts.save(DraftKind.INTAKE, half)
    [summary] = services.drafts.mine()
    assert summary.label == "Shevchenko Yuliia"
    restored = services.drafts.load(draft_id)
    assert restored == half
    other = login_as(vault, services, "sam", Role.SOCIAL_WORKER)
    assert other.drafts.mine() == []
    services.drafts.discard(draft_id)
    assert services.drafts.mine() == []
    other.session.close()


def test_duplicates_are_found_by_any_spelling_with_reasons(services):
    services.intake.register(HouseholdInput(members=[mother(), child()]))
    typed = PersonInput(surname_lat="Chevtchenko", given_name_lat="Ioulia",
                        birth_date="30/07/1985")
    [duplicate] = services.duplicates.find(typed)
    assert duplicate.reasons == ["duplicate.same_name", "duplicate.same_birth_date"]
    assert duplicate.file_number
    by_document = PersonInput(surname_lat="Kovalenko", given_name_lat="Olena",
                              birth_date="01/01/1990",
                              documents=[DocumentInput(number="fa123456")])
    assert services.duplicates.find(by_document)[0].reasons == ["duplicate.same_document"]
    by_phone = PersonInput(surname_lat="X", given_name_lat="Y", phone="0470/12.34.56")
    assert services.duplicates.find(by_phone)[0].reasons == ["duplicate.same_phone"]
    namesake = PersonInput(surname_cyr="Шевченко", given_name_cyr="Юлія",
                           birth_date="12/12/2001")
    assert services.duplicates.find(namesake) == []  # a shared name alone is not enough


def test_a_paper_form_registered_twice_is_refused_with_a_message(services):
    """The transcription screen checks first; the database guards the race (two windows,
    two desktops) and the person reads why."""
    from desktop.core.errors import ValidationError
    from desktop.core.i18n import Translator

    services.intake.register(HouseholdInput(members=[mother()], paper_reference="P-AAAA-BBBB"))
    with pytest.raises(ValidationError) as refused:
        services.intake.register(HouseholdInput(members=[mother(given_name_lat="Olena")],
                                                paper_reference="P-AAAA-BBBB"))
    assert refused.value.key == "intake.paper_reference_used"
    assert refused.value.field == "paper_reference"
    for language in ("fr", "nl", "de", "en", "uk"):
        assert "P-AAAA-BBBB" in refused.value.message(Translator(language))
    with Session(services.session.engine) as db:
        assert len(db.exec(select(CaseFile)).all()) == 1
