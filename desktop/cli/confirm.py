"""An explicit "yes" before a command does what cannot be undone (retention, erasure):
``--yes`` gives it in advance; otherwise it is asked on the terminal, and without one the
command refuses rather than guess."""

from __future__ import annotations

from desktop.cli.context import CliContext
from desktop.core.errors import RelaisError

MAX_ANSWER = 100  # characters read of the answer


def confirmed(ctx: CliContext, question: str) -> bool:
    """True when the person said yes (or gave --yes). RelaisError without a terminal."""
    if getattr(ctx.args, "yes", False):
        return True
    if not ctx.stdin_is_terminal():
        raise RelaisError("cli.confirmation_needs_terminal")
    ctx.stdout.write(question + " ")
    ctx.stdout.flush()
    answer = ctx.stdin.readline(MAX_ANSWER).strip().casefold()
    accepted = {word.strip().casefold() for word in ctx.tr("cli.confirm_answers").split(",")}
    return answer in accepted
