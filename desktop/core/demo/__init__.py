"""Synthetic demonstration data: households (``households``) named by a generator of
realistic names (``surnames``, ``people_names``). Never real people."""

from desktop.core.demo.households import TODAY, DemoGenerator

__all__ = ["TODAY", "DemoGenerator"]
