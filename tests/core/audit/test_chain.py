"""The audit trail is a hash chain: with the database key in hand, deleting, editing or
reordering an event, or cutting the newest off, is found by verification, naming the first
broken event; events chained on another desktop verify on their own chain."""

import uuid

import pytest
from alembic import command
from sqlalchemy import text

from desktop.core.audit.chain import append_events, verify
from desktop.core.enums import AuditAction
from desktop.core.uow import UnitOfWork
from desktop.store import migrate
from tests.conftest import ADMIN_PASSWORD


def _audit_some(session, count: int = 6) -> None:
    for number in range(count):
        with UnitOfWork(session.engine, session.actor) as uow:
            uow.record_access(AuditAction.VIEW, "case_file", uuid.uuid4(),
                              detail={"n": number} if number % 2 else None)


def _check(session):
    with session.engine.connect() as connection:
        return verify(connection)


def _seqs(session) -> list[int]:
    with session.engine.connect() as connection:
        return [row[0] for row in connection.execute(
            text("SELECT seq FROM audit_event ORDER BY seq"))]


def test_events_written_through_every_path_verify(session, services):
    _audit_some(session)
    services.users.add_user("marie", "social_worker", "Temporary-Pass-2026")
    result = _check(session)
    assert result.intact and result.chains == 1
    assert result.events == len(_seqs(session)) >= 8
    assert _seqs(session) == list(range(1, result.events + 1))


def test_a_deleted_event_is_found_by_its_number(session):
    _audit_some(session)
    with session.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_event WHERE seq = 4"))
    broken = _check(session).broken
    assert broken is not None and broken.seq == 4 and broken.reason == "missing"


@pytest.mark.parametrize("edit", [
    "UPDATE audit_event SET action = 'update' WHERE seq = 3",
    "UPDATE audit_event SET detail = '{\"n\": 9}' WHERE seq = 3",
    "UPDATE audit_event SET at = datetime(at, '-1 day') WHERE seq = 3",
    "UPDATE audit_event SET actor_id = randomblob(16) WHERE seq = 3",
    "UPDATE audit_event SET fields = '[\"phone\"]' WHERE seq = 3",
])
def test_an_edited_event_is_named(session, edit):
    _audit_some(session)
    with session.engine.begin() as connection:
        event_id = connection.execute(text("SELECT id FROM audit_event WHERE seq = 3")).scalar()
        connection.execute(text(edit))
    broken = _check(session).broken
    assert broken is not None and broken.reason == "edited"
    assert broken.seq == 3 and broken.event_id == uuid.UUID(bytes=event_id)


def test_reordered_events_are_found(session):
    _audit_some(session)
    with session.engine.begin() as connection:  # swap the numbers of two events
        connection.execute(text("UPDATE audit_event SET seq = -1 WHERE seq = 2"))
        connection.execute(text("UPDATE audit_event SET seq = 2 WHERE seq = 5"))
        connection.execute(text("UPDATE audit_event SET seq = 5 WHERE seq = -1"))
    broken = _check(session).broken
    assert broken is not None and broken.seq == 2 and broken.reason == "edited"


def test_cutting_off_the_newest_events_is_found(session):
    _audit_some(session)
    last = _seqs(session)[-1]
    with session.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_event WHERE seq >= :s"), {"s": last - 1})
    broken = _check(session).broken
    assert broken is not None and broken.reason == "cut" and broken.seq == last - 1


def test_deleting_every_event_is_found(session):
    _audit_some(session)
    with session.engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_event"))
    broken = _check(session).broken
    assert broken is not None and broken.reason == "cut"


