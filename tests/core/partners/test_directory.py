"""The partner directory: who may keep it, what it refuses, how it is searched."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from desktop.core.enums import AuditAction, PartnerKind, PartnerScope, Role
from desktop.core.errors import AccessDenied, RelaisError, ValidationError
from desktop.core.models import AuditEvent, PartnerService
from desktop.core.partners import PartnerEntry, PartnerFilter, entry_of
from desktop.core.uow import UnitOfWork
from tests.conftest import login_as

LIEGE, NAMUR, GENT = "62063", "92094", "44021"


def entry(**values) -> PartnerEntry:
    fields = {"kind": PartnerKind.LANGUAGE_COURSES, "name": "Atelier de langue Exemple",
              "municipalities": [LIEGE], "languages": ["uk", "fr"], **values}
    return PartnerEntry(**fields)


def test_an_administrator_adds_a_local_entry_kept_as_typed_and_owned_by_the_cpas(services):
    added = services.partners.add(entry(
        name="  Atelier\u200b de langue Exemple ", street="Rue de l'Exemple 3",
        postal_code="4000", municipality_refnis=LIEGE, phone="+32 000 00 00 01",
        email="cours@example.org", website="https://example.org/cours",
        languages=["UK", "fr", "uk"], opening_hours="Lu–ve 9:00–17:00",
        waiting="Environ 3 semaines", waiting_days=21, verified_on=date(2026, 11, 2)))
    partner = services.partners.get(added)
    assert partner.name == "Atelier de langue Exemple"  # cleaned: invisible and spaces
    assert partner.languages == ["uk", "fr"]  # lower case, each once
    assert (partner.scope, partner.owner, partner.listed) == (PartnerScope.LOCAL, LIEGE, True)
    assert entry_of(partner).waiting_days == 21


def test_social_workers_and_volunteers_read_the_directory_but_do_not_keep_it(vault, services):
    services.partners.add(entry())
    for role in (Role.SOCIAL_WORKER, Role.VOLUNTEER):
        other = login_as(vault, services, f"user_{role.value}", role)
        assert [p.name for p in other.partners.search()] == ["Atelier de langue Exemple"]
        assert not other.partners.can_edit()
        with pytest.raises(AccessDenied):
            other.partners.add(entry(name="Autre"))
        with pytest.raises(AccessDenied):
            other.partners.load_examples()


@pytest.mark.parametrize(("values", "field", "key"), [
    ({"name": "   "}, "name", "partners.name_required"),
    ({"name": "x" * 201}, "name", "text.too_long"),
    ({"opening_hours": "x" * 501}, "opening_hours", "text.too_long"),
    ({"postal_code": "40000"}, "postal_code", "partners.bad_postal_code"),
    ({"email": "cours at example"}, "email", "partners.bad_email"),
    ({"municipalities": ["99999"]}, "municipalities", "org.unknown_refnis"),
    ({"municipality_refnis": "12"}, "municipality_refnis", "org.unknown_refnis"),
    ({"languages": ["ukrainian"]}, "languages", "partners.bad_language"),
    ({"waiting_days": -1}, "waiting_days", "partners.bad_waiting_days"),
    ({"verified_on": date(2999, 1, 1)}, "verified_on", "partners.bad_verified_on"),
])
def test_what_cannot_be_stored_is_refused_naming_its_field(services, values, field, key):
    with pytest.raises(ValidationError) as refused:
        services.partners.add(entry(**values))
    assert (refused.value.key, refused.value.field) == (key, field)
    assert services.partners.search(PartnerFilter(include_unlisted=True)) == []


def test_search_by_kind_municipality_language_and_words(services):
    directory = services.partners
    course = directory.add(entry())
    housing = directory.add(entry(kind=PartnerKind.HOUSING, name="Logement Horizon",
                                  municipalities=[NAMUR], languages=["fr", "en"]))
    everywhere = directory.add(entry(kind=PartnerKind.LEGAL_AID, name="Permanence Balance",
                                     municipalities=[], languages=["nl"]))
    located = directory.add(entry(kind=PartnerKind.HEALTH, name="Maison médicale",
                                  municipalities=[NAMUR], municipality_refnis=GENT,
                                  languages=[]))

    def ids(**wanted):
        return [p.id for p in directory.search(PartnerFilter(**wanted))]

    assert ids() == [course, housing, located, everywhere]  # by kind, then name
    assert ids(kind=PartnerKind.HOUSING) == [housing]
    assert ids(municipality=LIEGE) == [course, everywhere]  # serves it, or everywhere
    assert ids(municipality=GENT) == [located, everywhere]  # or is located there
    assert ids(language="uk") == [course]
    assert ids(text="MEDICALE") == [located]  # case and accents ignored
    assert ids(text="logement namur") == []  # every word must be found


def test_an_unlisted_entry_is_no_longer_proposed_but_stays(services):
    added = services.partners.add(entry())
    services.partners.set_listed(added, False)
    assert services.partners.search() == []
    assert [p.id for p in services.partners.search(PartnerFilter(include_unlisted=True))] \
        == [added]
    services.partners.set_listed(added, True)
    assert len(services.partners.search()) == 1


def test_an_edit_changes_only_what_differs_and_is_audited(services, session):
    added = services.partners.add(entry())
    changed = services.partners.edit(added, entry(phone="+32 000 00 00 09"))
    assert changed == ["phone"]
    with Session(session.engine) as db:
        updates = db.exec(select(AuditEvent).where(
            AuditEvent.entity == "partner_service", AuditEvent.action == AuditAction.UPDATE))
        assert [event.fields for event in updates] == [["phone"]]


def test_a_regional_entry_cannot_be_changed_on_a_desktop_even_by_an_administrator(
        services, session):
    with UnitOfWork(session.engine, session.actor) as uow:  # as a pull from the central
        regional = uow.add(PartnerService(kind=PartnerKind.INTEGRATION_PATHWAY,
                                          name="Parcours régional", scope=PartnerScope.REGIONAL,
                                          owner="region:WAL")).id
    partner = services.partners.get(regional)
    assert services.partners.can_edit() and not services.partners.can_edit(partner)
    for attempt in (lambda: services.partners.edit(regional, entry(name="Autre")),
                    lambda: services.partners.set_listed(regional, False)):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.key == "partners.regional_read_only"
    assert services.partners.get(regional).name == "Parcours régional"


def test_an_unknown_entry_is_said(services):
    import uuid

    with pytest.raises(RelaisError) as missing:
        services.partners.get(uuid.uuid4())
    assert missing.value.key == "partners.not_found"


def test_the_examples_are_synthetic_placed_at_home_and_loaded_once(services):
    assert services.partners.load_examples() == 12
    loaded = services.partners.search()
    assert {p.kind for p in loaded} == set(PartnerKind)  # one of each kind
    for partner in loaded:
        assert partner.email.endswith("@example.org")
        assert partner.phone.startswith("+32 000 ")
        assert partner.website.startswith("https://example.org/")
        assert partner.municipalities == [LIEGE] and partner.municipality_refnis == LIEGE
        assert partner.postal_code == "4000"
    assert "Atelier de langue Horizon" in {p.name for p in loaded}  # Liège writes French
    assert services.partners.load_examples() == 0
    assert len(services.partners.search()) == 12


def test_demo_referrals_name_entries_of_the_directory_with_their_outcome_dates(services, session):
    from desktop.core.enums import REFERRAL_OUTCOMES
    from desktop.core.models import Referral

    services.partners.load_examples()
    services.demo.generate(150, seed=3)
    names = {p.id: p.name for p in services.partners.search()}
    with Session(session.engine) as db:
        referrals = list(db.exec(select(Referral)))
    assert referrals and all(r.partner_id in names for r in referrals)
    assert all(r.partner == names[r.partner_id] for r in referrals)
    assert all((r.outcome_on is not None) == (r.status in REFERRAL_OUTCOMES) for r in referrals)


def test_a_search_sees_what_another_service_or_process_wrote_since(services, session):
    from desktop.services import Services

    other = Services.for_session(session).partners  # as another window or a CLI import
    added = services.partners.add(entry())
    assert [p.name for p in services.partners.search()] == ["Atelier de langue Exemple"]
    other.edit(added, entry(name="Atelier renommé"))
    assert [p.name for p in services.partners.search()] == ["Atelier renommé"]
    other.add(entry(name="Deuxième"))
    assert len(services.partners.search()) == 2
    with UnitOfWork(session.engine, session.actor) as uow:
        uow.delete(uow.session.get(PartnerService, added))
    assert [p.name for p in services.partners.search()] == ["Deuxième"]
