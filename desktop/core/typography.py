"""French spacing rules for texts a reader sees: a line never starts with a colon, a question
mark or a closing guillemet.

French puts a space before ``: ; ? !`` and inside ``« »``. Typed as an ordinary space, a line
may break there and leave the sign alone at the start of the next line. The Belgian and French
rules (Imprimerie nationale, as Belgian administrations follow them) want a no-break space
before the colon and inside guillemets, and a narrow no-break space before ``; ? !``."""

from __future__ import annotations

import re

NO_BREAK_SPACE = "\u00a0"
NARROW_NO_BREAK_SPACE = "\u202f"
_BEFORE_COLON = re.compile(r"[ \u00a0\u202f]+:")
_BEFORE_HIGH_SIGN = re.compile(r"[ \u00a0\u202f]+([;?!])")
_AFTER_OPENING = re.compile(r"«[ \u00a0\u202f]*")
_BEFORE_CLOSING = re.compile(r"[ \u00a0\u202f]*»")
# An ordinary space where a no-break one belongs: what the check reports.
_ORDINARY = re.compile(r" [:;?!»]|« ")


def french_spacing(text: str) -> str:
    """``text`` with the spaces French typography wants around ``: ; ? !`` and ``« »``
    made no-break. Only spaces already written are changed (and guillemets always get
    theirs): "http://" or "19:00" have none and stay as they are."""
    text = _BEFORE_COLON.sub(NO_BREAK_SPACE + ":", text)
    text = _BEFORE_HIGH_SIGN.sub(NARROW_NO_BREAK_SPACE + r"\1", text)
    text = _AFTER_OPENING.sub("«" + NO_BREAK_SPACE, text)
    return _BEFORE_CLOSING.sub(NO_BREAK_SPACE + "»", text)


def breakable_french_spaces(text: str) -> list[str]:
    """The places in ``text`` where an ordinary space stands before ``: ; ? ! »`` or after
    ``«`` (each with a few characters around it, to show a translator where)."""
    return [text[max(0, m.start() - 12):m.end() + 12] for m in _ORDINARY.finditer(text)]
