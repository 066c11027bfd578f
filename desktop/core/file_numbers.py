"""The one allocator of case file numbers: intake, import, demo data and filled PDF forms
all take their numbers here.

A number is ``YYYY/NNNNNN``: the year the case opened and a serial in that year's series,
one series per organisation. The next number is the series' highest + 1, read and written in
the same transaction, so the caller must hold the write lock (a ``UnitOfWork`` does): two
processes can then never read the same highest number.

Several desktops of one organisation, offline: each takes its numbers in its own series,
the one the central gave it at enrolment (``sync_state.series``): ``""`` for the desktop
that registered the organisation (``2026/000123``), ``B``, ``C``… for the others
(``2026/B00042``: the letters take the place of leading digits, so a number stays 11
characters). Numbers stay unique without a network and never change once given.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlmodel import Session

from desktop.core.models import CaseFile, SyncState
from desktop.core.write_lock import require_write_lock


@dataclass(frozen=True)
class _Series:
    prefix: str  # "2026/"
    digits: int  # the serial's width, zero-padded

    def number(self, serial: int) -> str:
        return f"{self.prefix}{serial:0{self.digits}d}"

    def glob(self) -> str:
        # SQLite GLOB: exactly this prefix and this many digits (imported numbers may
        # share the year and be anything else: they are not part of the series)
        return self.prefix + "[0-9]" * self.digits


def device_series(session: Session) -> str:
    """This desktop's series: "" until it enrols, and for the desktop that registered the
    organisation; B, C… for the desktops that joined."""
    return session.execute(select(SyncState.series)).scalar() or ""  # type: ignore[call-overload]


def _series(session: Session, year: int) -> _Series:
    letters = device_series(session)
    return _Series(prefix=f"{year:04d}/{letters}", digits=max(6 - len(letters), 4))


def _highest(session: Session, organisation_id: uuid.UUID | None, series: _Series) -> int:
    last = session.execute(
        select(func.max(CaseFile.file_number)).where(
            CaseFile.organisation_id == organisation_id,
            CaseFile.file_number.op("GLOB")(series.glob()),
        )
    ).scalar_one()
    return int(last[len(series.prefix):]) if last else 0


def take(session: Session, organisation_id: uuid.UUID | None, year: int) -> str:
    """The next file number of ``year`` for a case about to be written in ``session``."""
    return take_many(session, organisation_id, year, 1)[0]


def take_many(session: Session, organisation_id: uuid.UUID | None, year: int, count: int,
              avoid: Collection[str] = ()) -> list[str]:
    """``count`` new numbers of ``year``, in order, none of them in ``avoid`` (numbers about
    to be written in the same transaction, e.g. an import's own numbers). Only under the
    write lock: numbers taken and not written in that transaction are simply not used."""
    require_write_lock(session)
    series = _series(session, year)
    serial = _highest(session, organisation_id, series)
    numbers: list[str] = []
    while len(numbers) < count:
        serial += 1
        number = series.number(serial)
        if number not in avoid:
            numbers.append(number)
    return numbers
