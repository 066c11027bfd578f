"""One backup, one file: ``relais-<organisation>-<UTC time>.relaisbackup``, a zip whose
members are stored as they are (the database is encrypted already, compressing it gains
nothing):

    manifest.json   what the backup is (format, organisation, database id, schema, app
                    version, time, SHA-256 of the other members, audit head, counts)
    keys.json       the key file of the same moment (wrapped keys only: no secret in clear)
    relais.db       a copy made through SQLite's online backup API, still encrypted with
                    the same data key: never a copy of a file while it is being written

The database and its key file are never apart: without keys.json the copy opens for no one,
and keys.json without the database holds nothing. The file is written under a temporary name,
owner-only (private_files), and renamed once complete: a crash or a full disk leaves at most
a ``.partial`` file that the next backup removes, never a file that looks whole."""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from desktop.core.errors import RelaisError
from desktop.file_lock import exclusive
from desktop.private_files import make_private

FORMAT = 1
SUFFIX = ".relaisbackup"
PARTIAL = ".partial"
DATABASE, KEYS, MANIFEST = "relais.db", "keys.json", "manifest.json"
MEMBERS = (DATABASE, KEYS)
# A manifest is a few hundred bytes, a key file well under 8 MB (keystore.MAX_BYTES).
MAX_MANIFEST = 64 * 1024
MAX_KEYS = 8 * 1024 * 1024
COPY_CHUNK = 1024 * 1024
# Pages copied per step of SQLite's backup: one step is one read transaction, so all of them
# at once (-1) gives one consistent moment; progress comes from the zip copy after it.
ALL_PAGES = -1
KEYS_ATTEMPTS = 3
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Manifest:
    data: dict[str, Any]

    @property
    def database_id(self) -> str:
        return str(self.data.get("database_id", ""))

    @property
    def organisation_id(self) -> str:
        return str(self.data.get("organisation", {}).get("id", ""))

    @property
    def organisation_name(self) -> str:
        return str(self.data.get("organisation", {}).get("name", ""))

    @property
    def schema_revision(self) -> str:
        return str(self.data.get("schema_revision", ""))

    @property
    def app_version(self) -> str:
        return str(self.data.get("app_version", ""))

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(str(self.data["created_at"]))

    @property
    def audit_head(self) -> dict[str, Any]:
        return dict(self.data.get("audit_head") or {})

    @property
    def counts(self) -> dict[str, int]:
        return {k: int(v) for k, v in (self.data.get("counts") or {}).items()}


def key_pragma(data_key: bytes) -> str:
    return f"PRAGMA key = \"x'{data_key.hex()}'\""


