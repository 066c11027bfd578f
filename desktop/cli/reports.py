"""``relais report monthly``: the month's figures as PDF, CSV and/or XLSX."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.context import EXIT_OK, CliContext, Parents, subcommands

COMMANDS = ("report",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    report = commands.add_parser("report", parents=parents.signed_in(),
                                 help=parents.tr("cli.help_report"))
    kinds = subcommands(report, "report_command")
    monthly = kinds.add_parser("monthly", parents=parents.signed_in())
    monthly.add_argument("--month", required=True)
    monthly.add_argument("--with", dest="beside", default=None)
    monthly.add_argument("-o", "--output", default=None)
    monthly.add_argument("--csv", default=None)
    monthly.add_argument("--xlsx", default=None)
    monthly.set_defaults(handler=monthly_report)


def monthly_report(ctx: CliContext) -> int:
    from desktop.core.figures import month_bounds
    from desktop.core.file_names import suggested_name

    args = ctx.args
    month_bounds(args.month)  # a bad month is a clear error before signing in
    with ctx.services() as services:
        documents = services.documents
        languages = documents.languages(getattr(args, "lang", None), args.beside)
        pdf = args.output
        if not (pdf or args.csv or args.xlsx):
            pdf = suggested_name(ctx.tr, "doc_monthly", "pdf", args.month)
        written = documents.monthly(
            args.month, languages, pdf=Path(pdf) if pdf else None,
            csv=Path(args.csv) if args.csv else None,
            xlsx=Path(args.xlsx) if args.xlsx else None)
        for path in written:
            ctx.print(ctx.tr("doc.saved", path=str(path)))
    return EXIT_OK
