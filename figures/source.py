"""What the figures read: each side (desktop, central) hands the same queries its records
through a ``Source``, so both count with the same SQL."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.sql import Subquery


class Source(Protocol):
    def rows(self, entity: str, fields: Sequence[str], flags: Sequence[str] = ()) -> Subquery:
        """The live (not deleted) records of ``entity`` as a subquery with columns ``org``
        (the organisation), ``id``, each of ``fields`` and each of ``flags``. Ids (``id``
        and fields ending in ``_id``) compare with the ids of the same source; dates are
        ``YYYY-MM-DD`` text, enum values their text, ``updated_at`` the last write's
        time as text (its first ten characters are its UTC date); flags are booleans."""
        ...