def connect(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    connection = sqlcipher3.connect(str(path), check_same_thread=False)
    connection.execute(key_pragma(data_key))
    connection.execute("PRAGMA busy_timeout = 10000")
    return connection


def slug(name: str) -> str:
    """An organisation's name as a file name part: ASCII letters, digits and dashes."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:40] or "relais"


def file_name(organisation: str, at: datetime) -> str:
    return f"relais-{slug(organisation)}-{at.strftime('%Y%m%dT%H%M%SZ')}{SUFFIX}"


def _read_keys(keystore: Path) -> bytes:
    with exclusive(keystore), keystore.open("rb") as handle:
        raw = handle.read(MAX_KEYS + 1)
    if len(raw) > MAX_KEYS:
        raise RelaisError("store.keystore_unreadable", path=str(keystore))
    return raw


def snapshot(database: Path, keystore: Path, data_key: bytes, copy: Path) -> bytes:
    """Copy the live database into ``copy`` (online backup API, one read transaction) and
    return the keys.json of the same moment: read under its lock before and after the copy,
    and the copy made again when a key changed meanwhile (a password set during it)."""
    for _ in range(KEYS_ATTEMPTS):
        before = _read_keys(keystore)
        source = connect(database, data_key)
        try:
            target = connect(copy, data_key)
            try:
                source.backup(target, pages=ALL_PAGES)
            finally:
                target.close()
        finally:
            source.close()
        if _read_keys(keystore) == before:
            return before
    raise RelaisError("store.busy")


def describe(copy: Path, data_key: bytes) -> dict[str, Any]:
    """What the manifest says about a database copy: organisation, schema, audit head and
    counts, read from the copy itself (the moment it was made)."""
    connection = connect(copy, data_key)
    try:
        org = connection.execute("SELECT id, name FROM organisation ORDER BY created_at "
                                 "LIMIT 1").fetchone()
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        head = connection.execute("SELECT chain_id, seq, hash FROM audit_head WHERE id = 1"
                                  ).fetchone()
        persons = connection.execute("SELECT count(*) FROM person WHERE deleted_at IS NULL"
                                     ).fetchone()[0]
        cases = connection.execute("SELECT count(*) FROM case_file WHERE deleted_at IS NULL"
                                   ).fetchone()[0]
    finally:
        connection.close()
    return {
        "organisation": {"id": _uuid_text(org[0]) if org else "", "name": org[1] if org else ""},
        "schema_revision": revision[0] if revision else "",
        "audit_head": audit_head(head),
        "counts": {"persons": int(persons), "cases": int(cases)},
    }


def audit_head(row: Any) -> dict[str, Any]:
    if row is None:
        return {"chain_id": "", "seq": 0, "hash": ""}
    return {"chain_id": _uuid_text(row[0]), "seq": int(row[1]), "hash": bytes(row[2]).hex()}


def _uuid_text(value: Any) -> str:
    return str(uuid.UUID(bytes=bytes(value))) if isinstance(value, bytes | memoryview) \
        else str(value)


def write_archive(target: Path, manifest: dict[str, Any], copy: Path, keys: bytes,
                  progress: Progress | None = None) -> Path:
    """The backup file at ``target``: written as ``target.partial`` (owner only), synced,
    then renamed; hashes of its members go into the manifest as they are copied."""
    partial = target.with_name(target.name + PARTIAL)
    make_private(partial)
    try:
        total = copy.stat().st_size
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED,
                             allowZip64=True) as archive:
            digest = hashlib.sha256()
            with copy.open("rb") as source, archive.open(DATABASE, "w",
                                                         force_zip64=True) as member:
                done = 0
                while chunk := source.read(COPY_CHUNK):
                    digest.update(chunk)
                    member.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            members = {DATABASE: {"sha256": digest.hexdigest(), "size": total},
                       KEYS: {"sha256": hashlib.sha256(keys).hexdigest(), "size": len(keys)}}
            archive.writestr(KEYS, keys)
            archive.writestr(MANIFEST, json.dumps({**manifest, "members": members},
                                                  indent=1, ensure_ascii=False))
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
        _sync_folder(target.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _sync_folder(folder: Path) -> None:
    if os.name == "nt":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass  # some network shares cannot sync a folder; the file itself was synced
    finally:
        os.close(handle)


def new_manifest(description: dict[str, Any], database_id: str, app_version: str,
                 at: datetime) -> dict[str, Any]:
    return {"format": FORMAT, "kind": "relais-backup", "database_id": database_id,
            "app_version": app_version, "created_at": at.astimezone(UTC).isoformat(),
            **description}


def read_manifest(path: Path) -> Manifest:
    """The manifest of a backup file, or RelaisError('backup.not_a_backup')."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(MANIFEST)
            if info.file_size > MAX_MANIFEST:
                raise ValueError("manifest too large")
            data = json.loads(archive.read(info).decode("utf-8"))
        if not isinstance(data, dict) or data.get("kind") != "relais-backup":
            raise ValueError("not a manifest")
        if not isinstance(data.get("format"), int) or data["format"] > FORMAT:
            raise RelaisError("backup.newer_format", file=path.name)
        datetime.fromisoformat(str(data["created_at"]))
    except RelaisError:
        raise
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise RelaisError("backup.not_a_backup", file=path.name) from exc
    return Manifest(data)


def read_keys(path: Path) -> bytes:
    """The keys.json held in a backup file."""
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo(KEYS).file_size > MAX_KEYS:
                raise ValueError("keys too large")
            return archive.read(KEYS)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise RelaisError("backup.not_a_backup", file=path.name) from exc


def extract_database(path: Path, into: Path, progress: Progress | None = None) -> str:
    """Copy the backup's database out to ``into`` (owner only); returns its SHA-256."""
    make_private(into)
    digest = hashlib.sha256()
    try:
        with zipfile.ZipFile(path) as archive:
            total = archive.getinfo(DATABASE).file_size
            with archive.open(DATABASE) as member, into.open("wb") as out:
                done = 0
                while chunk := member.read(COPY_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
                out.flush()
                os.fsync(out.fileno())
    except (KeyError, zipfile.BadZipFile) as exc:
        into.unlink(missing_ok=True)
        raise RelaisError("backup.not_a_backup", file=path.name) from exc
    except BaseException:
        into.unlink(missing_ok=True)
        raise
    return digest.hexdigest()
