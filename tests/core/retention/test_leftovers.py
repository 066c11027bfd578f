"""Where old values linger in this database: the outbox's payloads (sent or not), sync
conflicts and parked records forget an anonymised person's values in the same transaction."""

from __future__ import annotations

import json

from sqlmodel import Session, select

from desktop.core.enums import ConflictStatus
from desktop.core.models import Note, Person, SyncConflict, SyncOutbox, SyncParked
from desktop.core.uow import UnitOfWork, attach_observer
from desktop.sync.outbox import Outbox
from tests.rich_case import rich_case


def test_outbox_conflicts_and_parked_records_forget_the_old_values(services):
    engine, actor = services.session.engine, services.session.actor
    attach_observer(engine, Outbox())  # as on an enrolled desktop
    case_id = rich_case(services)
    mother = services.case_files.open(case_id).members[0].person.id
    with UnitOfWork(engine, actor) as uow:
        conflict = uow.add(SyncConflict(entity="person", entity_id=mother, field="phone",
                                        base="0470 11 22 33", theirs="0470 44 55 66",
                                        mine="0470 77 88 99"))
    with Session(engine) as db:
        db.add(SyncParked(entity_id=mother, entity="person", version=9,
                          record={"values": {"surname_lat": "Bondarenko"}}, reason="test"))
        db.commit()
    services.retention.anonymise_person(mother)
    with Session(engine) as db:
        rows = db.exec(select(SyncOutbox).where(SyncOutbox.entity_id == mother)).all()
        text = json.dumps([row.payload for row in rows], ensure_ascii=False)
        assert "Bondarenko" not in text and "Бондаренко" not in text
        assert "88031200252" not in text and "0470" not in text and "1988-03-12" not in text
        erase = [row.payload for row in rows if row.payload.get("erase")]
        assert erase and all(pair[0] is None for row in erase
                             for pair in row["fields"].values())
        settled = db.get(SyncConflict, conflict.id)
        assert (settled.base, settled.theirs, settled.mine) == ("", "", "")
        assert settled.status == ConflictStatus.RESOLVED
        assert db.exec(select(SyncParked)).all() == []
        # the record merged into her, a tombstone, kept its names until now
        assert "iryna@example.org" not in text
        assert db.exec(select(Person).where(Person.surname_lat == "Bondarenko",
                                            Person.given_name_lat == "Iryna")).all() == []
        notes = db.exec(select(Note).where(Note.case_id == case_id)).all()
        assert [n.merged_values for n in notes] == [None] * len(notes)
        assert any(n.body for n in notes)  # her child is still named: the notes stay
