"""A backup's manifest keeps the audit head of its moment: the chain cut back and made to
hold together again afterwards (by someone with the key) no longer verifies against it."""

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
