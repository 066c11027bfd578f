"""References printed on blank paper intake forms (``P-7KQM-X3TD``): allocated offline on
any machine, typed back in when the form is transcribed, and kept on the household so the
paper and the file find each other."""

from __future__ import annotations

import re
import secrets

from sqlalchemy.exc import IntegrityError

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: nothing to confuse when typed
_TYPED = re.compile(rf"P([{ALPHABET}]{{8}})")


def new_reference() -> str:
    """40 random bits: unique enough without asking anyone."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"P-{chars[:4]}-{chars[4:]}"


def normal_reference(typed: str) -> str | None:
    """The reference as printed, from what was typed (case, spaces and dashes free); None
    when it cannot be one."""
    compact = re.sub(r"[\s\-_.]", "", typed).upper()
    match = _TYPED.fullmatch(compact)
    return f"P-{match[1][:4]}-{match[1][4:]}" if match else None


def reference_taken(error: IntegrityError) -> bool:
    """The database refused a second household with one paper reference (ux_household_
    reference): the transcription screen checks first, this guards the race."""
    return "household.reference" in str(error.orig)
