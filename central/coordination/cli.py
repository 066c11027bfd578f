"""relais-central's commands for coordination: coordinator accounts, figures keys, the
figures of a month as a file, and the import of a CPAS's signed figures file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sqlalchemy.engine import Engine

from central.coordination import accounts
from central.coordination.output import FORMATS, write
from central.coordination.service import FiguresError, FiguresService, allowed_scope
from central.coordination.words import LANGUAGES, language, say
from figures.places import FEDERAL

COMMANDS = ("coordinator", "figures")
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def language_option() -> argparse.ArgumentParser:
    """--lang after the command too (before it, the main parser takes it)."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS)
    return parent


def register(sub: argparse._SubParsersAction) -> None:
    lang = [language_option()]
    coordinator = sub.add_parser("coordinator", help="coordinator accounts (figures only)")
    kinds = coordinator.add_subparsers(dest="coordinator_command", required=True)
    add = kinds.add_parser("add", parents=lang,
                           help="a coordinator; prints their token once")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--scope", required=True,
                     help="federal | region:WAL | region:VLG | region:BRU | province:<code>")
    kinds.add_parser("list", parents=lang)
    revoke = kinds.add_parser("revoke", parents=lang)
    revoke.add_argument("name", metavar="NAME")

    figures = sub.add_parser("figures", parents=lang,
                             help="a month's anonymous figures to a file, or "
                                  "'figures import FILE.json'")
    figures.add_argument("action", nargs="?", choices=["import"])
    figures.add_argument("file", nargs="?", metavar="FILE.json")
    figures.add_argument("--month", metavar="YYYY-MM")
    figures.add_argument("--scope", default=FEDERAL)
    figures.add_argument("-o", "--output", metavar="FILE.csv|.xlsx|.pdf|.json")


def run(args: argparse.Namespace, engine: Engine) -> int:
    lang = language(args.lang)
    try:
        return _run(args, engine, lang)
    except (accounts.AccountError, FiguresError) as error:
        print(f"relais-central: {say(lang, error.key, **error.values)}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace, engine: Engine, lang: str) -> int:
    service = FiguresService(engine)
    if args.command == "org":
        key = service.figures_key(args.refnis)
        print(say(lang, "figures.key", refnis=args.refnis))
        print(key)
    elif args.command == "coordinator":
        _coordinator(args, engine, lang)
    elif args.action == "import":
        if not args.file:
            raise FiguresError("figures.usage")
        path = Path(args.file)
        try:
            with open(path, "rb") as handle:
                raw = handle.read(MAX_IMPORT_BYTES + 1)
        except OSError:
            raise FiguresError("figures.cannot_read", path=str(path)) from None
        refnis, month = service.import_file(raw)
        print(say(lang, "figures.imported", refnis=refnis, month=month))
    else:
        if not args.month or not args.output:
            raise FiguresError("figures.usage")
        output = Path(args.output)
        if output.suffix.lower() not in FORMATS:
            raise FiguresError("figures.bad_output")
        doc = service.figures(args.month, allowed_scope(FEDERAL, args.scope))
        try:
            write(doc, output, lang)
        except OSError:
            raise FiguresError("figures.cannot_write", path=str(output)) from None
        print(say(lang, "figures.written", path=str(output)))
    return 0


def _coordinator(args: argparse.Namespace, engine: Engine, lang: str) -> None:
    if args.coordinator_command == "add":
        token = accounts.add(engine, args.name, args.scope)
        scope = accounts.listing_scope(engine, args.name)
        print(say(lang, "coordinator.added", name=args.name.strip(), scope=scope))
        print(token)
    elif args.coordinator_command == "list":
        for name, scope, revoked in accounts.listing(engine):
            state = say(lang, "coordinator.inactive" if revoked else "coordinator.active")
            print(f"{name}\t{scope}\t{state}")
    else:
        accounts.revoke(engine, args.name)
        print(say(lang, "coordinator.revoked", name=args.name.strip()))
