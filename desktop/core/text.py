"""Text as it is typed, pasted, imported or read from a PDF form, made fit to keep, and text
made safe to write on a terminal.

A name pasted from a web page or a hostile file can carry terminal escapes (ESC, BEL),
bidirectional overrides (U+202E shows "ABC" as "CBA") or invisible characters: none of them
is part of a name, and kept they would drive a terminal, reverse what a worker reads, or
make two identical-looking names differ. ``clean_text`` removes them where text comes in;
``terminal_safe`` escapes whatever an older database still holds where text goes out.
"""

from __future__ import annotations

import re
import unicodedata

# Bidirectional controls: embeddings, overrides, isolates and the marks.
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                          "\u2066\u2067\u2068\u2069")
# What ends a line anywhere: in one-line text it becomes a space, so words stay apart.
_LINE_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _dropped(char: str, multiline: bool) -> bool:
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):  # C0/C1 controls, NUL, DEL; lone surrogates cannot be stored
        return not (multiline and char == "\t")
    if category == "Cf":  # invisible format characters: zero-width, bidi, soft hyphen, BOM
        # Free text keeps the joiners of emoji sequences; no one-line field needs any.
        return not multiline or char in BIDI_CONTROLS or char == "\ufeff"
    return False


def clean_text(value: str, multiline: bool = False) -> str:
    """``value`` in NFC without control or invisible format characters. One-line text (names,
    numbers, addresses) turns line breaks and tabs into spaces; multi-line text (notes) keeps
    TAB and line breaks as LF. Surrounding spaces are left to the caller."""
    if not value or (value.isascii() and value.isprintable()):
        return value  # most cells of an import: nothing to normalise or drop, and cheap to see
    value = unicodedata.normalize("NFC", value)
    value = _LINE_BREAKS.sub("\n" if multiline else " ", value)
    if not multiline:
        value = value.replace("\t", " ")
    if value.isprintable():  # the common case: no control, format or line-break character
        return value
    return "".join(c for c in value if c in "\n\t " or not _dropped(c, multiline))


def terminal_safe(text: str) -> str:
    """``text`` with every character that could drive a terminal or reorder a line written as
    a visible ``\\uXXXX`` escape (which is also valid inside a JSON string). TAB and LF stay:
    they lay out what the command prints."""
    return "".join(_escaped(c) for c in text)


def _escaped(char: str) -> str:
    if char in "\t\n":
        return char
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Zl", "Zp") or char in BIDI_CONTROLS or char == "\ufeff":
        code = ord(char)
        return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return char
