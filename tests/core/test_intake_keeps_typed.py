"""Nothing typed in an intake is dropped silently: it is stored, or the check says why
before anything is saved."""

from sqlmodel import Session, select

from desktop.core.enums import AccommodationType
from desktop.core.intake_input import HouseholdInput, ReferralInput
from desktop.core.models import Accommodation
from tests.core.test_intake import child, fields_of, mother


def test_an_address_is_kept_while_the_kind_of_housing_is_not_known(services):
    household = HouseholdInput(members=[mother(), child()], street="Rue de la Gare 5",
                               postal_code="4000", municipality_refnis="62063")
    assert household.accommodation_type == ""  # "not known yet"
    services.intake.register(household)
    with Session(services.session.engine) as db:
        home = db.exec(select(Accommodation)).one()
    assert home.accommodation_type == AccommodationType.UNKNOWN
    assert (home.street, home.postal_code, home.municipality_refnis) == (
        "Rue de la Gare 5", "4000", "62063")


def test_nothing_typed_means_no_accommodation_row(services):
    services.intake.register(HouseholdInput(members=[mother()]))
    with Session(services.session.engine) as db:
        assert db.exec(select(Accommodation)).all() == []


def test_need_details_or_urgency_without_a_need_are_said_before_saving(services):
    household = HouseholdInput(members=[mother(specific_need_details="Insuline le matin",
                                               urgent_need=True)])
    assert fields_of(services.intake.check(household)) == {
        "members.0.specific_need_details": "intake.need_details_without_need",
        "members.0.specific_needs": "intake.urgent_without_need"}
    household.members[0].specific_needs = ["serious_medical_condition"]
    assert services.intake.check(household) == []


def test_a_referral_purpose_without_a_partner_is_said(services):
    household = HouseholdInput(members=[mother()],
                               referrals=[ReferralInput(partner="", purpose="Cours de français")])
    assert fields_of(services.intake.check(household)) == {
        "referrals.0.partner": "intake.referral_partner_required"}


def test_a_municipality_that_matches_nothing_is_said(services):
    household = HouseholdInput(members=[mother()], municipality_typed="Lüttichh")
    assert fields_of(services.intake.check(household)) == {
        "municipality_refnis": "intake.municipality_not_found"}
