"""What enrolment announces is what the first sync sends (the hand run of issue 10 saw
"queued: 302" then "sent: 301")."""

from __future__ import annotations

from desktop.core.intake_input import HouseholdInput
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault
from desktop.sync import setup
from desktop.sync.client import SyncClient
from desktop.sync.device_token import DeviceToken
from tests.conftest import FAST_KDF
from tests.core.test_intake import child, mother
from tests.sync.organisation import ADMIN_PASSWORD, Place, organisation


def test_enrolment_announces_as_many_changes_as_its_first_sync_sends(servers, tmp_path):
    server = servers["sqlite"]
    refnis = organisation(server)
    vault = Vault(DataPaths.portable(tmp_path / "a"), kdf=FAST_KDF)
    session, _ = vault.create(NewOrganisation(name="CPAS de test", refnis=refnis,
                                              document_language="fr"),
                              "admin", ADMIN_PASSWORD, language="fr")
    Services.for_session(session).intake.register(HouseholdInput(members=[mother(), child()]))
    _, queued = setup.enrol(session, SyncClient(server.url), DeviceToken(vault.paths),
                            server.code(refnis), ADMIN_PASSWORD)
    place = Place(vault, session)
    try:
        assert sum(place.sync().pushed.values()) == queued
    finally:
        place.close()