def test_another_desktops_chain_verifies_on_its_own(session, tmp_path):
    """Merged events keep their chain: chained on another database, copied in, both verify."""
    from desktop.core.models import AuditEvent, AuditHead
    from desktop.store.engine import open_engine

    _audit_some(session)
    other = open_engine(tmp_path / "other.db", session._data_key)
    tables = [AuditEvent.__table__, AuditHead.__table__]
    AuditEvent.metadata.create_all(other, tables=tables)
    with other.begin() as connection:
        append_events(connection, [{"action": AuditAction.LOGIN, "entity": "user_account",
                                     "entity_id": uuid.uuid4()} for _ in range(3)])
        foreign = [dict(row) for row in connection.execute(
            AuditEvent.__table__.select()).mappings()]
    other.dispose()
    before = len(_seqs(session))
    with session.engine.begin() as connection:
        connection.execute(AuditEvent.__table__.insert(), foreign)
    result = _check(session)
    assert result.intact and result.chains == 2 and result.events == before + 3
    with session.engine.begin() as connection:  # and a break in the foreign chain is found
        connection.execute(text("UPDATE audit_event SET entity = 'person' WHERE id = :id"),
                           {"id": foreign[1]["id"].bytes})
    broken = _check(session).broken
    assert broken is not None and broken.event_id == foreign[1]["id"]


def test_events_written_before_the_chain_are_chained_by_the_upgrade(vault, session):
    _audit_some(session)
    config = migrate._config()
    with session.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    session.close()
    upgraded = vault.login("admin", ADMIN_PASSWORD)
    with upgraded.engine.connect() as connection:
        result = verify(connection)
    assert result.intact and result.chains == 1 and result.events >= 7
    upgraded.close()


def _head(session):
    from desktop.core.audit.chain import Anchor

    with session.engine.connect() as connection:
        chain, seq, link = connection.execute(
            text("SELECT chain_id, seq, hash FROM audit_head")).one()
    return Anchor(uuid.UUID(bytes=chain), seq, bytes(link))


def test_a_chain_rebuilt_from_a_point_is_found_against_a_link_kept_outside(session):
    """The limit of any hash chain: rebuilt whole from event 3 on, it holds together. A head
    kept outside before (as a backup's manifest keeps it) shows the rewrite."""
    _audit_some(session)
    kept = _head(session)
    with session.engine.begin() as connection:
        three = connection.execute(text("SELECT hash FROM audit_event WHERE seq = 2")).scalar()
        connection.execute(text("DELETE FROM audit_event WHERE seq >= 3"))
        connection.execute(text("UPDATE audit_head SET seq = 2, hash = :h"), {"h": three})
        append_events(connection, [{"action": AuditAction.VIEW, "entity": "case_file",
                                     "entity_id": uuid.uuid4()} for _ in range(kept.seq)])
    assert _check(session).intact  # the rewrite holds together on its own
    with session.engine.connect() as connection:
        broken = verify(connection, anchors=[kept]).broken
    assert broken is not None and broken.reason == "rewritten" and broken.seq == kept.seq


def test_a_chain_cut_before_a_link_kept_outside_is_found(session):
    _audit_some(session)
    kept = _head(session)
    with session.engine.begin() as connection:
        two = connection.execute(text("SELECT hash FROM audit_event WHERE seq = 2")).scalar()
        connection.execute(text("DELETE FROM audit_event WHERE seq >= 3"))
        connection.execute(text("UPDATE audit_head SET seq = 2, hash = :h"), {"h": two})
    assert _check(session).intact
    with session.engine.connect() as connection:
        broken = verify(connection, anchors=[kept]).broken
    assert broken is not None and broken.reason == "cut" and broken.seq == 3


class _WriterBetweenStatements:
    """The verifying connection, with another connection appending an event right after
    the verifier's first statement (as a second Relais process may, at any moment)."""

    def __init__(self, connection, engine) -> None:
        self._connection, self._engine, self._done = connection, engine, False

    def exec_driver_sql(self, *args, **kwargs):
        result = self._connection.exec_driver_sql(*args, **kwargs)
        if not self._done:
            self._done = True
            from desktop.core.roles import SYSTEM

            with UnitOfWork(self._engine, SYSTEM) as uow:
                uow.record_access(AuditAction.LOGIN, "user_account", None)
        return result

    def __getattr__(self, name):
        return getattr(self._connection, name)


def test_events_appended_by_another_process_during_the_check_are_no_break(session):
    with session.engine.connect() as connection:
        result = verify(_WriterBetweenStatements(connection, session.engine))
    assert result.intact, result.broken
    with session.engine.connect() as connection:
        assert verify(connection).intact
