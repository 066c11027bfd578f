"""Headless commands on the same services as the UI.

One module per command group, each with ``COMMANDS`` (its top-level names) and
``register(commands, parents)``, which adds its parsers and sets each one's ``handler``
(``handler(ctx) -> exit code``). A new group is a new module added to ``GROUPS``; what the
commands share (streams, language, secrets, session, exit codes) is in ``context``.

Exit codes: 0 success, 2 usage error, 1 any other failure with a one-line reason on stderr in
the chosen language. Passwords come from a prompt, RELAIS_PASSWORD, or --password-stdin.
Language: --lang (or RELAIS_LANG), else the signed-in user's own, else the system's.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TextIO

from desktop.cli.context import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CliContext,
    CliParser,
    HelpShown,
    Parents,
    UsageError,
    global_options,
    say,
)
from desktop.cli.language import command_language, explicit_language, pick_language
from desktop.cli.library_output import into_the_log
from desktop.core.errors import RelaisError
from desktop.core.i18n import Translator

__all__ = ["COMMANDS", "GROUPS", "UsageError", "build_parser", "command_groups",
           "global_options", "pick_language", "run_cli"]

log = logging.getLogger(__name__)
# Each group module (desktop/cli/NAME.py) with the top-level commands it registers, in the
# order `relais --help` lists them. Written out, not read from the modules, so that `relais`
# tells a command from the window without importing every command and the database layer
# behind them (half a second of the window's launch). tests/cli/test_commands.py checks them.
GROUPS: dict[str, tuple[str, ...]] = {
    "setup": ("init",), "users": ("users",), "demo": ("demo",),
    "exchange": ("import", "export"), "search": ("search",), "person": ("person",),
    "documents": ("pdf",), "reports": ("report",), "sync": ("sync", "join"),
    "audit": ("audit",), "backup": ("backup",), "retention": ("retention",),
    "figures": ("figures",), "partners": ("partners",),
}
COMMANDS: tuple[str, ...] = tuple(name for names in GROUPS.values() for name in names)


def command_groups() -> list[ModuleType]:
    """The group modules, imported when a command is to run."""
    return [importlib.import_module(f"{__name__}.{name}") for name in GROUPS]


def build_parser(tr: Translator) -> argparse.ArgumentParser:
    parser = CliParser(prog="relais", parents=[global_options()],
                       description=tr("cli.description"))
    parser.add_argument("--self-test", action="store_true", help=tr("cli.help_self_test"))
    # required: in-process, no command is a usage error (`relais` alone opens the window)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=CliParser)
    parents = Parents.make(tr)
    for group in command_groups():
        group.register(commands, parents)
    return parser


def run_cli(argv: Sequence[str], stdin: TextIO | None = None, stdout: TextIO | None = None,
            stderr: TextIO | None = None) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    with into_the_log():  # nothing a library says reaches the terminal
        return _run(argv, stdin, stdout, stderr)


def _run(argv: Sequence[str], stdin: TextIO, stdout: TextIO, stderr: TextIO) -> int:
    try:
        pre, _ = global_options().parse_known_args(argv)
    except UsageError as exc:  # e.g. --lang xx: say so in the best language we can guess
        say(stderr, Translator(command_language(None))("cli.usage_error", detail=str(exc)))
        return EXIT_USAGE
    tr = Translator(command_language(pre.lang))
    try:
        args = build_parser(tr).parse_args(argv)
    except HelpShown as shown:
        try:
            say(stdout, shown.text.rstrip("\n"))
        except BrokenPipeError:  # `relais --help | head`: the reader has what it wanted
            _silence_closed_stdout(stdout)
        return EXIT_OK
    except UsageError as exc:
        say(stderr, tr("cli.usage_error", detail=str(exc)))
        return EXIT_USAGE
    ctx = CliContext(args, tr, stdin, stdout, stderr,
                     language_given=explicit_language(pre.lang) is not None)
    try:
        return args.handler(ctx)
    except UsageError as exc:
        say(stderr, tr("cli.usage_error", detail=str(exc)))
        return EXIT_USAGE
    except RelaisError as exc:
        say(stderr, exc.message(tr))
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader went away (`relais search … | head`): it has what it wanted, and an
        # error message about the pipe would only confuse. Silence the final flush too.
        _silence_closed_stdout(stdout)
        return EXIT_FAILURE
    except OSError as exc:
        log.exception("command failed")
        say(stderr, tr("error.system", detail=exc.strerror or type(exc).__name__))
        return EXIT_FAILURE


def _silence_closed_stdout(stdout: TextIO) -> None:
    if stdout is sys.stdout:
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
