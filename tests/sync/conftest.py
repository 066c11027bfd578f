"""Fixtures of the sync tests shared by several modules."""

import pytest

from tests.sync.organisation import two_desktops
from tests.sync.own_central import own_central  # noqa: F401 (a fixture)


@pytest.fixture
def pair(central, tmp_path):
    """Two desktops of one organisation on each backend (tests/sync/organisation.py)."""
    yield from two_desktops(central, tmp_path)
