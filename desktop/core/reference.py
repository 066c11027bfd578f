"""Reference data shipped in resources/reference (built by scripts/build_reference.py)."""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop.paths import REFERENCE


@dataclass(frozen=True)
class Municipality:
    refnis: str
    names: dict[str, str]
    region: str
    province: str | None
    languages: tuple[str, ...]
    postal_codes: tuple[str, ...]
    valid_from: str
    valid_to: str | None

    def name(self, lang: str) -> str:
        """The name in ``lang`` if it has one, else in the municipality's own language (a German
        speaker says Hasselt, not the French name), else French then Dutch."""
        for code in (lang, *self.languages, "fr", "nl"):
            if self.names.get(code):
                return self.names[code]
        return next(iter(self.names.values()))

    def label(self, lang: str) -> str:
        """'Anvers / Antwerpen' when the languages differ (the municipality's own languages
        before German), with postal codes for recognition."""
        order = (lang, *self.languages, "fr", "nl", "de")
        name = " / ".join(dict.fromkeys(self.names[c] for c in order if self.names.get(c)))
        return f"{name} ({', '.join(self.postal_codes[:3])})" if self.postal_codes else name

    @property
    def document_language(self) -> str:
        return self.languages[0]


@dataclass(frozen=True)
class UkraineRegion:
    code: str
    name_latin: str
    name_uk: str


# German umlauts are also typed as two letters where the keyboard has none: Luettich.
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names typed without accents; a hyphen
    and a space are the same (Sankt-Vith, Sankt Vith)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.replace("’", "'").replace("-", " ").split())


def search_forms(name: str) -> set[str]:
    """Every folded form a person may type for ``name``: Lüttich gives luttich and luettich."""
    return {fold(name), fold(unicodedata.normalize("NFC", name.casefold()).translate(_UMLAUTS))}


class ReferenceData:
    def __init__(self, folder: Path = REFERENCE) -> None:
        self.folder = folder
        postal = self._read("postal_codes.json")
        codes_by_refnis: dict[str, list[str]] = {}
        self.postal_codes: dict[str, tuple[str, ...]] = {}
        for row in postal:
            self.postal_codes[row["postal_code"]] = tuple(row["municipalities"])
            for refnis in row["municipalities"]:
                codes_by_refnis.setdefault(refnis, []).append(row["postal_code"])
        self.municipalities: dict[str, Municipality] = {
            row["refnis"]: Municipality(
                refnis=row["refnis"],
                names=row["names"],
                region=row["region"],
                province=row["province"],
                languages=tuple(row["languages"]),
                postal_codes=tuple(sorted(codes_by_refnis.get(row["refnis"], []))),
                valid_from=row["valid_from"],
                valid_to=row["valid_to"],
            )
            for row in self._read("municipalities.json")
        }
        self._forms = {refnis: tuple({form for name in m.names.values()
                                      for form in search_forms(name)})
                       for refnis, m in self.municipalities.items()}
        self.ukraine_regions = [
            UkraineRegion(row["code"], row["name_latin"], row["name_uk"])
            for row in self._read("ukraine_regions.json")
        ]

    def _read(self, name: str) -> list[dict]:
        with (self.folder / name).open(encoding="utf-8") as handle:
            return json.load(handle)

    def municipality(self, refnis: str) -> Municipality | None:
        return self.municipalities.get(refnis)

    def for_postal_code(self, code: str) -> list[Municipality]:
        """The municipalities a complete postal code belongs to: one, or two for the few
        codes shared by two (1040, 1050, 1804); none for an unknown or partial code."""
        return [self.municipalities[r] for r in self.postal_codes.get(code.strip(), ())]

    def unambiguous(self, typed: str) -> Municipality | None:
        """The one municipality meant by what was typed: a complete postal code of a single
        municipality, its REFNIS code or its full name in any language (accents optional).
        None while it is partial or could be more than one."""
        typed = typed.strip()
        if not typed:
            return None
        if typed.isdigit():
            if len(typed) == 5:
                return self.municipalities.get(typed)
            found = self.for_postal_code(typed)
            return found[0] if len(found) == 1 else None
        needle = fold(typed)
        exact = [m for refnis, m in self.municipalities.items() if needle in self._forms[refnis]]
        return exact[0] if len(exact) == 1 else None

    def find_municipalities(self, typed: str, limit: int = 20) -> list[Municipality]:
        """By postal code (all municipalities it covers) or by a name in any national
        language, accents and umlauts optional (Lüttich, luttich, luettich); names starting
        with the text come first."""
        typed = typed.strip()
        if not typed:
            return []
        if typed.isdigit():
            if len(typed) == 5 and typed in self.municipalities:
                return [self.municipalities[typed]]
            refnis = [r for code, rs in self.postal_codes.items() if code.startswith(typed)
                      for r in rs]
            return [self.municipalities[r] for r in dict.fromkeys(refnis)][:limit]
        needle = fold(typed)
        starts, contains = [], []
        for refnis, municipality in self.municipalities.items():
            folded = self._forms[refnis]
            if any(name.startswith(needle) for name in folded):
                starts.append(municipality)
            elif any(needle in name for name in folded):
                contains.append(municipality)
        starts.sort(key=lambda m: fold(m.name("fr")))
        return (starts + contains)[:limit]


@cache
def reference_data() -> ReferenceData:
    return ReferenceData()
