"""Names suggested when saving a file: in the interface language, saying what and when,
never who (a file name shows in folder listings, e-mail attachments and recent files)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

# What can be saved; each has a catalog key ``file_name.<what>`` (the stem, "relais-…").
WHATS: tuple[str, ...] = (
    "recovery_sheet",
    "doc_intake", "doc_summary", "doc_referral", "doc_slip",
    "doc_blank", "doc_fillable", "doc_monthly",
    "export_persons", "export_households", "export_cases",
)
# Characters no file name may hold on Windows, macOS or Linux.
FORBIDDEN = set('<>:"/\\|?*')


def suggested_name(tr: Callable[..., str], what: str, extension: str,
                   when: date | str | None = None) -> str:
    """``when``: a day, or a period as typed (``2026-10`` for a month)."""
    if what not in WHATS:
        raise ValueError(what)
    stem = tr(f"file_name.{what}")
    if when:
        stem += "-" + (when.isoformat() if isinstance(when, date) else when)
    clean = "".join("-" if char in FORBIDDEN else char for char in stem)
    return f"{clean}.{extension}"
