"""``relais search``: persons and cases by name, identifier or date."""

from __future__ import annotations

import argparse
import json

from desktop.cli.context import EXIT_OK, CliContext, Parents
from desktop.core.matches import found_by

COMMANDS = ("search",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    search = commands.add_parser("search", parents=parents.signed_in(),
                                 help=parents.tr("cli.help_search"))
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("query", nargs="+")
    search.set_defaults(handler=search_persons)


def search_persons(ctx: CliContext) -> int:
    args = ctx.args
    with ctx.services() as services:
        if args.query == ["-"]:  # one query per line, one JSON list per line
            for line in ctx.stdin:
                if line.strip():
                    hits = services.search.search(line.strip(), args.limit)
                    ctx.print(json.dumps([h.to_json() for h in hits], ensure_ascii=False))
            return EXIT_OK
        hits = services.search.search(" ".join(args.query), args.limit)
        if args.json:
            ctx.print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=1))
            return EXIT_OK
        for hit in hits:
            ctx.print(f"{hit.score:5.2f}  {hit.file_number or '-':12}  "
                      f"{hit.birth_date or '-':10}  "
                      f"{hit.display_name or ctx.tr('person.anonymised')}")
            # Which spelling or identifier matched, as the home screen says it.
            ctx.print(" " * 7 + ctx.tr("search.found_by",
                                       why=found_by(ctx.tr, hit.matched, hit.reasons)))
        if not hits:
            ctx.print(ctx.tr("search.no_result"))
    return EXIT_OK
