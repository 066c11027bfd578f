"""How a problem of one person's field is said beside the form: the field's label, then the
message, joined as the reader's language joins them ("N° de registre national ou BIS : …")."""

from __future__ import annotations

from desktop.core.i18n import Translator
from desktop.core.intake_rules import Problem


def member_field(problem: Problem) -> str:
    """The field of a person's problem: "members.0.national_number" -> "national_number"."""
    return problem.field.split(".")[2]


def member_problem_text(tr: Translator, problem: Problem) -> str:
    return tr.labelled(tr(f"intake.field_{member_field(problem)}"),
                       tr(problem.key, **problem.params))
