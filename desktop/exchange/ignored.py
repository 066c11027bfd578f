"""The columns of a file that an import leaves out, and how to say so: by letter and header,
in the dry run (text and JSON) and in the wizard, so nothing is dropped without a word."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from desktop.core.text import clean_text
from desktop.exchange.columns import Mapping, column_letter, recognise

Translate = Callable[..., str]


@dataclass(frozen=True)
class IgnoredColumn:
    index: int
    header: str  # as written in the file; "" for a column with data but no header
    same_as: int | None = None  # the column that already holds this meaning
    meaning: str | None = None  # that meaning (canonical name), for a duplicate
    known: bool = False  # a header Relais recognises, left out by the chosen mapping
    labels: str = "importer.column_"  # the catalog prefix naming a meaning (partners: theirs)

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    def describe(self, tr: Translate) -> str:
        if self.meaning is not None and self.same_as is not None:
            return tr("import.ignored_duplicate", column=self.letter, header=self.header,
                      meaning=tr(f"{self.labels}{self.meaning}"),
                      other=column_letter(self.same_as))
        if not self.header:
            return tr("import.ignored_unnamed", column=self.letter)
        key = "import.ignored_left_out" if self.known else "import.ignored_unknown"
        return tr(key, column=self.letter, header=self.header)

    def short(self, tr: Translate) -> str:
        """Letter and header only, for a list where the full reason is one hover away."""
        if self.meaning is not None and self.same_as is not None:
            return tr("importer.ignored_short_duplicate", column=self.letter,
                      header=self.header, other=column_letter(self.same_as))
        if not self.header:
            return self.letter
        return tr("importer.ignored_short", column=self.letter, header=self.header)

    def to_json(self, tr: Translate) -> dict[str, Any]:
        return {"column": self.letter, "number": self.index + 1, "header": self.header,
                "meaning": self.meaning,
                "same_as": column_letter(self.same_as) if self.same_as is not None else None,
                "reason": self.describe(tr)}


def _filled(cell: Any) -> bool:
    return cell is not None and str(cell).strip() != ""


def ignored_columns(rows: list[list[Any]], mapping: Mapping,
                    recognised: Callable[[Any], str | None] = recognise,
                    labels: str = "importer.column_") -> list[IgnoredColumn]:
    """Every column with a header or with data that the mapping leaves out (``recognised``
    and ``labels``: the columns of another kind of list, the partner directory's)."""
    headers = rows[mapping.header_row] if rows else []
    data = rows[mapping.header_row + 1:]
    width = max([len(headers), *(len(r) for r in data)])
    ignored: list[IgnoredColumn] = []
    for index in range(width):
        if index in mapping.columns:
            continue
        header = headers[index] if index < len(headers) else None
        if not _filled(header) and not any(index < len(r) and _filled(r[index]) for r in data):
            continue
        meaning = mapping.duplicates.get(index)
        same_as = mapping.column_of(meaning) if meaning else None
        text = clean_text(str(header)).strip() if _filled(header) else ""
        ignored.append(IgnoredColumn(index, text, same_as,
                                     meaning if same_as is not None else None,
                                     known=bool(text) and same_as is None
                                     and recognised(text) is not None, labels=labels))
    return ignored


def report_lines(ignored: list[IgnoredColumn], tr: Translate) -> list[str]:
    """The dry run's paragraph on left-out columns (empty when none is)."""
    if not ignored:
        return []
    return [tr("import.ignored_title"), *(f"  {c.describe(tr)}" for c in ignored)]


def missing_text(header: str, meaning: str, tr: Translate) -> str:
    """A column a saved mapping names that the file does not have, and what it held."""
    return tr("import.missing_column", header=header,
              meaning=tr(f"importer.column_{meaning}"))


def missing_json(missing: dict[str, str], tr: Translate) -> list[dict[str, str]]:
    return [{"header": header, "meaning": meaning, "reason": missing_text(header, meaning, tr)}
            for header, meaning in missing.items()]


def missing_lines(missing: dict[str, str], tr: Translate) -> list[str]:
    """The dry run's paragraph on saved-mapping columns absent from the file."""
    if not missing:
        return []
    return [tr("import.missing_title"),
            *(f"  {missing_text(h, m, tr)}" for h, m in missing.items())]
