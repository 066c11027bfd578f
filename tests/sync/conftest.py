"""Fixtures of the sync tests shared by several modules."""

from tests.sync.own_central import own_central  # noqa: F401 (a fixture)
