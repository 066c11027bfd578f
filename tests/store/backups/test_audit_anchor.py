"""A backup's manifest keeps the audit head of its moment: the chain cut back and made to
hold together again afterwards (by someone with the key) no longer verifies against it."""

import time

from sqlalchemy import text

from desktop.core.audit.chain import verify
from desktop.store.backups.service import audit_anchors


def test_a_chain_cut_behind_a_backups_head_is_found(services, tmp_path):
    services.demo.generate(3)
    backup = services.backups.back_up(tmp_path)
    head = backup.manifest.audit_head
    engine = services.session.engine
    with engine.begin() as connection:  # the newest events removed, the head moved back
        keep = head["seq"] - 5
        connection.execute(text("DELETE FROM audit_event WHERE seq > :keep"), {"keep": keep})
        last = connection.execute(text("SELECT hash FROM audit_event WHERE seq = :keep"),
                                  {"keep": keep}).scalar_one()
        connection.execute(text("UPDATE audit_head SET seq = :keep, hash = :hash"),
                           {"keep": keep, "hash": last})
    anchors = audit_anchors(tmp_path, services.backups.database_id)
    assert [a.seq for a in anchors] == [head["seq"]]
    with engine.connect() as connection:
        assert verify(connection).intact  # on its own, the cut chain holds together
        found = verify(connection, anchors=anchors)
    assert not found.intact and found.broken.reason == "cut"


def test_the_audit_check_uses_the_backups_of_this_machines_folder(services, tmp_path):
    """`relais audit verify` and the viewer's check read the heads in the backup folder the
    settings name; a folder that is not there (a USB key unplugged) checks the chain alone."""
    from desktop.settings import Settings

    services.demo.generate(3)
    paths = services.session.vault.paths
    Settings(backup_folder=str(tmp_path)).save(paths.settings)
    head = services.backups.back_up(tmp_path).manifest.audit_head
    with services.session.engine.begin() as connection:  # rebuilt: cut, head moved back
        connection.execute(text("DELETE FROM audit_event WHERE seq > 3"))
        last = connection.execute(text("SELECT hash FROM audit_event WHERE seq = 3")
                                  ).scalar_one()
        connection.execute(text("UPDATE audit_head SET seq = 3, hash = :hash"),
                           {"hash": last})
    result = services.audit.verify()
    assert result.broken is not None and result.broken.reason == "cut"
    assert result.broken.seq == 4 and head["seq"] > 4
    Settings(backup_folder=str(tmp_path / "unplugged")).save(paths.settings)
    assert services.audit.verify().intact


def test_after_restoring_an_older_backup_the_chain_still_verifies(vault, services, tmp_path):
    """A newer backup's head lies on the timeline the restore replaced (kept aside): the
    restored chain goes on from the older head, and that is no tampering. A chain cut
    without a restore is still found (above)."""
    import shutil

    from desktop.core.audit.chain import verify as walk
    from desktop.services import Services
    from desktop.store.backups.restore import Restorer
    from tests.conftest import ADMIN_PASSWORD

    services.demo.generate(2)
    older = shutil.copy(services.backups.back_up(tmp_path).path, tmp_path / "older")
    services.demo.generate(2)
    time.sleep(1.1)  # backup files are named to the second; one a day stays in a folder
    services.backups.back_up(tmp_path)  # the newer head, soon on the replaced timeline
    data_key, username = services.backups.restore_key()
    services.session.close()
    Restorer(vault.paths).apply(older, data_key, username)
    session = vault.login("admin", ADMIN_PASSWORD)
    try:
        again = Services.for_session(session)
        again.demo.generate(3)  # the restored chain grows past the replaced one's head
        anchors = audit_anchors(tmp_path, again.backups.database_id)
        assert len(anchors) == 1
        with session.engine.connect() as connection:
            result = walk(connection, anchors=anchors)
        assert result.intact, result.broken
        after = tmp_path / "after"
        after.mkdir()
        again.backups.back_up(after)  # a backup after the restore is checked again
        anchors += audit_anchors(after, again.backups.database_id)
        with session.engine.connect() as connection:
            assert walk(connection, anchors=anchors).intact
        with session.engine.begin() as connection:  # then the newest events cut: found
            head = connection.execute(text("SELECT seq FROM audit_head")).scalar_one()
            keep = head - 3
            connection.execute(text("DELETE FROM audit_event WHERE seq > :keep"),
                               {"keep": keep})
            last = connection.execute(text("SELECT hash FROM audit_event WHERE seq = :k"),
                                      {"k": keep}).scalar_one()
            connection.execute(text("UPDATE audit_head SET seq = :keep, hash = :hash"),
                               {"keep": keep, "hash": last})
        with session.engine.connect() as connection:
            assert walk(connection, anchors=anchors).broken.reason == "cut"
    finally:
        session.close()
