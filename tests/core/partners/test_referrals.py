"""A referral picks an entry of the directory, and its outcome is recorded with its date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop.core.enums import PartnerKind, ReferralStatus
from desktop.core.errors import ValidationError
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.partners import PartnerEntry

TODAY = date.today()


@pytest.fixture
def case_id(services):
    return services.intake.register(HouseholdInput(members=[PersonInput(
        surname_cyr="Коваль", given_name_cyr="Олена", surname_lat="Koval",
        given_name_lat="Olena", birth_date="1990")]))


@pytest.fixture
def partner_id(services):
    return services.partners.add(PartnerEntry(
        kind=PartnerKind.LANGUAGE_COURSES, name="Atelier de langue Horizon",
        municipalities=["62063"], street="Rue de l'Exemple 3", postal_code="4000",
        municipality_refnis="62063", languages=["uk", "fr"]))


def test_a_referral_to_a_directory_entry_keeps_its_id_and_its_name(services, case_id,
                                                                   partner_id):
    files = services.case_files
    files.add_referral(case_id, "", "cours de français", partner_id=partner_id)
    files.add_referral(case_id, "Horizon, antenne de Jupille", "", partner_id=partner_id)
    files.add_referral(case_id, "Croix-Rouge", "vêtements")  # free text still allowed
    referrals = files.open(case_id).referrals
    assert [(r.partner, r.partner_id) for r in referrals] == [
        ("Atelier de langue Horizon", partner_id),
        ("Horizon, antenne de Jupille", partner_id), ("Croix-Rouge", None)]
    assert all(r.status == ReferralStatus.SENT and r.referred_on == TODAY for r in referrals)
    assert all(r.outcome_on is None for r in referrals)


def test_an_unknown_entry_or_no_partner_at_all_is_refused(services, case_id):
    import uuid

    with pytest.raises(ValidationError) as refused:
        services.case_files.add_referral(case_id, "", "x", partner_id=uuid.uuid4())
    assert (refused.value.key, refused.value.field) == ("partners.not_found", "partner")
    with pytest.raises(ValidationError) as refused:
        services.case_files.add_referral(case_id, "  ", "x")
    assert refused.value.key == "case.partner_required"
    assert services.case_files.open(case_id).referrals == []


@pytest.mark.parametrize("status", [ReferralStatus.WAITING, ReferralStatus.ACCEPTED,
                                    ReferralStatus.COMPLETED, ReferralStatus.DECLINED,
                                    ReferralStatus.NO_SHOW])
def test_an_outcome_is_dated_today_or_on_the_day_said(services, case_id, partner_id, status):
    files = services.case_files
    referral = files.add_referral(case_id, "", "", partner_id=partner_id)
    files.set_referral_status(referral, status)
    (stored,) = files.open(case_id).referrals
    assert (stored.status, stored.outcome_on) == (status, TODAY)
    files.set_referral_status(referral, ReferralStatus.SENT)  # back before any outcome
    assert files.open(case_id).referrals[0].outcome_on is None


def test_an_outcome_date_before_sending_or_in_the_future_is_refused(services, case_id):
    files = services.case_files
    referral = files.add_referral(case_id, "FOREM", "")
    for day in (TODAY - timedelta(days=1), TODAY + timedelta(days=1)):
        with pytest.raises(ValidationError) as refused:
            files.set_referral_status(referral, ReferralStatus.ACCEPTED, on=day)
        assert (refused.value.key, refused.value.field) == ("case.outcome_date", "outcome_on")
    assert files.open(case_id).referrals[0].status == ReferralStatus.SENT
