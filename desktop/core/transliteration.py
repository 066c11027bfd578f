"""Spellings Belgian administrations make from Ukrainian Cyrillic after French, Dutch or German
habits (Шевченко → Chevtchenko / Sjevtsjenko / Schewtschenko). The passport spelling follows
the national standard of 2010 (``names.passport_latin``)."""

from __future__ import annotations

_COMMON = {
    "а": "a", "б": "b", "д": "d", "е": "e", "з": "z", "і": "i", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "ф": "f",
    "ь": "", "ъ": "", "'": "", "’": "", "ʼ": "", "г": "h", "ґ": "g", "и": "y",
}  # fmt: skip

_TABLES = {
    "fr": {
        **_COMMON, "в": "v", "є": "ie", "ж": "j", "ї": "ï", "й": "ï", "у": "ou", "х": "kh",
        "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch", "ю": "iou", "я": "ia",
    },
    "nl": {
        **_COMMON, "в": "v", "є": "je", "ж": "zj", "ї": "ji", "й": "j", "у": "oe", "х": "ch",
        "ц": "ts", "ч": "tsj", "ш": "sj", "щ": "sjtsj", "ю": "joe", "я": "ja",
    },
    "de": {
        **_COMMON, "в": "w", "є": "je", "ж": "sch", "з": "s", "ї": "ji", "й": "j", "у": "u",
        "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ю": "ju", "я": "ja",
    },
}  # fmt: skip
# Word endings each habit simplifies ("Юлія" → "Ioulia" in French, not "Iouliia").
_ENDINGS = {"fr": {"ія": "ia", "ій": "i"}, "nl": {"ій": "i"}, "de": {"ій": "ij"}}


def administrative_spelling(cyrillic: str, language: str) -> str:
    table = _TABLES[language]
    words = []
    for word in cyrillic.split(" "):
        lower = word.lower()
        tail = ""
        for ending, replacement in _ENDINGS.get(language, {}).items():
            if lower.endswith(ending) and len(lower) > len(ending):
                lower, tail = lower[: -len(ending)], replacement
                break
        latin = "".join(table.get(ch, ch) for ch in lower) + tail
        words.append(latin[:1].upper() + latin[1:])
    return " ".join(words)
