"""``relais demo``: synthetic demonstration data."""

from __future__ import annotations

import argparse
import logging

from desktop.cli.context import EXIT_OK, CliContext, Parents, UsageError

log = logging.getLogger(__name__)
COMMANDS = ("demo",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    demo = commands.add_parser("demo", parents=parents.signed_in(),
                               help=parents.tr("cli.help_demo"))
    demo.add_argument("--persons", type=int, required=True)
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(handler=generate)


def generate(ctx: CliContext) -> int:
    if ctx.args.persons < 1:
        raise UsageError(ctx.tr("cli.persons_positive"))
    with ctx.services() as services:

        def progress(done: int, total: int) -> None:
            ctx.warn(ctx.tr.plural("cli.demo_progress", total, done=done))

        # The directory's synthetic examples first (into an empty directory only), so the
        # demo's referrals name entries of it.
        services.partners.load_examples()
        made = services.demo.generate(ctx.args.persons, ctx.args.seed, progress)
        log.info("demo data: %d synthetic persons added", made)
        ctx.print(ctx.tr.plural("cli.demo_done", made))
    return EXIT_OK
