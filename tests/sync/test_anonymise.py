"""Anonymisation is an ordinary change: with a real central server process, a person
anonymised on one desktop is anonymised on the others after a sync, search there forgets
them, and no old value travels or stays on the central."""

from __future__ import annotations

import json

from sqlalchemy import select as core_select
from sqlmodel import Session, select

from central import models as central_models
from desktop.core.models import Person, SyncOutbox
from tests.sync.test_scenarios import edit, everyone_syncs, person


def _central_text(server, person_id) -> str:
    """Every value the central holds for the records of this person's organisation, as one
    text to search in (the central process serves other tests' organisations too)."""
    record = central_models.record.c
    with server.engine.connect() as connection:
        organisation = connection.execute(core_select(record.organisation_id).where(
            record.id == str(person_id), record.entity == "person")).scalar_one()
        rows = connection.execute(core_select(record["values"]).where(
            record.organisation_id == organisation)).all()
    return json.dumps([row[0] for row in rows], ensure_ascii=False)


def test_a_person_anonymised_on_one_desktop_is_anonymised_on_the_other(pair, central):
    a, b = pair
    yuliia = person(a).id
    assert b.services.search.search("Shevchenko Yuliia")
    a.services.retention.anonymise_person(yuliia)
    with Session(a.session.engine) as db:
        payloads = json.dumps([row.payload for row in db.exec(
            select(SyncOutbox).where(SyncOutbox.entity_id == yuliia))], ensure_ascii=False)
    assert "Shevchenko" not in payloads and "Шевченко" not in payloads
    everyone_syncs(a, b)
    with Session(b.session.engine) as db:
        there = db.get(Person, yuliia)
    assert there.anonymised_at is not None and there.surname_lat == "" == there.surname_cyr
    for query in ("Shevchenko Yuliia", "Шевченко", "Yuliia"):  # her child keeps the surname
        assert yuliia not in {hit.person_id for hit in b.services.search.search(query)}
    assert "Yuliia" not in _central_text(central, yuliia)
    assert a.records() == b.records()


def test_an_edit_synced_before_the_anonymisation_leaves_no_conflict_holding_it(pair, central):
    a, b = pair
    yuliia = person(a).id
    edit(b, yuliia, surname_lat="Chevtchenko", phone="+32 470 98 76 54")
    b.sync()  # the central has the new name; A anonymises on the version before it
    a.services.retention.anonymise_person(yuliia)
    report = a.sync()
    assert "conflict" not in report.pushed
    everyone_syncs(a, b)
    for place in (a, b):
        with Session(place.session.engine) as db:
            there = db.get(Person, yuliia)
        assert (there.surname_lat, there.phone) == ("", "")
        assert yuliia not in {hit.person_id for hit in place.services.search.search(
            "Chevtchenko")}
    text = _central_text(central, yuliia)
    assert "Chevtchenko" not in text and "98 76 54" not in text and "FA 123456" not in text


def test_an_edit_made_offline_after_the_anonymisation_does_not_bring_values_back(
        pair, central):
    """B had not heard of the anonymisation when its worker typed a new phone: once
    everyone has synced, the anonymised person holds no phone anywhere."""
    a, b = pair
    yuliia = person(a).id
    a.services.retention.anonymise_person(yuliia)
    a.sync()
    edit(b, yuliia, phone="+32 470 11 22 33")  # B, still on the version before
    everyone_syncs(a, b)
    for place in (a, b):
        with Session(place.session.engine) as db:
            there = db.get(Person, yuliia)
        assert there.anonymised_at is not None
        assert there.phone == "", there.phone
    assert "11 22 33" not in _central_text(central, yuliia)
