"""What every command shares: the parser pieces, exit codes, where the data is, the
translator, the output streams, secrets, and the signed-in session."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from desktop.core.errors import RelaisError
from desktop.core.i18n import LANGUAGES, Translator
from desktop.core.text import terminal_safe
from desktop.paths import DataPaths
from desktop.store.vault import Vault

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.store.database import WorkSession

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def say(stream: TextIO, text: str) -> None:
    """One message on one of the command's streams. Names and file names in it come from
    data: whatever could drive the terminal is written as a visible escape."""
    print(terminal_safe(text), file=stream)


class UsageError(Exception):
    """Bad arguments: exit code 2."""


class HelpShown(Exception):
    """--help was asked: its text, for the stream the command was given (argparse would
    print it on sys.stdout and exit the process)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class CliParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)

    def print_help(self, file: object = None) -> None:
        raise HelpShown(self.format_help())


def global_options(repeated: bool = False) -> argparse.ArgumentParser:
    """--data-dir and --lang; ``repeated`` for the copies accepted after the command, which
    must not reset a value given before it."""
    default = argparse.SUPPRESS if repeated else None
    parser = CliParser(add_help=False)
    parser.add_argument("--data-dir", default=default)
    parser.add_argument("--lang", choices=LANGUAGES, default=default)
    return parser


@dataclass(frozen=True)
class Parents:
    """The options a command's parser inherits: ``common`` (--data-dir, --lang after the
    command) and ``auth`` (who signs in), with the translator for help texts."""

    tr: Translator
    common: argparse.ArgumentParser
    auth: argparse.ArgumentParser

    @classmethod
    def make(cls, tr: Translator) -> Parents:
        auth = CliParser(add_help=False)
        auth.add_argument("--user", default=os.environ.get("RELAIS_USER"),
                          help=tr("cli.help_user"))
        auth.add_argument("--password-stdin", action="store_true",
                          help=tr("cli.help_password_stdin"))
        return cls(tr, global_options(repeated=True), auth)

    def signed_in(self) -> list[argparse.ArgumentParser]:
        return [self.common, self.auth]


def subcommands(parser: argparse.ArgumentParser, dest: str) -> argparse._SubParsersAction:
    """A group's own subcommands (``users add``, ``pdf intake``…), one of them required."""
    return parser.add_subparsers(dest=dest, required=True, parser_class=CliParser)


class CliContext:
    """One command's run: its arguments, language, streams and data folder."""

    def __init__(self, args: argparse.Namespace, tr: Translator, stdin: TextIO,
                 stdout: TextIO, stderr: TextIO, language_given: bool) -> None:
        self.args = args
        self.tr = tr
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        # --lang or RELAIS_LANG: then the signed-in user's own language does not apply
        self.language_given = language_given
        self.paths = DataPaths.portable(args.data_dir) if args.data_dir else DataPaths.default()
        self.vault = Vault(self.paths)
        self._stdin_lines: list[str] | None = None

    def print(self, text: str = "") -> None:
        say(self.stdout, text)

    def warn(self, text: str) -> None:
        say(self.stderr, text)

    # -- secrets ----------------------------------------------------------------------------

    def stdin_line(self) -> str:
        if self._stdin_lines is None:
            self._stdin_lines = self.stdin.read().splitlines()
        if not self._stdin_lines:
            raise RelaisError("cli.password_missing")
        return self._stdin_lines.pop(0)

    def stdin_is_terminal(self) -> bool:
        """Whether a prompt can be answered: the stdin this command was given, not the
        process's (a caller that hands in its own stream never gets a prompt)."""
        return self.stdin is sys.stdin and sys.stdin.isatty()

    def stdin_has_line(self) -> bool:
        """Whether a line read from stdin is still waiting (a second password)."""
        return bool(self._stdin_lines)

    def password(self, prompt_key: str, env: str = "RELAIS_PASSWORD") -> str:
        if getattr(self.args, "password_stdin", False):
            return self.stdin_line()
        if os.environ.get(env):
            return os.environ[env]
        if not self.stdin_is_terminal():
            raise RelaisError("cli.password_missing")
        return getpass.getpass(self.tr(prompt_key) + " ")

    # -- the signed-in session --------------------------------------------------------------

    def open_session(self) -> WorkSession:
        """Signs in with --user / RELAIS_USER; from then on the command speaks that user's
        language unless one was asked for."""
        if not self.args.user:
            raise UsageError(self.tr("cli.user_missing"))
        session = self.vault.login(self.args.user, self.password("cli.prompt_password"))
        if not self.language_given and session.user.language in LANGUAGES:
            self.tr.set_language(session.user.language)
        return session

    @contextmanager
    def services(self) -> Iterator[Services]:
        """The signed-in user's services, closed when the command ends."""
        from desktop.services import Services  # SQLAlchemy and the models load only here

        session = self.open_session()
        try:
            yield Services.for_session(session)
        finally:
            session.close()
