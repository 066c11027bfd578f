"""Put a backup back in place of the live database, from the window or from the command
line, also when the live database is missing or broken (then nobody can sign in to it).

A restore never replaces newer data silently: ``preview`` says what the live database holds
that the backup does not (its audit events after the backup's, by the audit chain's head,
and its persons and cases), when the live database can still be read. It refuses a backup of
another organisation's database (the database id in keys.json) and one made by a newer
Relais (a schema or an app version this one does not know). ``apply`` keeps the current
database and its keys.json aside, renamed with the time (never deleted), then puts the
backup's in place: the next sign-in uses the passwords valid when the backup was made."""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop import __version__
from desktop.core.date_text import display_moment
from desktop.core.errors import RelaisError
from desktop.core.i18n import Translator, format_count
from desktop.core.passwords import normalise_username
from desktop.paths import DataPaths
from desktop.store import crypto
from desktop.store.backups import archive
from desktop.store.backups.archive import Manifest, Progress
from desktop.store.backups.in_use import held_by_another_process
from desktop.store.backups.verify import check_database, require_administrator
from desktop.store.keystore import Keystore, Unaudited, updating, write_atomically

LIVE_FILES = ("", "-wal", "-shm")
DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


@dataclass(frozen=True)
class Preview:
    manifest: Manifest
    live_readable: bool
    # None when the live database cannot be read (missing, damaged) or is another chain
    events_after: int | None = None
    live_persons: int | None = None
    live_cases: int | None = None


@dataclass(frozen=True)
class Restored:
    backup: Path
    set_aside: list[Path]


def _version(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return (0,)


def backup_keystore(path: Path) -> Keystore:
    raw = archive.read_keys(path)
    try:
        return Keystore._from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, RelaisError) as exc:
        raise RelaisError("backup.not_a_backup", file=path.name) from exc


def unlock(path: Path, username: str, password: str) -> bytes:
    """The data key from the backup's own keys.json and a password valid when it was made
    (the live key file may be gone). No counter: the backup file is in hand anyway."""
    from desktop.store.vault import Vault

    keystore = backup_keystore(path)
    username = normalise_username(username)
    if username not in keystore.users and username not in keystore.sealed:
        raise RelaisError("auth.wrong_credentials")
    try:
        return Vault(DataPaths.portable(path.parent))._data_key(keystore, username, password)
    except crypto.WrongSecret:
        raise RelaisError("auth.wrong_credentials") from None


def _require_known_schema(copy: Path, data_key: bytes, shown_name: str,
                          manifest: Manifest) -> None:
    """The schema the database itself is at, not the manifest's word for it: a database
    from a newer Relais put in place would refuse every sign-in after the swap."""
    from desktop.store.migrate import known_revisions

    connection = archive.connect(copy, data_key)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
    if row is None or row[0] not in known_revisions():
        raise RelaisError("backup.newer_version", file=shown_name,
                          version=manifest.app_version)


def _keep_aside(live: Path, kept_as: Path) -> None:
    """``live`` also under the name ``kept_as`` (a hard link: it stays in place until
    replaced); renamed where the file system cannot link."""
    try:
        os.link(live, kept_as)
    except OSError:
        os.replace(live, kept_as)


