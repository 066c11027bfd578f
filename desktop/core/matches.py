"""What a search result was found by, said so a worker can tell a real match from a near one:
which typed word met which stored spelling (``Chevtchouk ≈ ШЕВЧУК``), or which identifier."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from desktop.core.date_text import display_iso
from desktop.core.i18n import Translator
from desktop.core.name_index import NAME_FIELDS, aliases
from desktop.core.names import latin_letters, normal, tokens

# How a typed word met a name, strongest first; each is a "match.<kind>" message.
NAME_KINDS = ("name", "name_alias", "name_typo", "name_prefix")
IDENTIFIER_KINDS = ("file_number", "document_number", "phone", "birth_date", "national_number")


@dataclass(frozen=True)
class Match:
    kind: str  # one of NAME_KINDS or IDENTIFIER_KINDS
    typed: str  # the typed word, or the whole query for an identifier
    found: str  # the stored spelling or identifier it met ("ШЕВЧУК", "2026/000012", "3456")

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def describe(tr: Translator, match: Match) -> str:
    found = display_iso(match.found, tr.language) if match.kind == "birth_date" else match.found
    if match.kind == "name" and match.typed.casefold() == found.casefold():
        return found  # typed as stored: nothing to compare
    return tr(f"match.{match.kind}", typed=match.typed, found=found)


def describe_all(tr: Translator, matches: list[Match]) -> str:
    return "; ".join(describe(tr, match) for match in matches)


def found_by(tr: Translator, matched: list[Match], reasons: list[str]) -> str:
    """A hit's "found by", as the home screen and the CLI say it: the matches, else the
    kinds of reason."""
    return describe_all(tr, matched) or ", ".join(
        tr(f"search.reason_{reason}") for reason in reasons)


def stored_spelling(values: dict[str, Any], form: str) -> str:
    """The person's own spelling that gave the index form ``form``: the Cyrillic one (the
    passport's) when there is one, so a worker sees what a Latin spelling stands for. Surnames
    in capitals, as names are shown everywhere."""
    candidates: list[str] = []
    fields = [(name, values.get(name) or "") for name in NAME_FIELDS]
    fields += [("other", spelling) for spelling in values.get("other_spellings") or []]
    for name, spelling in fields:
        for token in tokens(spelling):
            forms = {latin_letters(token)} | {alias for alias, _ in aliases().get(normal(token),
                                                                                  ())}
            if form in forms:
                candidates.append(token.upper() if name.startswith("surname") else token)
    return candidates[0] if candidates else form
