"""The organisation's anonymous figures for a coordinator, made on this desktop for a CPAS
that does not sync: the same queries and suppression as the central (package ``figures``),
signed with the organisation's figures key."""

from desktop.core.coordination.export import FiguresExport

__all__ = ["FiguresExport"]
