"""What the child processes of test_keyfile_concurrency do. Relais is imported inside each
function, never at the top: spawn unpickles the function (importing this module) before the
barriers and events it was given, and a child that has loaded sqlcipher3 by then cannot
reopen multiprocessing's named semaphores (FileNotFoundError in SemLock._rebuild)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

# The same as tests.conftest (which imports Relais): kept in step by hand.
ADMIN_PASSWORD = "correct horse battery"
USER_PASSWORD = "staple of the office 7"
WRONG = "not the password at all"
TIMEOUT = 60


def vault(root: str) -> Any:
    from desktop.paths import DataPaths
    from desktop.store.crypto import KdfParams
    from desktop.store.vault import Vault

    return Vault(DataPaths.portable(Path(root)),
                 kdf=KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))


def try_wrong_password(root: str, start: Any, results: Any) -> None:
    from desktop.core.errors import RelaisError

    keys = vault(root)
    start.wait()
    try:
        keys.login("admin", WRONG)
        results.put("signed in")
    except RelaisError as error:
        results.put(error.key)


def keep_trying_passwords(root: str, stop: Any, started: Any) -> None:
    """Wrong then right password for bob, again and again: keys.json rewritten nonstop."""
    from desktop.core.errors import RelaisError

    keys = vault(root)
    started.set()
    while not stop.is_set():
        for password in (WRONG, USER_PASSWORD):
            try:
                keys.unwrap_user_key("bob", password)
            except RelaisError as error:
                if error.key != "auth.wrong_credentials":
                    raise


def hold_the_write_lock(root: str, ready: Any, release: Any) -> None:
    """A write transaction open in another process until ``release``."""
    from desktop.store.engine import open_engine

    keys = vault(root)
    engine = open_engine(keys.paths.database, keys.unwrap_user_key("admin", ADMIN_PASSWORD))
    with engine.connect() as connection:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        ready.set()
        release.wait(TIMEOUT)
        connection.exec_driver_sql("ROLLBACK")
    engine.dispose()
