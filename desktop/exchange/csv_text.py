"""Turn a CSV file's bytes into text, or refuse when the text would not be what was written.

UTF-8 is tried strictly first. A file that is mostly UTF-8 with a few broken bytes is
refused with the line (decoding it as Windows text would turn every accent into two signs).
Otherwise the single-byte encodings people's tools write are weighed (Windows-1251, KOI8-U,
Windows-1252), and the result must read as names: few signs that are neither letters nor
common punctuation, and Cyrillic words not in the inverted case (шЕВЧЕНКО) that KOI8 text
read as Windows-1251 gives."""

from __future__ import annotations

import contextlib
import re
import unicodedata

from desktop.core.errors import RelaisError

SINGLE_BYTE = ("cp1251", "koi8_u", "cp1252")
MAX_ODD_SHARE = 0.05  # of the non-ASCII characters
_INVERTED = re.compile(r"\b[а-яёіїєґ][А-ЯЁІЇЄҐ]{2,}")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]{3,}")
_FINE_MARKS = set("«»‘’‚“”„–—…№°€ \u00a0\u2019\u02bc·")


def decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return _strict_utf8(raw[3:], name)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise RelaisError("import.bad_encoding", file=name) from exc
    if b"\x00" in raw[:4096]:
        raise RelaisError("import.not_a_spreadsheet", file=name)
    with contextlib.suppress(UnicodeDecodeError):  # not UTF-8: weigh the other encodings
        return raw.decode("utf-8")
    if _mostly_utf8(raw):
        _strict_utf8(raw, name)  # raises, naming the first broken line
    text = _single_byte(raw)
    if text is None or not looks_like_names(text):
        raise RelaisError("import.bad_encoding", file=name)
    return text


def _strict_utf8(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise RelaisError("import.bad_utf8", file=name, line=line) from exc


def _mostly_utf8(raw: bytes) -> bool:
    """As many well-formed multibyte sequences as broken bytes: UTF-8 that was damaged.
    (Windows-1251 or -1252 text read as UTF-8 breaks at nearly every accent or Cyrillic
    letter, and only by chance forms a valid sequence.)"""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    well_formed = sum(1 for char in text if ord(char) > 0x7F) - broken
    return well_formed >= broken


def _single_byte(raw: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(SINGLE_BYTE)).best()
    if best is not None:
        return str(best)
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return None


def looks_like_names(text: str) -> bool:
    """Whether decoded text reads as lists of names do, rather than as mojibake."""
    foreign = [char for char in text if ord(char) > 0x7F]
    if not foreign:
        return True
    odd = sum(1 for char in foreign
              if char not in _FINE_MARKS and not unicodedata.category(char).startswith(("L", "M")))
    if odd > MAX_ODD_SHARE * len(foreign):
        return False
    words = len(_CYRILLIC_WORD.findall(text))
    return len(_INVERTED.findall(text)) <= 0.2 * words
