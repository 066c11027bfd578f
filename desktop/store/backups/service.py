"""Backups for the signed-in session: made into the folder the administrator chose, verified,
rotated and audited. Administrators only, except the scheduled backup, which any session
runs on the administrator's settings (a desk that only social workers open is still backed
up); its audit event names the user whose session made it."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import sqlcipher3
from sqlalchemy.engine import Engine

from desktop import __version__
from desktop.core.audit.chain import Anchor
from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.roles import Actor, Permission
from desktop.core.uow import record_access_soon
from desktop.paths import DataPaths
from desktop.store.backups import archive, rotation
from desktop.store.backups.archive import PARTIAL, SUFFIX, Manifest, Progress
from desktop.store.backups.verify import Verified, verify

log = logging.getLogger(__name__)
LOW_SPACE_BYTES = 1024 * 1024
DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    manifest: Manifest
    size: int

    @property
    def created_at(self) -> datetime:
        return self.manifest.created_at


def check_folder(folder: Path) -> Path:
    """The chosen folder, or a clear refusal: not chosen, not there (a USB key unplugged, a
    share not mounted), not a folder, not writable."""
    if not str(folder).strip():
        raise RelaisError("backup.no_folder")
    folder = Path(folder).expanduser()
    if not folder.exists():
        raise RelaisError("backup.folder_missing", folder=str(folder))
    if not folder.is_dir():
        raise RelaisError("backup.not_a_folder", folder=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise RelaisError("backup.folder_unwritable", folder=str(folder))
    return folder


def storage_error(error: OSError, folder: Path) -> RelaisError:
    if error.errno in DISK_FULL:
        return RelaisError("backup.disk_full", folder=str(folder))
    return RelaisError("backup.folder_unwritable", folder=str(folder))


def sqlite_error(error: sqlcipher3.OperationalError, folder: Path) -> RelaisError:
    """SQLite says "database or disk is full" for its own pages; "disk I/O error" otherwise,
    when the free space tells which it was."""
    if "full" in str(error).lower():
        return RelaisError("backup.disk_full", folder=str(folder))
    with contextlib.suppress(OSError):
        if shutil.disk_usage(folder).free < LOW_SPACE_BYTES:
            return RelaisError("backup.disk_full", folder=str(folder))
    return RelaisError("backup.folder_unwritable", folder=str(folder))


def list_backups(folder: Path, database_id: str) -> list[BackupEntry]:
    """This database's backups in ``folder``, newest first; other files are not looked at
    beyond their name and manifest."""
    entries = []
    for path in Path(folder).glob(f"relais-*{SUFFIX}"):
        try:
            manifest = archive.read_manifest(path)
        except RelaisError:
            continue
        if manifest.database_id == database_id:
            entries.append(BackupEntry(path, manifest, path.stat().st_size))
    entries.sort(key=lambda e: e.created_at, reverse=True)
    return entries


def audit_anchors(folder: Path, database_id: str) -> list[Anchor]:
    """The audit heads this database's backups recorded (their manifests): links the audit
    chain must still pass through (core/audit/chain.verify), so a chain rebuilt or cut
    since a backup is found, even by someone holding the key."""
    anchors = []
    for entry in list_backups(folder, database_id):
        head = entry.manifest.audit_head
        if head.get("chain_id") and head.get("seq"):
            anchors.append(Anchor(uuid.UUID(head["chain_id"]), int(head["seq"]),
                                  bytes.fromhex(head["hash"])))
    return anchors


def rotate(folder: Path, database_id: str, policy: rotation.Policy = rotation.DEFAULT
           ) -> list[Path]:
    """Delete this database's backups that the policy no longer keeps; returns them."""
    entries = list_backups(folder, database_id)
    keep = rotation.to_keep(entries, lambda e: e.created_at, policy)
    removed = []
    for index, entry in enumerate(entries):
        if index not in keep:
            with contextlib.suppress(OSError):
                entry.path.unlink()
                removed.append(entry.path)
    return removed


class BackupService:
    def __init__(self, engine: Engine, actor: Actor, paths: DataPaths, data_key: bytes,
                 database_id: str, organisation_name: str,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.engine, self.actor, self.paths = engine, actor, paths
        self._data_key = data_key
        self.database_id = database_id
        self.organisation_name = organisation_name
        self.clock = clock

    # -- making one ---------------------------------------------------------------------------

    def back_up(self, folder: Path, progress: Progress | None = None) -> Verified:
        """An administrator's "Back up now" (window or ``relais backup now``)."""
        self.actor.require(Permission.MANAGE_BACKUPS)
        return self._back_up(folder, progress, scheduled=False)

    def back_up_scheduled(self, folder: Path, progress: Progress | None = None) -> Verified:
        """The backup the schedule asks for, in whichever session is open (see module)."""
        return self._back_up(folder, progress, scheduled=True)

    def _back_up(self, folder: Path, progress: Progress | None, scheduled: bool) -> Verified:
        folder = check_folder(folder)
        at = self.clock()
        target = folder / archive.file_name(self.organisation_name, at)
        if target.exists():  # two backups in the same second: the second waits its turn
            raise RelaisError("store.busy")
        self._remove_leftovers(folder)
        handle, name = tempfile.mkstemp(prefix=".relais-snapshot-", suffix=".db", dir=folder)
        os.close(handle)
        copy = Path(name)
        try:
            keys = archive.snapshot(self.paths.database, self.paths.keystore, self._data_key,
                                    copy)
            manifest = archive.new_manifest(archive.describe(copy, self._data_key),
                                            self.database_id, __version__, at)
            archive.write_archive(target, manifest, copy, keys, progress)
        except OSError as exc:
            raise storage_error(exc, folder) from exc
        except sqlcipher3.OperationalError as exc:  # SQLite writing the snapshot copy
            raise sqlite_error(exc, folder) from exc
        finally:
            copy.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
        try:
            verified = verify(target, self._data_key)
        except (RelaisError, OSError) as exc:
            target.unlink(missing_ok=True)
            log.warning("backup %s failed its verification and was deleted", target.name)
            raise RelaisError("backup.verification_failed", file=target.name) from exc
        rotate(folder, self.database_id)
        record_access_soon(self.engine, self.actor, AuditAction.BACKUP, "organisation",
                           self.actor.organisation_id,
                           detail={"file": target.name, "size": verified.size,
                                   "scheduled": scheduled})
        return verified

    def _remove_leftovers(self, folder: Path) -> None:
        """What a crash or a full disk left of an earlier backup of ours: partial files and
        snapshot copies (never anyone else's file)."""
        prefix = f"relais-{archive.slug(self.organisation_name)}-"
        for path in folder.glob(f"{prefix}*{SUFFIX}{PARTIAL}"):
            path.unlink(missing_ok=True)
        for path in folder.glob(".relais-snapshot-*.db*"):
            path.unlink(missing_ok=True)

    # -- looking at them ------------------------------------------------------------------

    def list(self, folder: Path) -> list[BackupEntry]:
        self.actor.require(Permission.MANAGE_BACKUPS)
        return list_backups(check_folder(folder), self.database_id)

    def verify(self, path: Path, progress: Progress | None = None) -> Verified:
        self.actor.require(Permission.MANAGE_BACKUPS)
        return verify(Path(path), self._data_key, progress)

    def restore_key(self) -> tuple[bytes, str]:
        """What a restore started from the window needs once the session is closed: the data
        key and who asks (an administrator)."""
        self.actor.require(Permission.MANAGE_BACKUPS)
        return self._data_key, self.actor.username
