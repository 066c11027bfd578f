"""A municipality written in a list or on a filled form, read without guessing: a full name
(any language, accents optional), a postal code of a single municipality or a REFNIS code
is taken; anything else ("Lie", 1050 shared by Ixelles and Brussels, a typo) is said with
the municipalities it could be, never replaced by the first that matches."""

from __future__ import annotations

from desktop.core.reference import Municipality, ReferenceData
from desktop.exchange.values import BadValue

SHOWN = 5  # candidates named in the message; more are cut with "…"


def municipality(reference: ReferenceData, typed: str) -> Municipality | None:
    """The one municipality ``typed`` names; None for an empty value; BadValue otherwise."""
    typed = typed.strip()
    if not typed:
        return None
    found = reference.unambiguous(typed)
    if found is not None:
        return found
    candidates = reference.find_municipalities(typed, SHOWN + 1)
    if not candidates:
        raise BadValue("import.unknown_municipality", value=typed)
    # Each named in its own languages first (Lier / Lierre, Liège / Luik / Lüttich): the
    # message is built before anyone's language is known.
    names = [m.label(m.document_language) for m in candidates[:SHOWN]]
    raise BadValue("import.ambiguous_municipality", value=typed,
                   candidates=", ".join(names) + (", …" if len(candidates) > SHOWN else ""))
