"""An organisation on a real central process (SQLite, shared by the run) whose first
desktop enrolled and synced; the desktops the tests set up join it or enrol."""

from __future__ import annotations

import pytest

from desktop.core.enums import Role
from desktop.core.intake_input import HouseholdInput
from desktop.services import Services
from tests.conftest import TEMPORARY_PASSWORD, USER_PASSWORD
from tests.core.test_intake import child, mother
from tests.sync.organisation import first_desktop, organisation
from tests.sync.own_central import own_central  # noqa: F401 (a fixture)


@pytest.fixture
def sqlite_central(servers):
    return servers["sqlite"]


@pytest.fixture
def first(sqlite_central, tmp_path):
    """Desktop A: its administrator, a social worker with her own password, two
    households; everything on the central."""
    refnis = organisation(sqlite_central)
    place = first_desktop(sqlite_central, tmp_path, refnis)
    Services.for_session(place.session).users.add_user("marie", Role.SOCIAL_WORKER,
                                                       TEMPORARY_PASSWORD)
    marie = place.vault.login("marie", TEMPORARY_PASSWORD)
    marie.change_own_password(USER_PASSWORD)
    marie.close()
    for _ in range(2):
        place.services.intake.register(HouseholdInput(members=[mother(), child()]))
    place.sync()
    yield place, refnis
    place.close()
