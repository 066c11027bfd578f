"""Desktops of one organisation in this process, against a real central server process:
the services and the sync engine the CLI uses, without a process start per command."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlmodel import Session

from central import admin
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import CaseFile
from desktop.core.reference import reference_data
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.database import WorkSession
from desktop.store.vault import NewOrganisation, Vault
from desktop.sync import setup
from desktop.sync.client import SyncClient
from desktop.sync.conflicts import status
from desktop.sync.device_token import DeviceToken
from desktop.sync.engine import SyncEngine, SyncReport
from desktop.sync.entities import synced_models
from tests.conftest import FAST_KDF

ADMIN_PASSWORD = "correct horse battery staple"
def organisation(server) -> str:
    """An organisation on the central for a real municipality (the desktop checks the
    REFNIS) that no other test of this run took."""
    for refnis in sorted(reference_data().municipalities, reverse=True):
        if refnis in server.refnis_used:
            continue
        server.refnis_used.add(refnis)
        try:
            admin.add_organisation(server.engine, refnis, "CPAS de test")
        except Exception:  # noqa: BLE001 (taken on the central by a test that did not say)
            continue
        return refnis
    raise AssertionError("no municipality left for another organisation")


@dataclass
class Place:
    """One desktop: its data folder and the administrator's open session."""

    vault: Vault
    session: WorkSession

    @property
    def services(self) -> Services:
        return Services.for_session(self.session)

    def sync(self) -> SyncReport:
        found = status(self.session.engine)
        assert found is not None
        client = SyncClient(found.server, DeviceToken(self.vault.paths).require())
        report = SyncEngine(self.session.engine, client, sleep=lambda _: None).run()
        self.session.refresh_sealed_keys()
        return report

    def records(self) -> dict[tuple[str, str], dict]:
        """Every synced record, as comparable values (bookkeeping of time left out)."""
        from desktop.sync.codec import record_values

        out = {}
        with Session(self.session.engine) as db:
            for entity, model in synced_models().items():
                for record in db.scalars(select(model)):
                    out[(entity, str(record.id))] = {
                        **record_values(record), "_version": record.version,
                        "_deleted": record.deleted_at is not None}
        return out

    def file_numbers(self) -> list[str]:
        with Session(self.session.engine) as db:
            return sorted(db.scalars(select(CaseFile.file_number)))

    def close(self) -> None:
        self.session.close()


def first_desktop(server, tmp_path: Path, refnis: str) -> Place:
    vault = Vault(DataPaths.portable(tmp_path / "a"), kdf=FAST_KDF)
    session, _ = vault.create(NewOrganisation(name="CPAS de test", refnis=refnis,
                                              document_language="fr"),
                              "admin", ADMIN_PASSWORD, language="fr")
    session.close()
    session = vault.login("admin", ADMIN_PASSWORD)
    setup.enrol(session, SyncClient(server.url), DeviceToken(vault.paths), server.code(refnis),
                ADMIN_PASSWORD)
    place = Place(vault, session)
    place.sync()
    return place


def joined_desktop(server, tmp_path: Path, refnis: str, name: str) -> Place:
    vault = Vault(DataPaths.portable(tmp_path / name), kdf=FAST_KDF)
    setup.join(vault, SyncClient(server.url), DeviceToken(vault.paths), server.code(refnis))
    return Place(vault, vault.login("admin", ADMIN_PASSWORD))


def two_desktops(server, tmp_path: Path) -> Iterator[tuple[Place, Place]]:
    """A first desktop with one household, synced, and a second one joined after it."""
    from tests.core.test_intake import child, mother

    refnis = organisation(server)
    a = first_desktop(server, tmp_path, refnis)
    a.services.intake.register(HouseholdInput(members=[mother(), child()]))
    a.sync()
    b = joined_desktop(server, tmp_path, refnis, "b")
    yield a, b
    a.close()
    b.close()
