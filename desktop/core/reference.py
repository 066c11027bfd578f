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
        """The name in ``lang`` if it has one, else French then Dutch."""
        return self.names.get(lang) or self.names.get("fr") or self.names["nl"]

    def label(self, lang: str) -> str:
        """'Anvers / Antwerpen' when the languages differ, with postal codes for recognition."""
        main = self.name(lang)
        others = [n for n in dict.fromkeys(self.names.values()) if n != main]
        name = " / ".join([main, *others])
        return f"{name} ({', '.join(self.postal_codes[:3])})" if self.postal_codes else name

    @property
    def document_language(self) -> str:
        return self.languages[0]


@dataclass(frozen=True)
class UkraineRegion:
    code: str
    name_latin: str
    name_uk: str


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching names typed without accents."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


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
        self.ukraine_regions = [
            UkraineRegion(row["code"], row["name_latin"], row["name_uk"])
            for row in self._read("ukraine_regions.json")
        ]

    def _read(self, name: str) -> list[dict]:
        with (self.folder / name).open(encoding="utf-8") as handle:
            return json.load(handle)

    def municipality(self, refnis: str) -> Municipality | None:
        return self.municipalities.get(refnis)

    def find_municipalities(self, typed: str, limit: int = 20) -> list[Municipality]:
        """By postal code (all municipalities it covers) or by a name in any national
        language, accents optional; names starting with the text come first."""
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
        for municipality in self.municipalities.values():
            folded = [fold(name) for name in municipality.names.values()]
            if any(name.startswith(needle) for name in folded):
                starts.append(municipality)
            elif any(needle in name for name in folded):
                contains.append(municipality)
        starts.sort(key=lambda m: fold(m.name("fr")))
        return (starts + contains)[:limit]


@cache
def reference_data() -> ReferenceData:
    return ReferenceData()
