"""Add or update messages in all five catalogs at once (a maintainer's helper).

    uv run python scripts/i18n_add.py messages.tsv

Each line of the TSV file: key, en, fr, nl, de, uk (tab-separated). Keys are kept sorted.
A count's message is written as a JSON object of its plural categories in each cell, e.g.
{"one": "{n} person", "other": "{n} persons"} (Ukrainian: one, few, many, other; French:
one, many, other); tests/test_i18n.py checks each language has exactly its categories.
French texts get their no-break spaces before ``: ; ? !`` and inside ``« »`` here
(desktop/core/typography.py), so a translator may type ordinary ones.

    uv run python scripts/i18n_add.py --french-spacing

applies the same rule to the whole French catalog.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from desktop.core.typography import french_spacing

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
    catalogs["fr"] = _french(catalogs["fr"])
    for lang, catalog in catalogs.items():
        _write(lang, catalog)


def _french(catalog: dict[str, str | dict[str, str]]) -> dict[str, str | dict[str, str]]:
    return {key: {form: french_spacing(text) for form, text in message.items()}
            if isinstance(message, dict) else french_spacing(message)
            for key, message in catalog.items()}


def _write(lang: str, catalog: dict[str, str | dict[str, str]]) -> None:
    text = json.dumps(dict(sorted(catalog.items())), ensure_ascii=False, indent=1)
    (CATALOGS / f"{lang}.json").write_text(text + "\n", encoding="utf-8")


def respace_french() -> None:
    path = CATALOGS / "fr.json"
    _write("fr", _french(json.loads(path.read_text(encoding="utf-8"))))


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
    if sys.argv[1:] == ["--french-spacing"]:
        respace_french()
    else:
        main(Path(sys.argv[1]))
