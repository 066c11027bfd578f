"""Joining with a progress bar, a join cut mid-download and continued, and leaving: the
core functions the setup wizard and the settings call, against a real central process."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from desktop.core.enums import Role
from desktop.core.errors import AccessDenied, RelaisError
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import Organisation, SyncOutbox
from desktop.core.uow import UnitOfWork
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault
from desktop.sync import setup
from desktop.sync.client import SyncClient
from desktop.sync.conflicts import status
from desktop.sync.device_token import DeviceToken
from desktop.sync.errors import SyncError
from desktop.sync.join_key import JoinKey
from tests.conftest import FAST_KDF, TEMPORARY_PASSWORD
from tests.core.test_intake import child, mother
from tests.sync.desktops import desktops
from tests.sync.organisation import ADMIN_PASSWORD, Place, first_desktop, organisation

PAGE = 7  # records a pull page carries in these tests, so a small organisation has pages


class Stop(Exception):
    pass


@pytest.fixture
def sqlite_central(servers):
    return servers["sqlite"]


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr("desktop.sync.engine.MAX_PULL", PAGE)


@pytest.fixture
def first(sqlite_central, tmp_path):
    refnis = organisation(sqlite_central)
    place = first_desktop(sqlite_central, tmp_path, refnis)
    for _ in range(3):
        place.services.intake.register(HouseholdInput(members=[mother(), child()]))
    place.sync()
    yield place, refnis
    place.close()


def new_vault(tmp_path, name: str = "b") -> Vault:
    return Vault(DataPaths.portable(tmp_path / name), kdf=FAST_KDF)


def test_a_join_counts_up_to_a_known_total_page_by_page(sqlite_central, first, tmp_path,
                                                         small_pages):
    place, refnis = first
    vault = new_vault(tmp_path)
    seen: list[tuple[int, int]] = []
    joined = setup.join(vault, SyncClient(sqlite_central.url), DeviceToken(vault.paths),
                        sqlite_central.code(refnis), lambda done, total: seen.append(
                            (done, total)))
    total = len(place.records())
    assert len(seen) == -(-total // PAGE)  # one report a page
    assert [done for done, _ in seen] == [min(PAGE * n, total) for n in
                                          range(1, len(seen) + 1)]
    assert {t for _, t in seen} == {total}
    assert joined.report.pulled == total and joined.organisation_name == "CPAS de test"
    assert not setup.join_pending(vault)
    joined_place = Place(vault, vault.login("admin", ADMIN_PASSWORD))
    try:
        assert joined_place.records() == place.records()
    finally:
        joined_place.close()


def test_a_join_cut_mid_download_continues_where_it_stopped(sqlite_central, first, tmp_path,
                                                             small_pages):
    place, refnis = first
    vault = new_vault(tmp_path)
    token = DeviceToken(vault.paths)

    def cut_after_two_pages(done: int, total: int) -> None:
        if done >= 2 * PAGE:
            raise Stop  # the window closed, the network went

    with pytest.raises(Stop):
        setup.join(vault, SyncClient(sqlite_central.url), token,
                   sqlite_central.code(refnis), cut_after_two_pages)
    assert setup.join_pending(vault)
    # Nobody can log in to a half-downloaded organisation; the key waits in the keychain.
    with pytest.raises(RelaisError):
        vault.login("admin", ADMIN_PASSWORD)
    assert JoinKey(vault.paths).load() is not None

    seen: list[tuple[int, int]] = []
    joined = setup.resume_join(vault, token, lambda done, total: seen.append((done, total)))
    total = len(place.records())
    assert joined.report.pulled == total - 2 * PAGE  # only what had not come down yet
    # The bar goes on from where it stopped, up to the whole organisation.
    assert seen[0] == (3 * PAGE, total) and seen[-1] == (total, total)
    assert not setup.join_pending(vault) and JoinKey(vault.paths).load() is None
    joined_place = Place(vault, vault.login("admin", ADMIN_PASSWORD))
    try:
        assert joined_place.records() == place.records()  # nothing missing, nothing twice
        vault.recover(joined.recovery_code, "admin", "a brand new password 42").close()
    finally:
        joined_place.close()


def test_a_join_that_cannot_continue_can_be_abandoned_and_the_folder_reused(
        sqlite_central, first, tmp_path, small_pages):
    _, refnis = first
    vault = new_vault(tmp_path)
    token = DeviceToken(vault.paths)
    with pytest.raises(Stop):
        setup.join(vault, SyncClient(sqlite_central.url), token, sqlite_central.code(refnis),
                   lambda done, total: (_ for _ in ()).throw(Stop()))
    JoinKey(vault.paths).forget()  # a keychain emptied meanwhile
    with pytest.raises(RelaisError) as lost:
        setup.resume_join(vault, token)
    assert lost.value.key == "sync.join_key_lost"
    setup.abandon_join(vault, token)
    assert not vault.is_initialised() and not setup.join_pending(vault)
    assert token.load() is None
    joined = setup.join(vault, SyncClient(sqlite_central.url), token,
                        sqlite_central.code(refnis))
    assert joined.users == 1


def test_a_refused_code_leaves_the_data_folder_empty(sqlite_central, first, tmp_path):
    vault = new_vault(tmp_path)
    with pytest.raises(SyncError) as refused:
        setup.join(vault, SyncClient(sqlite_central.url), DeviceToken(vault.paths),
                   "AAAA-BBBB-CCCC")
    assert refused.value.code == "code_invalid"
    assert not vault.paths.root.exists() or not any(vault.paths.root.iterdir())
    assert not setup.join_pending(vault)


def test_abandoning_is_refused_for_a_folder_people_work_in(first):
    place, _ = first
    with pytest.raises(RelaisError):
        setup.abandon_join(place.vault, DeviceToken(place.vault.paths))
    assert place.vault.paths.database.exists()


def test_leaving_forgets_the_token_and_the_waiting_changes_and_keeps_the_records(first):
    place, _ = first
    before = place.records()
    place.services.intake.register(HouseholdInput(members=[mother()]))
    token = DeviceToken(place.vault.paths)
    unsent = setup.leave(place.session, token)
    assert unsent > 0
    assert token.load() is None and status(place.session.engine) is None
    # The records stay, and later edits pile nothing up for a central that is gone.
    assert set(before) <= set(place.records())
    with UnitOfWork(place.session.engine, place.session.actor) as uow:
        uow.update(uow.session.exec(select(Organisation)).one(), name="CPAS de test bis")
    with Session(place.session.engine) as db:
        assert db.exec(select(SyncOutbox)).all() == []


def test_only_an_administrator_may_leave_or_enrol(sqlite_central, first, tmp_path):
    place, _ = first
    Services.for_session(place.session).users.add_user("marie", Role.SOCIAL_WORKER,
                                                       TEMPORARY_PASSWORD)
    session = place.vault.login("marie", TEMPORARY_PASSWORD)
    session.change_own_password("staple of the office 7")
    try:
        with pytest.raises(AccessDenied):
            setup.leave(session, DeviceToken(place.vault.paths))
        assert status(place.session.engine) is not None
    finally:
        session.close()
    island = Vault(DataPaths.portable(tmp_path / "island"), kdf=FAST_KDF)
    admin, _ = island.create(NewOrganisation(name="CPAS", refnis="62063",
                                             document_language="fr"),
                             "admin", ADMIN_PASSWORD, language="fr")
    Services.for_session(admin).users.add_user("marie", Role.SOCIAL_WORKER,
                                               TEMPORARY_PASSWORD)
    admin.close()
    worker = island.login("marie", TEMPORARY_PASSWORD)
    worker.change_own_password("staple of the office 7")
    try:
        with pytest.raises(AccessDenied):
            setup.enrol(worker, SyncClient(sqlite_central.url),
                        DeviceToken(island.paths), "AAAA-BBBB-CCCC", "staple of the office 7")
    finally:
        worker.close()


def test_enrolling_checks_the_administrators_own_password(sqlite_central, tmp_path):
    refnis = organisation(sqlite_central)
    vault = new_vault(tmp_path, "a")
    session, _ = vault.create(NewOrganisation(name="CPAS de test", refnis=refnis,
                                              document_language="fr"),
                              "admin", ADMIN_PASSWORD, language="fr")
    code = sqlite_central.code(refnis)
    try:
        with pytest.raises(RelaisError) as wrong:
            setup.enrol(session, SyncClient(sqlite_central.url), DeviceToken(vault.paths),
                        code, "not my password at all")
        assert wrong.value.key == "sync.wrong_password"
        # The code was not used up: the right password enrols with it.
        setup.enrol(session, SyncClient(sqlite_central.url), DeviceToken(vault.paths), code,
                    ADMIN_PASSWORD)
        assert status(session.engine) is not None
    finally:
        session.close()


def test_relais_sync_leave_from_the_command_line(sqlite_central, tmp_path):
    refnis = organisation(sqlite_central)
    [a] = desktops(tmp_path, "a")
    a.run("init", "--org-refnis", refnis, "--admin", "admin", password=ADMIN_PASSWORD)
    a.run("sync", "enrol", "--server", sqlite_central.url, "--code",
          sqlite_central.code(refnis), "--user", "admin", password=ADMIN_PASSWORD)
    left = a.run("sync", "leave", "--user", "admin", password=ADMIN_PASSWORD)
    assert "no longer syncs" in left.stdout
    again = a.run("sync", "status", "--user", "admin", password=ADMIN_PASSWORD, check=False)
    assert again.returncode != 0 and "not enrolled" in again.stderr
