"""A desktop one protocol version behind the central: refused with 426 protocol_too_old,
told in its user's language to update, its work kept for later."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from desktop.core.enums import OutboxStatus
from desktop.core.i18n import Translator
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import SyncOutbox
from desktop.sync.errors import SyncError
from tests.central.wire import Client
from tests.core.test_intake import child, mother
from tests.sync.organisation import first_desktop, organisation


def pending(place) -> int:
    with Session(place.session.engine) as db:
        return len(db.exec(select(SyncOutbox).where(
            SyncOutbox.status == OutboxStatus.PENDING)).all())


def test_a_desktop_one_protocol_version_behind_is_refused_and_told_to_update(
        own_central, tmp_path):
    refnis = organisation(own_central)
    a = first_desktop(own_central, tmp_path, refnis)
    # The central is upgraded to require protocol 2; this desktop still speaks 1.
    own_central.stop()
    own_central.start("--min-protocol", "2")
    with Client(own_central.url) as http:
        assert http.get("/health").json()["min_protocol"] == 2
        answer = http.post("/api/v1/sync/push", json={"batch_id": "x", "changes": []},
                           headers={"X-Relais-Protocol": "1"})
    assert answer.status_code == 426
    assert (answer.json()["error"], answer.json()["min_protocol"]) == ("protocol_too_old", 2)

    a.services.intake.register(HouseholdInput(members=[mother(), child()]))
    queued = pending(a)
    with pytest.raises(SyncError) as refused:
        a.sync()
    assert refused.value.code == "protocol_too_old" and not refused.value.retryable
    assert refused.value.message(Translator("en")).startswith(
        "This version of Relais is too old for the sync server")
    assert "trop ancienne" in refused.value.message(Translator("fr"))
    assert pending(a) == queued > 0  # nothing sent, nothing dropped

    # The desktop is updated (here: the central accepts 1 again): the work goes up.
    own_central.stop()
    own_central.start()
    a.sync()
    assert pending(a) == 0
    a.close()
