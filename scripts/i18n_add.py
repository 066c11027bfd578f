"""Add or update messages in all five catalogs at once (a maintainer's helper).

    uv run python scripts/i18n_add.py messages.tsv

Each line of the TSV file: key, en, fr, nl, de, uk (tab-separated). Keys are kept sorted.
A count's message is written as a JSON object of its plural categories in each cell, e.g.
{"one": "{n} person", "other": "{n} persons"} (Ukrainian: one, few, many, other; French:
one, many, other); tests/test_i18n.py checks each language has exactly its categories.
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
            catalogs[lang][key] = _message(text, f"{tsv}:{number}")
    for lang, catalog in catalogs.items():
        text = json.dumps(dict(sorted(catalog.items())), ensure_ascii=False, indent=1)
        (CATALOGS / f"{lang}.json").write_text(text + "\n", encoding="utf-8")


def _message(cell: str, where: str) -> str | dict[str, str]:
    # Plain text may begin with a placeholder ("{name} …") but never with '{"'.
    if cell.startswith('{"'):
        try:
            forms = json.loads(cell)
        except json.JSONDecodeError as error:
            raise SystemExit(f"{where}: plural forms are not valid JSON: {error}") from None
        return {category: text.replace("\\n", "\n") for category, text in forms.items()}
    return cell.replace("\\n", "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
