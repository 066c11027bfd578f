"""The sentences that count what an import or a fillable form holds, shared by the CLI and
the UI: each count is a plural message of its own, so every language agrees its words with
its numbers ("1 personne", "2 особи", "5 осіб")."""

from __future__ import annotations

from desktop.core.i18n import Translator


def import_summary(tr: Translator, persons: int, households: int, duplicates: int,
                   rejected: int) -> str:
    return tr("import.summary", persons=tr.plural("count.persons", persons),
              households=tr.plural("count.in_households", households),
              duplicates=tr.plural("count.already_known", duplicates),
              rejected=tr.plural("count.rows_rejected", rejected))


def import_done(tr: Translator, persons: int, households: int) -> str:
    return tr.plural("import.done", persons,
                     households=tr.plural("count.in_households", households))


def fillable_summary(tr: Translator, persons: int, problems: int, duplicates: int) -> str:
    return tr("fillable.summary", persons=tr.plural("count.persons", persons),
              problems=tr.plural("count.problems", problems),
              duplicates=tr.plural("count.possible_duplicates", duplicates))
