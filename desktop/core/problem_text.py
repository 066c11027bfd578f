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


# Fields whose label is said under another name in the form.
_LABEL_OF = {"municipality_typed": "municipality"}


def problem_text(tr: Translator, problem: Problem) -> str:
    """A problem's message; "too long" says no field, so it is put under the field's label
    (where the form has one): a page holding several text fields said only "Too long"."""
    text = tr(problem.key, **problem.params)
    if problem.key != "text.too_long":
        return text
    parts = problem.field.split(".")  # "street", "members.0.surname_lat", "referrals.0.partner"
    if parts[0] == "members":
        name = parts[-1]
    elif parts[0] == "referrals":
        name = f"referral_{parts[-1]}"
    else:
        name = parts[0]
    key = f"intake.field_{_LABEL_OF.get(name, name)}"
    label = tr(key)
    return text if label == key else tr.labelled(label, text)
