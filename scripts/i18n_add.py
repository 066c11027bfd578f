"""Add or update messages in all five catalogs at once (a maintainer's helper).

    uv run python scripts/i18n_add.py messages.tsv

Each line of the TSV file: key, en, fr, nl, de, uk (tab-separated). Keys are kept sorted.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CATALOGS = Path(__file__).resolve().parent.parent / "i18n"
ORDER = ("en", "fr", "nl", "de", "uk")


def main(tsv: Path) -> None:
    catalogs = {}
    for lang in ORDER:
        path = CATALOGS / f"{lang}.json"
        catalogs[lang] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 1 + len(ORDER):
            raise SystemExit(f"{tsv}:{number}: expected {1 + len(ORDER)} columns, got {len(parts)}")
        key, *texts = parts
        for lang, text in zip(ORDER, texts, strict=True):
            catalogs[lang][key] = text.replace("\\n", "\n")
    for lang, catalog in catalogs.items():
        text = json.dumps(dict(sorted(catalog.items())), ensure_ascii=False, indent=1)
        (CATALOGS / f"{lang}.json").write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
