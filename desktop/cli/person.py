"""``relais person …``: one person's data on request. ``anonymise`` erases what identifies
them (the same anonymisation as a retention run, desktop/core/retention/)."""

from __future__ import annotations

import argparse
import uuid

from desktop.cli.confirm import confirmed
from desktop.cli.context import EXIT_FAILURE, EXIT_OK, CliContext, Parents, UsageError, subcommands

COMMANDS = ("person",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    person = commands.add_parser("person", parents=[parents.common],
                                 help=parents.tr("cli.help_person"))
    actions = subcommands(person, "person_command")
    add_anonymise(actions, parents)


def add_anonymise(actions: argparse._SubParsersAction, parents: Parents) -> None:
    anonymise = actions.add_parser("anonymise", parents=parents.signed_in(),
                                   help=parents.tr("cli.help_person_anonymise"))
    anonymise.add_argument("--person", required=True, help=parents.tr("cli.help_person_id"))
    anonymise.add_argument("--yes", action="store_true", help=parents.tr("cli.help_yes"))
    anonymise.set_defaults(handler=anonymise_person)


def anonymise_person(ctx: CliContext) -> int:
    try:
        person_id = uuid.UUID(ctx.args.person)
    except ValueError:
        raise UsageError(ctx.tr("cli.bad_person_id", value=ctx.args.person[:40])) from None
    with ctx.services() as services:
        if not confirmed(ctx, ctx.tr("retention.confirm_person_cli")):
            ctx.print(ctx.tr("retention.cancelled"))
            return EXIT_FAILURE
        services.retention.anonymise_person(person_id)
    ctx.print(ctx.tr("retention.person_done"))
    return EXIT_OK
