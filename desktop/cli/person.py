"""``relais person …``: what concerns one person as a whole. One subparser container
(``person``); each subcommand is registered by a function of its own and handled by another,
so that a new one (``person anonymise``) is one more pair added to ``SUBCOMMANDS``."""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Callable
from pathlib import Path

from desktop.cli.confirm import confirmed
from desktop.cli.context import (
    EXIT_FAILURE,
    EXIT_OK,
    CliContext,
    Parents,
    UsageError,
    subcommands,
)

COMMANDS = ("person",)


def add_export_data(kinds: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    # --lang here is the PDF's official language (and the language of messages)
    export = kinds.add_parser("export-data", parents=parents.signed_in(),
                              help=tr("cli.help_person_export"))
    export.add_argument("--person", required=True, help=tr("cli.help_person_id"))
    export.add_argument("--with", dest="beside", default=None)
    export.add_argument("-o", "--output", required=True, help=tr("cli.help_output_folder"))
    export.set_defaults(handler=export_data)


def add_anonymise(kinds: argparse._SubParsersAction, parents: Parents) -> None:
    """``person anonymise``: erasure on request, the same anonymisation as a retention run
    (desktop/core/retention/); administrators only, after a "yes" or --yes."""
    tr = parents.tr
    anonymise = kinds.add_parser("anonymise", parents=parents.signed_in(),
                                 help=tr("cli.help_person_anonymise"))
    anonymise.add_argument("--person", required=True, help=tr("cli.help_person_id"))
    anonymise.add_argument("--yes", action="store_true", help=tr("cli.help_yes"))
    anonymise.set_defaults(handler=anonymise_person)


# Each subcommand of ``person``: a function that adds its parser to the group's container.
SUBCOMMANDS: list[Callable[[argparse._SubParsersAction, Parents], None]] = [
    add_export_data, add_anonymise]


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    person = commands.add_parser("person", parents=parents.signed_in(),
                                 help=parents.tr("cli.help_person"))
    kinds = subcommands(person, "person_command")
    for add in SUBCOMMANDS:
        add(kinds, parents)


def person_id(ctx: CliContext, text: str) -> uuid.UUID:
    """The id ``relais search --json`` gives (person_id)."""
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise UsageError(ctx.tr("cli.person_id_invalid", value=text[:80])) from None


def export_data(ctx: CliContext) -> int:
    args = ctx.args
    person = person_id(ctx, args.person)
    folder = Path(args.output)
    with ctx.services() as services:
        languages = services.documents.languages(getattr(args, "lang", None), args.beside)
        written = services.subject_copies.export(person, folder, languages)
    ctx.print(str(written.pdf))
    ctx.print(str(written.json))
    return EXIT_OK


def anonymise_person(ctx: CliContext) -> int:
    person = person_id(ctx, ctx.args.person)
    with ctx.services() as services:
        if not confirmed(ctx, ctx.tr("retention.confirm_person_cli")):
            ctx.print(ctx.tr("retention.cancelled"))
            return EXIT_FAILURE
        services.retention.anonymise_person(person)
    ctx.print(ctx.tr("retention.person_done"))
    return EXIT_OK
