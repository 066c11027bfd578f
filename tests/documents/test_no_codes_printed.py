"""A PDF names countries and documents in words: no ISO code ("UKR"), no document code
("intake-form") in the footer, and no word cut in the middle of a table cell."""

import re

import pytest
from babel.core import get_global

from desktop.core.i18n import load_catalog, texts
from tests.documents.test_no_internal_words import printed
from tests.rich_case import rich_case

ALPHA3 = {code for code in get_global("territory_aliases") if re.fullmatch(r"[A-Z]{3}", code)}
KEBAB = re.compile(r"\b[a-z]+(?:-[a-z0-9]+)+\b")


def codes(lines: list[str], *langs: str) -> list[str]:
    """ISO country codes and kebab-case identifiers that are not words of these languages."""
    hyphenated = {word.casefold() for lang in langs for message in load_catalog(lang).values()
                  for text in texts(message) for word in KEBAB.findall(text.casefold())}
    found = []
    for line in lines:
        found += [word for word in re.findall(r"\b[A-Z]{3}\b", line) if word in ALPHA3]
        found += [word for word in KEBAB.findall(line) if word.casefold() not in hyphenated]
    return sorted(set(found))


@pytest.mark.parametrize(("main", "beside"), [("de", "uk"), ("fr", "uk"), ("nl", "ru")])
def test_case_documents_print_no_country_or_document_code(services, tmp_path, main, beside):
    case_id = rich_case(services)
    documents = services.documents
    languages = documents.languages(main, beside)
    made = {kind: documents.case_document(kind, case_id, tmp_path / f"{kind}.pdf", languages)
            for kind in ("intake", "summary")}
    documents.blank_intake(tmp_path / "blank.pdf", languages)
    made["blank"] = tmp_path / "blank.pdf"
    made["fillable"] = documents.fillable_intake(tmp_path / "fillable.pdf", languages)
    lines = [line for path in made.values() for line in printed(path)]
    assert codes(lines, main, beside) == []
    intake = " ".join(printed(made["intake"]))
    assert f"{languages.main('doc.nationality')} / {languages.beside('doc.nationality')}" \
        in intake
    names = {"de": "Ukraine", "fr": "Ukraine", "nl": "Oekraïne"}
    assert names[main] in intake
    footer = printed(made["summary"])
    assert any(languages.main("doc.summary_title") in line and "Relais" in line
               for line in footer)


def test_the_summary_keeps_a_relationship_whole(services, tmp_path):
    case_id = rich_case(services)
    languages = services.documents.languages("de", "uk")
    path = services.documents.case_document("summary", case_id, tmp_path / "s.pdf", languages)
    words = " ".join(printed(path)).split()
    for key in ("relationship.head", "relationship.child"):
        for translator in (languages.main, languages.beside):
            for word in re.findall(r"\w+", translator(key)):
                assert word in words, word