class Restorer:
    def __init__(self, paths: DataPaths,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.paths = paths
        self.clock = clock

    def check(self, path: Path) -> Manifest:
        """The refusals that need no key: not a backup, another organisation, newer."""
        from desktop.store.migrate import known_revisions

        manifest = archive.read_manifest(path)
        # The keys.json that would be put in place says whose database this is; the
        # manifest is only a description and may have been edited to match.
        backup_id = backup_keystore(path).database_id
        live = self._live_database_id()
        if live is not None and live != backup_id:
            raise RelaisError("backup.other_organisation", file=path.name,
                              organisation=manifest.organisation_name)
        if manifest.database_id != backup_id:
            raise RelaisError("backup.damaged", file=path.name, detail=archive.MANIFEST)
        if manifest.schema_revision not in known_revisions() or \
                _version(manifest.app_version) > _version(__version__):
            raise RelaisError("backup.newer_version", file=path.name,
                              version=manifest.app_version)
        return manifest

    def _require_closed_elsewhere(self) -> None:
        if held_by_another_process(self.paths.database):
            raise RelaisError("backup.database_in_use", path=str(self.paths.database))

    def _live_database_id(self) -> str | None:
        """The live keys.json's database id; None when it is missing or unreadable (a broken
        installation: then nothing is there to compare against)."""
        try:
            return Keystore.load(self.paths.keystore).database_id
        except RelaisError:
            return None

    def preview(self, path: Path, data_key: bytes) -> Preview:
        manifest = self.check(path)
        head = manifest.audit_head
        try:
            connection = archive.connect(self.paths.database, data_key)
        except Exception:  # noqa: BLE001 (any failure: the live database cannot be read)
            return Preview(manifest, False)
        try:
            live_head = archive.audit_head(connection.execute(
                "SELECT chain_id, seq, hash FROM audit_head WHERE id = 1").fetchone())
            persons = connection.execute(
                "SELECT count(*) FROM person WHERE deleted_at IS NULL").fetchone()[0]
            cases = connection.execute(
                "SELECT count(*) FROM case_file WHERE deleted_at IS NULL").fetchone()[0]
        except Exception:  # noqa: BLE001 (not a database, wrong key, damaged)
            return Preview(manifest, False)
        finally:
            connection.close()
        after = None
        if live_head["chain_id"] == head.get("chain_id"):
            after = max(0, live_head["seq"] - int(head.get("seq", 0)))
        return Preview(manifest, True, after, int(persons), int(cases))

    def apply(self, path: Path, data_key: bytes, username: str,
              progress: Progress | None = None) -> Restored:
        """Verify the backup's database as copied into the data folder (hashes, integrity,
        the key, an administrator named ``username`` in it), set the live files aside, put
        the backup's in place, and record the restore in the restored database."""
        manifest = self.check(path)
        self._require_closed_elsewhere()
        root = self.paths.root
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RelaisError("store.cannot_write", path=str(root)) from exc
        incoming = root / f".{self.paths.database.name}.restoring"
        keys = archive.read_keys(path)
        try:
            digest = archive.extract_database(path, incoming, progress)
            if digest != manifest.data.get("members", {}).get(archive.DATABASE, {}).get(
                    "sha256"):
                raise RelaisError("backup.damaged", file=path.name, detail=archive.DATABASE)
            check_database(incoming, data_key, path.name)
            _require_known_schema(incoming, data_key, path.name, manifest)
            require_administrator(incoming, data_key, username)
            # The restore noted in the keys.json put in place, in case this process stops
            # before the restored database records it: the next sign-in then writes it.
            pending = Unaudited(normalise_username(username), self.clock().timestamp(),
                                "restore", "organisation", "",
                                json.dumps({"file": path.name}, sort_keys=True))
            keystore = Keystore.from_bytes(keys)
            keystore.note(pending)
            set_aside = self._swap(incoming, keystore.to_bytes())
        except OSError as exc:
            incoming.unlink(missing_ok=True)
            if exc.errno in DISK_FULL:
                raise RelaisError("store.disk_full") from exc
            raise RelaisError("store.cannot_write", path=str(root)) from exc
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
        self._audit(data_key, username, path, set_aside)
        with updating(self.paths.keystore) as current:  # recorded: the note goes
            current.unaudited = [entry for entry in current.unaudited if entry != pending]
        return Restored(path, set_aside)

    def _swap(self, incoming: Path, keys: bytes) -> list[Path]:
        """The live files kept aside (``relais.db.before-restore-<time>`` with its -wal and
        -shm, ``keys.json.before-restore-<time>``), the backup's put in place.

        The database and keys.json are kept aside under a second name (a hard link) and then
        replaced in one rename each, so that a crash at any point of the swap leaves a
        relais.db and a keys.json in place (the old ones, or the backup's: the same database
        id, so the same data key), never a folder that looks like a new installation. Where
        the file system has no hard links (FAT), they are renamed aside as before."""
        from desktop.file_lock import exclusive

        stamp = self.clock().strftime("%Y%m%dT%H%M%S%fZ")
        database, keystore = self.paths.database, self.paths.keystore
        aside = database.with_name(f"{database.name}.before-restore-{stamp}")
        keys_aside = keystore.with_name(f"{keystore.name}.before-restore-{stamp}")
        kept: list[Path] = []
        with exclusive(keystore):
            self._require_closed_elsewhere()  # again: a window may have opened meanwhile
            for live, kept_as in ((database, aside), (keystore, keys_aside)):
                if live.exists():
                    _keep_aside(live, kept_as)
                    kept.append(kept_as)
            # The old -wal belongs to the old database: never beside the backup's.
            for suffix in LIVE_FILES[1:]:
                live = Path(f"{database}{suffix}")
                if live.exists():
                    os.replace(live, Path(f"{aside}{suffix}"))
                    kept.append(Path(f"{aside}{suffix}"))
            os.replace(incoming, database)
            write_atomically(keystore, keys)
        return kept

    def _audit(self, data_key: bytes, username: str, path: Path, set_aside: list[Path]
               ) -> None:
        """RESTORE in the restored database's own audit, at once (schema brought up to date
        first, as any sign-in would)."""
        from desktop.core.enums import AuditAction
        from desktop.core.roles import Actor
        from desktop.core.uow import UnitOfWork
        from desktop.store.engine import open_engine
        from desktop.store.migrate import upgrade_to_head

        engine = open_engine(self.paths.database, data_key)
        try:
            upgrade_to_head(engine, self.paths.database, self.paths.backups)
            with engine.connect() as connection:
                row = connection.exec_driver_sql(
                    "SELECT id, role, organisation_id FROM user_account WHERE username = ?",
                    (normalise_username(username),)).first()
            from uuid import UUID

            actor = Actor(user_id=UUID(bytes=bytes(row[0])), username=username,
                          role=row[1], organisation_id=UUID(bytes=bytes(row[2])))
            with UnitOfWork(engine, actor) as uow:
                uow.record_access(AuditAction.RESTORE, "organisation", actor.organisation_id,
                                  detail={"file": path.name, "size": path.stat().st_size,
                                          "set_aside": [p.name for p in set_aside][:4]})
        finally:
            engine.dispose()


def local_time(at: datetime, lang: str) -> str:
    """In this computer's time zone, the day as ``lang`` writes it: 29/11/2026 10:07."""
    return display_moment(at, lang)


def size_text(tr: Translator, size: int) -> str:
    """A file's size in MB, written as numbers are in the language ("1,2 Mo")."""
    return tr("backup.size_mb", size=format_count(round(size / 1e6, 1), tr.language))


def counted(tr: Translator, persons: int, cases: int) -> dict[str, str]:
    """{people} and {files} of the messages: "3 persons", "1 case file"."""
    return {"people": tr.plural("count.persons", persons),
            "files": tr.plural("count.case_files", cases)}


def describe_loss(tr: Translator, preview: Preview) -> list[str]:
    """What a restore replaces, in words: the window's confirmation and the command's."""
    manifest = preview.manifest
    lines = [tr("backup.restore_from", date=local_time(manifest.created_at, tr.language),
                **counted(tr, manifest.counts.get("persons", 0),
                          manifest.counts.get("cases", 0)))]
    if not preview.live_readable:
        lines.append(tr("backup.live_unreadable"))
    elif preview.events_after is None:
        lines.append(tr("backup.live_other_chain"))
    else:
        lines.append(tr.plural("backup.events_lost", preview.events_after,
                               **counted(tr, preview.live_persons or 0,
                                         preview.live_cases or 0)))
    lines.append(tr("backup.passwords_of_then"))
    return lines
