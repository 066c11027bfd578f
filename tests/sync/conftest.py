"""The central's real-process fixtures, shared (not copied) with tests/central."""

from tests.central.conftest import central, servers  # noqa: F401
