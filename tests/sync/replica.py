"""Helpers for sync tests: a second desktop in its own data folder, and the records of a
database served as the central's pull serves them (whole current values, by entity)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from desktop.core.models import SyncState
from desktop.paths import DataPaths
from desktop.store.vault import Vault
from desktop.sync.codec import encode_value, record_values
from desktop.sync.entities import synced_models
from desktop.sync.outbox import enrol
from tests.conftest import FAST_KDF, LIEGE

BRUSSELS_ADMIN_PASSWORD = "another long passphrase"


def second_desktop(tmp_path, clock):
    """Another installation (its own file and key), enrolled: what a joined desktop is."""
    vault = Vault(DataPaths.portable(tmp_path / "desktop-b"), kdf=FAST_KDF, clock=clock)
    session, _ = vault.create(LIEGE, "admin-b", BRUSSELS_ADMIN_PASSWORD, "Admin B",
                              language="fr")
    enrol(session.engine, SyncState(server_url="https://central.example", device_id="b",
                                    series="B"), upload_everything=False)
    return vault, session


def pulled(engine, entities: tuple[str, ...] | None = None, ids=None) -> list[dict[str, Any]]:
    """Every record (or those of ``entities`` / ``ids``) as a pull page carries it."""
    page = []
    with Session(engine) as db:
        for entity, model in synced_models().items():
            if entities is not None and entity not in entities:
                continue
            for record in db.scalars(select(model)):
                if ids is not None and record.id not in ids:
                    continue
                page.append({
                    "entity": entity, "id": str(record.id), "version": record.version,
                    "deleted": record.deleted_at is not None,
                    "values": record_values(record),
                    "updated_by": encode_value(model, "updated_by", record.updated_by),
                    "updated_at": encode_value(model, "updated_at", record.updated_at),
                })
    return page
