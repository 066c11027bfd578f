"""Is a backup file whole and does it open? Run after every backup and by
``relais backup verify``: the manifest's hashes against the members as read back from the
file, then the database opened with the data key and checked by SQLite.

``PRAGMA integrity_check`` (every page, every index entry against its table) and not the
quicker ``quick_check``: at 100,000 persons (410 MB) 3–6.5 s against 2.4 s (bench/backup.py),
and a backup is the copy that has to be right."""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from desktop.core.errors import RelaisError
from desktop.store.backups.archive import (
    DATABASE,
    KEYS,
    Manifest,
    Progress,
    connect,
    extract_database,
    read_keys,
    read_manifest,
)

CHECK = "integrity_check"


@dataclass(frozen=True)
class Verified:
    path: Path
    manifest: Manifest
    size: int


def verify(path: Path, data_key: bytes, progress: Progress | None = None,
           administrator: str | None = None) -> Verified:
    """RelaisError('backup.damaged' / 'backup.not_a_backup' / 'backup.wrong_key') when the file
    is not a good backup; the database is copied out beside the file for the check (SQLite
    cannot open it inside the zip) and that copy removed afterwards. ``administrator``: a
    user who must be an active administrator in the backup (a key from its own keys.json)."""
    manifest = read_manifest(path)
    members = manifest.data.get("members") or {}
    keys = read_keys(path)
    if hashlib.sha256(keys).hexdigest() != members.get(KEYS, {}).get("sha256"):
        raise RelaisError("backup.damaged", file=path.name, detail=KEYS)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".verify",
                                    dir=path.parent)
    os.close(handle)
    copy = Path(name)
    try:
        try:
            digest = extract_database(path, copy, progress)
        except RelaisError:
            raise RelaisError("backup.damaged", file=path.name, detail=DATABASE) from None
        if digest != members.get(DATABASE, {}).get("sha256"):
            raise RelaisError("backup.damaged", file=path.name, detail=DATABASE)
        check_database(copy, data_key, path.name)
        if administrator is not None:
            require_administrator(copy, data_key, administrator)
    finally:
        copy.unlink(missing_ok=True)
    return Verified(path, manifest, path.stat().st_size)


def check_database(copy: Path, data_key: bytes, shown_name: str) -> None:
    import sqlcipher3

    connection = connect(copy, data_key)
    try:
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            raise RelaisError("backup.wrong_key", file=shown_name) from None
        try:
            rows = connection.execute(f"PRAGMA {CHECK}").fetchall()
        except sqlcipher3.DatabaseError as exc:
            raise RelaisError("backup.damaged", file=shown_name, detail=str(exc)) from None
    finally:
        connection.close()
    if [tuple(row) for row in rows] != [("ok",)]:
        raise RelaisError("backup.damaged", file=shown_name, detail=str(rows[0][0])[:200])


def require_administrator(copy: Path, data_key: bytes, username: str) -> None:
    """Only an administrator of the backed-up database may restore it or check it by its
    own keys (the live database, where roles are kept, may be gone)."""
    from desktop.core.passwords import normalise_username

    connection = connect(copy, data_key)
    try:
        row = connection.execute("SELECT role, active FROM user_account WHERE username = ?",
                                 (normalise_username(username),)).fetchone()
    finally:
        connection.close()
    if row is None or row[0] != "administrator" or not row[1]:
        raise RelaisError("error.access_denied")
