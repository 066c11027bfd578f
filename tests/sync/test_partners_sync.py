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
