"""The directory of partner services travels like every record: an entry an administrator
adds on one desktop arrives on the other desktops of the organisation through a real
central; a regional entry is the central's alone, no desktop may write one."""

from __future__ import annotations

from sqlmodel import Session, select

from desktop.core.enums import OutboxStatus, PartnerKind, PartnerScope
from desktop.core.models import PartnerService, SyncOutbox
from desktop.core.uow import UnitOfWork


def add_partner(place, **values) -> PartnerService:
    fields = {"kind": PartnerKind.LANGUAGE_COURSES, "name": "Atelier de langue Exemple",
              "municipalities": ["62063"], "languages": ["uk", "fr"], **values}
    with UnitOfWork(place.session.engine, place.session.actor) as uow:
        return uow.add(PartnerService(**fields))


def partners(place) -> list[PartnerService]:
    with Session(place.session.engine) as db:
        return list(db.exec(select(PartnerService)))


def test_a_partner_added_on_one_desktop_arrives_on_the_other(pair):
    a, b = pair
    added = add_partner(a, phone="+32 000 00 00 01", email="cours@example.org")
    a.sync()
    b.sync()
    (arrived,) = partners(b)
    assert arrived.id == added.id
    assert (arrived.name, arrived.kind, arrived.municipalities, arrived.languages) == (
        "Atelier de langue Exemple", PartnerKind.LANGUAGE_COURSES, ["62063"], ["uk", "fr"])
    assert (arrived.phone, arrived.email, arrived.listed) == (
        "+32 000 00 00 01", "cours@example.org", True)
    assert a.records() == b.records()


def test_the_central_refuses_a_regional_entry_written_by_a_desktop(pair):
    a, b = pair
    add_partner(a, name="Plateforme régionale Exemple", scope=PartnerScope.REGIONAL,
                owner="region:WAL")
    report = a.sync()
    assert report.pushed.get("rejected") == 1
    with Session(a.session.engine) as db:
        (row,) = db.exec(select(SyncOutbox).where(SyncOutbox.entity == "partner_service"))
        assert row.status == OutboxStatus.PROBLEM
    b.sync()
    assert partners(b) == []


def test_a_local_entry_cannot_be_turned_regional_by_a_desktop(pair):
    a, b = pair
    added = add_partner(a)
    a.sync()
    with UnitOfWork(a.session.engine, a.session.actor) as uow:
        uow.update(uow.session.get(PartnerService, added.id), scope=PartnerScope.REGIONAL)
    assert a.sync().pushed.get("rejected") == 1
    b.sync()
    assert [p.scope for p in partners(b)] == [PartnerScope.LOCAL]


def publish_regional(server, refnis: str, **values) -> str:
    """A regional entry written into one organisation's stream by the central's own writer
    (central/publishing/: relais-central partners import writes it into every organisation
    of the region; tests/sync/test_regional_directory.py drives that end to end)."""
    from sqlalchemy import select

    from central import models as m
    from central.db import write_connection
    from central.publishing.service import Published, write_record
    from desktop.core.ids import uuid7
    from desktop.sync.codec import record_values

    entry = PartnerService(kind=PartnerKind.INTEGRATION_PATHWAY, scope=PartnerScope.REGIONAL,
                           owner="region:WAL", **values)
    record_id = str(uuid7())
    with write_connection(server.engine) as db:
        org_id = db.execute(select(m.organisation.c.id).where(
            m.organisation.c.refnis == refnis)).scalar_one()
        write_record(db, org_id, Published(record_id, "region:WAL", 1, record_values(entry)))
        db.commit()
    return record_id


def test_a_regional_entry_from_the_central_reaches_the_desktops_read_only(pair, central):
    import uuid

    import pytest

    from desktop.core.errors import ValidationError
    from desktop.core.partners import PartnerEntry

    a, b = pair
    record_id = uuid.UUID(publish_regional(central, a.session.organisation.refnis,
                                           name="Plateforme régionale d'intégration",
                                           languages=["uk", "fr"]))
    for place in (a, b):
        place.sync()
        (arrived,) = place.services.partners.search()
        assert (arrived.id, arrived.scope, arrived.owner) == (
            record_id, PartnerScope.REGIONAL, "region:WAL")
        assert not place.services.partners.can_edit(arrived)
        with pytest.raises(ValidationError) as refused:
            place.services.partners.edit(record_id, PartnerEntry(
                kind=PartnerKind.OTHER, name="Autre nom"))
        assert refused.value.key == "partners.regional_read_only"
    # Written around the service, the change is still refused by the central.
    with UnitOfWork(a.session.engine, a.session.actor) as uow:
        uow.update(uow.session.get(PartnerService, record_id), name="Autre nom")
    assert a.sync().pushed.get("rejected") == 1
    b.sync()
    assert [p.name for p in b.services.partners.search()] == [
        "Plateforme régionale d'intégration"]
