"""keys.json changed by several processes at once (issue 9, item 5): every wrong password is
counted, no new user's key is lost, and a keys.json change whose database transaction fails
is taken back. Real processes, started the way Windows starts them (spawn)."""

from __future__ import annotations

import multiprocessing

import pytest
from sqlalchemy.exc import OperationalError

from desktop.core.enums import Role
from desktop.core.errors import RelaisError
from desktop.store.keystore import Keystore
from desktop.store.vault import FREE_ATTEMPTS, Vault
from tests.conftest import FAST_KDF, USER_PASSWORD, login_as
from tests.store import keyfile_workers as workers
from tests.store.keyfile_workers import TIMEOUT

SPAWN = multiprocessing.get_context("spawn")


def test_parallel_wrong_passwords_are_each_counted_or_refused(vault, created):
    created[0].close()
    start, results = SPAWN.Barrier(8), SPAWN.Queue()
    children = [SPAWN.Process(target=workers.try_wrong_password,
                              args=(str(vault.paths.root), start, results))
                for _ in range(8)]
    for child in children:
        child.start()
    keys = sorted(results.get(timeout=TIMEOUT) for _ in children)
    for child in children:
        child.join(TIMEOUT)
    # Each attempt is counted before its password is checked, one process at a time: the
    # first three are checked (and fail), the lockout they set refuses the other five.
    assert keys == ["auth.locked"] * (8 - FREE_ATTEMPTS) + (
        ["auth.wrong_credentials"] * FREE_ATTEMPTS)
    assert Keystore.load(vault.paths.keystore).failures["admin"].count == FREE_ATTEMPTS
    assert Vault(vault.paths, kdf=FAST_KDF).lockout_remaining("admin") > 0


def test_users_added_during_wrong_passwords_elsewhere_keep_their_keys(vault, services):
    services.users.add_user("bob", Role.SOCIAL_WORKER, USER_PASSWORD)
    added = [f"worker{number}" for number in range(8)]
    stop, started = SPAWN.Event(), SPAWN.Event()
    other = SPAWN.Process(target=workers.keep_trying_passwords,
                          args=(str(vault.paths.root), stop, started))
    other.start()
    try:
        assert started.wait(TIMEOUT)
        for name in added:
            services.users.add_user(name, Role.SOCIAL_WORKER, USER_PASSWORD)
    finally:
        stop.set()
        other.join(TIMEOUT)
    assert other.exitcode == 0
    for name in added:  # each new user can sign in
        vault.unwrap_user_key(name, USER_PASSWORD)
    assert "bob" not in Keystore.load(vault.paths.keystore).failures


def test_a_password_reset_whose_transaction_fails_leaves_the_old_key(vault, services):
    bob = login_as(vault, services, "bob", Role.SOCIAL_WORKER).session.user
    ready, release = SPAWN.Event(), SPAWN.Event()
    writer = SPAWN.Process(target=workers.hold_the_write_lock,
                           args=(str(vault.paths.root), ready, release))
    writer.start()
    try:
        assert ready.wait(TIMEOUT)
        # another process writes for longer than the database waits: the reset fails...
        with pytest.raises((RelaisError, OperationalError)):
            services.users.reset_password(bob.id, "temporary pass 1234")
    finally:
        release.set()
        writer.join(TIMEOUT)
    # ...and keys.json is as it was: bob's own password opens, the temporary one does not
    vault.unwrap_user_key("bob", USER_PASSWORD)
    with pytest.raises(RelaisError) as refused:
        vault.unwrap_user_key("bob", "temporary pass 1234")
    assert refused.value.key == "auth.wrong_credentials"
