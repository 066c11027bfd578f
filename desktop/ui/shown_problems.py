"""Which of a form's problems to show, and when.

Something typed wrong is said as soon as the field is left. Something not typed yet is said
only when the person asks to go on (Register, Next), and from then on stays said until it is
filled: leaving another field re-checks the form but must not erase it. No Qt here, so the
rule is the same for every intake face."""

from __future__ import annotations

from desktop.core.intake_rules import Problem


def is_missing(problem: Problem) -> bool:
    """Something not typed yet, as opposed to something typed wrong."""
    return problem.key.endswith("_required") or problem.field == "members"


def _key(problem: Problem) -> tuple[str, str]:
    return problem.field, problem.key


class ShownProblems:
    def __init__(self) -> None:
        self._missing: set[tuple[str, str]] = set()  # said on going on, not filled since

    def on_submit(self, problems: list[Problem]) -> list[Problem]:
        """Going on: everything, what is missing included."""
        self._missing = {_key(p) for p in problems if is_missing(p)}
        return problems

    def on_leave(self, problems: list[Problem]) -> list[Problem]:
        """A field was left: what is wrong, and what is still missing since it was said."""
        shown = [p for p in problems if not is_missing(p) or _key(p) in self._missing]
        self._missing = {_key(p) for p in shown if is_missing(p)}
        return shown

    def member_removed(self, index: int) -> None:
        """Person ``index`` left the form: theirs are gone, those after them move up one."""
        kept = set()
        for field, key in self._missing:
            parts = field.split(".")
            if parts[0] == "members" and len(parts) > 2 and parts[1].isdigit():
                number = int(parts[1])
                if number == index:
                    continue
                parts[1] = str(number - 1 if number > index else number)
            kept.add((".".join(parts), key))
        self._missing = kept
