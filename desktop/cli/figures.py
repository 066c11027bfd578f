"""``relais figures export --month YYYY-MM -o FILE.json``: this organisation's anonymous
figures for a coordinator, signed with the figures key the central gave it (prompt,
RELAIS_FIGURES_KEY, or the line after the password with --password-stdin). A key given once
and accepted is kept in the operating system's keychain (SecretStore), so the next export
asks nothing; one given again replaces it, and --new-key asks for it anew."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from desktop.cli.context import EXIT_OK, CliContext, Parents, subcommands
from desktop.core.errors import RelaisError
from desktop.exchange.figures_file import KEY_SECRET, keep_key, write_figures_file

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
    export.add_argument("--new-key", action="store_true", help=tr("cli.help_figures_new_key"))
    export.set_defaults(handler=export_figures)


def export_figures(ctx: CliContext) -> int:
    from desktop.core.figures import month_bounds

    args = ctx.args
    month_bounds(args.month)  # a bad month is said before signing in
    output = Path(args.output)
    if output.suffix.lower() != ".json":
        raise RelaisError("figures.output_json")
    with ctx.services() as services:
        kept = None if _key_given(ctx) else services.secrets.get(KEY_SECRET)
        key = kept or ctx.password("cli.prompt_figures_key", env=KEY_ENV)
        doc = services.figures_export.signed(args.month, key)  # a malformed key stops here
        if kept is None and keep_key(services.secrets, key):
            ctx.print(ctx.tr("figures.key_kept"))
    write_figures_file(doc, output)
    ctx.print(ctx.tr("figures.exported", month=args.month, path=str(output)))
    return EXIT_OK


def _key_given(ctx: CliContext) -> bool:
    """Whether this run names the key itself (it then replaces the kept one)."""
    return bool(ctx.args.new_key or getattr(ctx.args, "password_stdin", False)
                or os.environ.get(KEY_ENV))
