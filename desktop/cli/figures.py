"""``relais figures export --month YYYY-MM -o FILE.json``: this organisation's anonymous
figures for a coordinator, signed with the figures key the central gave it (prompt,
RELAIS_FIGURES_KEY, or the line after the password with --password-stdin)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from desktop.cli.context import EXIT_OK, CliContext, Parents, subcommands
from desktop.core.errors import RelaisError
from desktop.private_files import make_private

COMMANDS = ("figures",)
KEY_ENV = "RELAIS_FIGURES_KEY"


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    figures = commands.add_parser("figures", parents=[parents.common],
                                  help=tr("cli.help_figures"))
    actions = subcommands(figures, "figures_command")
    export = actions.add_parser("export", parents=parents.signed_in(),
                                help=tr("cli.help_figures_export"))
    export.add_argument("--month", required=True, metavar="YYYY-MM")
    export.add_argument("-o", "--output", required=True, metavar="FILE.json")
    export.set_defaults(handler=export_figures)


def export_figures(ctx: CliContext) -> int:
    from desktop.core.figures import month_bounds

    args = ctx.args
    month_bounds(args.month)  # a bad month is said before signing in
    output = Path(args.output)
    if output.suffix.lower() != ".json":
        raise RelaisError("figures.output_json")
    with ctx.services() as services:
        key = ctx.password("cli.prompt_figures_key", env=KEY_ENV)
        doc = services.figures_export.signed(args.month, key)
    partial = make_private(output.with_name(output.name + ".partial"))
    try:
        partial.write_text(json.dumps(doc, ensure_ascii=False, indent=1), "utf-8")
        partial.replace(output)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    ctx.print(ctx.tr("figures.exported", month=args.month, path=str(output)))
    return EXIT_OK
