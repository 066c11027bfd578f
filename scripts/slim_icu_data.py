"""Rebuild Qt's ICU data library with only what Relais's five languages need (30 MB -> 3 MB).

Qt links ICU for collation (ucol), case mapping, time-zone names (ucal) and converters
(ucnv): nothing else (`nm -D --undefined-only libQt6Core.so.6`). The wheel's libicudata
holds every locale of the world; we keep root, en, fr, nl, de and uk (all their regions)
with their collation and zone names, and drop the legacy codepage tables (.cnv: Relais
decodes files in Python), transliterators, and what only ICU APIs Qt never calls read:
break iterators and their dictionaries (Qt segments text itself), unit, currency, language
and region display names, spelled-out numbers, character names, confusables.

Needs icupkg, genccode (Debian: icu-devtools) and a C compiler. Without them the build
keeps the full library and says so.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

LANGS = {"root", "en", "fr", "nl", "de", "uk"}
PER_LOCALE_FOLDERS = {"", "coll", "zone"}
LOCALE_ID = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]*)*")


NEVER_READ_FOLDERS = {"translit", "brkitr", "unit", "curr", "lang", "region", "rbnf"}
NEVER_READ_FILES = {"unames.icu", "confusables.cfu", "confusablesWholeScript.cfu"}


def _unwanted(item: str) -> bool:
    folder, _, name = item.rpartition("/")
    if item.endswith(".cnv") or folder in NEVER_READ_FOLDERS or item in NEVER_READ_FILES:
        return True
    base = name.rsplit(".", 1)[0]
    return (folder in PER_LOCALE_FOLDERS and name.endswith(".res")
            and LOCALE_ID.fullmatch(base) is not None and base.split("_")[0] not in LANGS)


def _data_bytes(library: Path) -> tuple[str, bytes]:
    """The icudtNN_dat symbol's bytes: libicudata is nothing but that one array."""
    symbols = subprocess.run(["nm", "-D", "-S", str(library)], check=True,
                             capture_output=True, text=True).stdout
    for line in symbols.splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            address, size = int(parts[0], 16), int(parts[1], 16)
            break
    else:
        raise RuntimeError(f"no icudtNN_dat symbol in {library}")
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], check=True,
                              capture_output=True, text=True).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            break
    else:
        raise RuntimeError(f"no .rodata in {library}")
    offset = address - section_address + section_offset
    return parts[3].removesuffix("_dat"), library.read_bytes()[offset:offset + size]


def slim_icu_data(library: Path, workdir: Path) -> Path | None:
    """A smaller copy of `library` in `workdir`, or None when the tools are missing."""
    tools = ["icupkg", "genccode", "nm", "readelf", "cc"]
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        print(f"slim_icu_data: keeping the full ICU data ({', '.join(missing)} not found)")
        return None
    workdir.mkdir(parents=True, exist_ok=True)
    name, data = _data_bytes(library)  # e.g. icudt73
    full, small_dir = workdir / f"{name}l.dat", workdir / "small"
    full.write_bytes(data)
    small_dir.mkdir(exist_ok=True)
    items = subprocess.run(["icupkg", "-l", str(full)], check=True, capture_output=True,
                           text=True).stdout.split()
    remove = workdir / "remove.txt"
    remove.write_text("\n".join(i for i in items if _unwanted(i)) + "\n")
    small = small_dir / full.name
    small.unlink(missing_ok=True)
    subprocess.run(["icupkg", "-r", str(remove), str(full), str(small)], check=True)
    if not small.exists():  # icupkg refuses when an item we drop is still depended on
        raise RuntimeError("icupkg did not write the reduced ICU data")
    subprocess.run(["genccode", "-e", name, "-a", "gcc", "-d", str(small_dir), str(small)],
                   check=True, capture_output=True)
    out = small_dir / library.name
    subprocess.run(["cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o",
                    str(out), str(small_dir / f"{name}l_dat.S")], check=True)
    print(f"slim_icu_data: {library.stat().st_size >> 20} MB -> {out.stat().st_size >> 20} MB")
    return out
