"""The coordinator page's partner services section on a real central (SQLite and
PostgreSQL): services counted by kind and area as the records say, waits hidden under five
outcomes, only the scope's services (and the regional entries of its area), nothing of a
person on the page."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from statistics import median

from sqlalchemy import insert, select, update

from central import models as m
from central.coordination.ecosystem.areas import province_of
from central.coordination.web.partners_view import area_label
from tests.central.coordinator_page.pages import coordinator, get, login, organisation
from tests.figures.records import (
    MONTH,
    Dataset,
    generate,
    municipalities,
    push_all,
    real_org,
)

OUR_KINDS = ("childcare", "legal_aid")  # kinds the other tests' generated data never use


def add_served(data: Dataset, places: list[str], waits: dict[str, list[int]]) -> None:
    """Childcare and legal aid services serving ``places`` (a service serving several
    municipalities counts in each), and referrals to them with the given waits in days."""
    partners = {
        "childcare": data.add("partner_service", {
            "kind": "childcare", "name": "Crèche Exemple", "scope": "local",
            "municipalities": places[:3], "municipality_refnis": places[0],
            "languages": ["uk", "fr"], "verified_on": "2026-02-10"}),
        "legal_aid": data.add("partner_service", {
            "kind": "legal_aid", "name": "Aide juridique Exemple", "scope": "local",
            "municipalities": [], "municipality_refnis": places[1], "languages": ["ru"]}),
    }
    data.add("partner_service", {"kind": "childcare", "name": "Unlisted Crèche",
                                 "scope": "local", "municipalities": places[:1],
                                 "listed": False})
    household = data.add("household", {"reference": "", "members_in_ukraine": 0})
    case = data.add("case_file", {"household_id": household, "file_number": "F-1",
                                  "status": "open", "opened_on": "2025-06-01",
                                  "closed_on": None})
    for kind, days_list in waits.items():
        for days in days_list:
            decided = date(2026, 3, 20)
            data.add("referral", {
                "case_id": case, "partner": "x", "purpose": "",
                "partner_id": partners[kind], "status": "accepted",
                "referred_on": (decided - timedelta(days=days)).isoformat(),
                "outcome_on": decided.isoformat()})


def test_services_by_kind_and_area_equal_the_records_and_short_waits_stay_hidden(central):
    refnis = real_org(central, "03000", "CPAS Partenaires Carte")
    places = [p for p in municipalities("03000") if province_of(p) == province_of(refnis)]
    served = [places[-1], places[-2], places[-3]]
    data = generate(51, 20, served[:2])
    add_served(data, served, {"childcare": [3, 10, 20, 30, 41, 60], "legal_aid": [5, 9, 90]})
    push_all(central.enrol(refnis), data)
    _, token = coordinator(central, f"province:{province_of(refnis)}")
    cookie = login(central, token)
    province = province_of(refnis)

    # Counted directly from the central's records: listed entries, a served municipality
    # each (else where it is), per kind, for the organisations of the province.
    with central.engine.connect() as connection:
        orgs = {row.id: row.refnis for row in connection.execute(
            select(m.organisation.c.id, m.organisation.c.refnis))
            if province_of(row.refnis) == province}
        rows = connection.execute(select(m.record.c.organisation_id, m.record.c["values"])
                                  .where(m.record.c.entity == "partner_service",
                                         m.record.c.deleted.is_(False))).all()
    expected: dict[tuple[str, str], int] = {}
    for org, values in rows:
        if org not in orgs or values.get("listed") is False or values["kind"] not in OUR_KINDS:
            continue
        for place in set(values.get("municipalities") or
                         [values.get("municipality_refnis") or orgs[org]]):
            expected[(place, values["kind"])] = expected.get((place, values["kind"]), 0) + 1

    for kind in OUR_KINDS:
        page = get(central, "/coordinator/partners", cookie, month=MONTH, kind=kind,
                   province=province, lang="en")
        assert page.status_code == 200, page.text[:500]
        table = page.text.split('<table class="services">')[1].split("</table>")[0]
        for line in table.split("<tr>")[2:]:
            place = line.split("(")[1].split(")")[0]
            count = int(line.split("</th><td>")[1].split("<")[0])
            assert count == expected.get((place, kind), 0), (place, kind)
        assert sum(1 for (_, k) in expected if k == kind) >= 1

    # By province: the childcare entry counts once in its province; the map says the same.
    page = get(central, "/coordinator/partners", cookie, month=MONTH, kind="childcare",
               lang="fr").text
    in_province = sum(1 for org, values in rows if org in orgs
                      and values.get("listed") is not False and values["kind"] == "childcare")
    assert f"{area_label(province, 'fr')}: {in_province}</title>" in page
    # Waits: childcare has 6 outcomes (median shown), legal aid 3 (hidden, "–").
    longest = page.split('<table class="longest">')[1].split("</table>")[0]
    assert f"<td>{median([3, 10, 20, 30, 41, 60]):g}</td><td>6</td>" in longest
    legal = get(central, "/coordinator/partners", cookie, month=MONTH, kind="legal_aid",
                lang="en").text
    services = legal.split('<table class="services">')[1].split("</table>")[0]
    assert "<td>–</td><td>&lt;5</td>" in services
    assert "Legal aid" not in legal.split('<table class="longest">')[1].split("</table>")[0] \
        if '<table class="longest">' in legal else True
    # The list of one kind and area: the partner's contact data, never the unlisted one.
    listing = get(central, "/coordinator/partners", cookie, month=MONTH, kind="childcare",
                  province=province, area=served[0], lang="nl").text
    entries = listing.split('<table class="entries">')[1].split("</table>")[0]
    assert "Crèche Exemple" in entries and "uk, fr" in entries and "2026-02-10" in entries
    assert "Unlisted" not in listing
    # Gaps: an area with people registered and no childcare.
    assert '<table class="gaps">' in page


def publish_regional(central, refnis: str, owner: str, name: str) -> None:
    """A regional entry as the central writes it into an organisation (publish)."""
    with central.engine.begin() as connection:
        org, seq = connection.execute(select(m.organisation.c.id, m.organisation.c.seq).where(
            m.organisation.c.refnis == refnis)).one()
        connection.execute(insert(m.record).values(
            organisation_id=org, entity="partner_service", id=str(uuid.uuid4()), version=1,
            deleted=False, values={"kind": "childcare", "name": name, "scope": "regional",
                                   "owner": owner, "municipalities": [refnis]},
            stamps={}, seq=seq + 1, updated_by=None, updated_at="2026-03-01T00:00:00+00:00",
            written_at=datetime.now(UTC)))
        connection.execute(update(m.organisation).where(m.organisation.c.id == org)
                           .values(seq=seq + 1))


def test_a_coordinator_sees_only_services_of_their_scope_and_its_regional_entries(central):
    wal = real_org(central, "03000", "CPAS Régional Carte")
    vlg = real_org(central, "02000", "OCMW Regionaal Kaart")
    for refnis in (wal, vlg):
        data = Dataset()
        data.add("partner_service", {"kind": "childcare", "scope": "local",
                                     "name": f"Kinderopvang {refnis}",
                                     "municipalities": [refnis]})
        push_all(central.enrol(refnis), data)
    publish_regional(central, wal, "region:WAL", "Régional Wallon Visible")
    publish_regional(central, wal, "region:VLG", "Regionaal Vlaams Verborgen")
    _, token = coordinator(central, "region:WAL")
    cookie = login(central, token)
    province = province_of(wal)
    page = get(central, "/coordinator/partners", cookie, month=MONTH, kind="childcare",
               province=province, area=wal, lang="fr").text
    assert f"Kinderopvang {wal}" in page and "Régional Wallon Visible" in page
    assert f"Kinderopvang {vlg}" not in page and "Verborgen" not in page
    other = get(central, "/coordinator/partners", cookie, month=MONTH, kind="childcare",
                province=province_of(vlg), area=vlg, lang="fr").text
    assert f"Kinderopvang {vlg}" not in other
    asked = get(central, "/coordinator/partners", cookie, month=MONTH, scope="region:VLG",
                lang="en")
    assert asked.status_code == 400 and f"Kinderopvang {vlg}" not in asked.text


def test_no_person_value_on_the_partner_pages_in_any_language(central):
    refnis, data = organisation(central, "03000", "CPAS Secrets Partenaires", 71,
                                households=40)
    _, token = coordinator(central, "region:WAL")
    cookie = login(central, token)
    province = province_of(refnis)
    for lang in ("fr", "nl", "de", "en"):
        for kind in ("language_courses", "housing", "mental_health", "other_service"):
            page = get(central, "/coordinator/partners", cookie, month=MONTH, kind=kind,
                       province=province, area=refnis, lang=lang)
            assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
            assert "<script" not in page.text
            assert sorted(s for s in data.secrets if s in page.text) == []
    assert get(central, "/coordinator/partners", "", month=MONTH).status_code == 303
