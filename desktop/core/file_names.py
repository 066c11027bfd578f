"""Names suggested when saving a file: in the interface language, saying what and when,
never who (a file name shows in folder listings, e-mail attachments and recent files). A
case's document also carries the case's file number (2026-000123), not a name, so two
documents of two cases made the same day do not take each other's name."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

# What can be saved; each has a catalog key ``file_name.<what>`` (the stem, "relais-…").
WHATS: tuple[str, ...] = (
    "recovery_sheet",
    "doc_intake", "doc_summary", "doc_referral", "doc_slip",
    "doc_blank", "doc_fillable", "doc_monthly",
    "export_persons", "export_households", "export_cases",
    "subject_access", "audit", "export_partners",
)
# Characters no file name may hold on Windows, macOS or Linux.
FORBIDDEN = set('<>:"/\\|?*')


def suggested_name(tr: Callable[..., str], what: str, extension: str,
                   when: date | str | None = None, file_number: str = "") -> str:
    """``when``: a day, or a period as typed (``2026-10`` for a month); ``file_number``: the
    case's, for a case's document ("2026/000123" is written 2026-000123)."""
    if what not in WHATS:
        raise ValueError(what)
    stem = tr(f"file_name.{what}")
    if file_number.strip():
        stem += "-" + file_number.strip()
    if when:
        stem += "-" + (when.isoformat() if isinstance(when, date) else when)
    clean = "".join("-" if char in FORBIDDEN else char for char in stem)
    return f"{clean}.{extension}"
