"""French texts keep their signs with their words: no line starts with a colon, a question
mark or a closing guillemet, on screen, in documents, or in the central's pages."""

import json
from pathlib import Path

import pytest

from central.coordination import words as coordination_words
from central.coordination.web import partner_words
from central.publishing import words as publishing_words
from desktop.core.i18n import texts
from desktop.core.typography import breakable_french_spaces, french_spacing
from desktop.documents.base import markup

ROOT = Path(__file__).resolve().parent.parent
FRENCH = json.loads((ROOT / "i18n" / "fr.json").read_text("utf-8"))


def test_spaces_before_signs_and_inside_guillemets_become_no_break() -> None:
    assert french_spacing("Nom : {name} ; né ? oui ! « Relais »") == (
        "Nom\u00a0: {name}\u202f; né\u202f? oui\u202f! «\u00a0Relais\u00a0»")
    assert french_spacing("«Relais»") == "«\u00a0Relais\u00a0»"


def test_signs_without_a_space_are_left_alone() -> None:
    for text in ("https://relais.example.org/?q=1", "19:00", "region:WAL", "1;2"):
        assert french_spacing(text) == text


def test_the_french_catalog_has_no_breakable_space_before_a_sign() -> None:
    found = {key: places for key, message in FRENCH.items()
             for places in [[p for text in texts(message) for p in breakable_french_spaces(text)]]
             if places}
    assert found == {}, "run: uv run python scripts/i18n_add.py --french-spacing"


@pytest.mark.parametrize("module", [coordination_words, publishing_words, partner_words])
def test_the_centrals_french_words_have_no_breakable_space_before_a_sign(module) -> None:
    french = [text for table in vars(module).values() if isinstance(table, dict)
              for entry in table.values() for text in _french(entry)]
    assert french, f"{module.__name__} has no French text?"
    assert [p for text in french for p in breakable_french_spaces(text)] == []


def test_documents_keep_the_narrow_space_unbreakable() -> None:
    # ReportLab breaks lines at U+202F; the document layer gives it U+00A0 instead.
    assert markup("Pourquoi\u202f? «\u00a0x\u00a0»") == "Pourquoi\u00a0? «\u00a0x\u00a0»"


def _french(entry: object) -> list[str]:
    if isinstance(entry, dict):
        return [entry["fr"]] if isinstance(entry.get("fr"), str) else []
    if isinstance(entry, tuple) and len(entry) == 4 and all(isinstance(t, str) for t in entry):
        return [entry[1]]  # (en, fr, nl, de)
    return []
