"""relais-central partners import|list|export|unlist: a coordinator's regional directory,
kept by the operator on the central and published to every organisation of its scope."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from sqlalchemy.engine import Engine

from central.coordination.cli import language_option
from central.coordination.words import language
from central.publishing.columns import READ
from central.publishing.read import RefusedFile
from central.publishing.service import Published, PublishError, RegionalDirectory
from central.publishing.words import say

COMMAND = "partners"
SCOPES = "region:WAL | region:VLG | region:BRU | province:<code>"
# The export's columns: the entry's id first (an edited export imports as an update).
EXPORTED = ("id", *READ[:-1])
FORMULA = ("=", "+", "-", "@")


def register(sub: argparse._SubParsersAction) -> None:
    lang = [language_option()]
    partners = sub.add_parser(COMMAND, help="the regional directory of partner services")
    actions = partners.add_subparsers(dest="partners_command", required=True)
    load = actions.add_parser("import", parents=lang, help="publish a CSV/XLSX list to every "
                                                           "organisation of the scope")
    load.add_argument("file", metavar="FILE.csv|.xlsx")
    load.add_argument("--scope", required=True, help=SCOPES)
    listing = actions.add_parser("list", parents=lang)
    listing.add_argument("--scope", help=SCOPES)
    listing.add_argument("--json", action="store_true")
    export = actions.add_parser("export", parents=lang)
    export.add_argument("--scope", required=True, help=SCOPES)
    export.add_argument("-o", "--output", required=True, metavar="FILE.csv")
    unlist = actions.add_parser("unlist", parents=lang,
                                help="no longer offered (a new version, everywhere)")
    unlist.add_argument("id", metavar="ID")


def run(args: argparse.Namespace, engine: Engine) -> int:
    lang = language(args.lang)
    directory = RegionalDirectory(engine)
    try:
        return _run(args, directory, lang)
    except PublishError as error:
        print(f"relais-central: {say(lang, error.key, **error.values)}", file=sys.stderr)
    except RefusedFile as refused:
        print(f"relais-central: {say(lang, refused.key, **refused.values)}", file=sys.stderr)
        for problem in refused.problems:
            reason = say(lang, problem.key, **problem.values)
            key = "publish.line_column" if problem.column else "publish.line"
            text = say(lang, key, line=str(problem.line), column=problem.column,
                       reason=reason)
            print(f"  {text}", file=sys.stderr)
    return 1


def _run(args: argparse.Namespace, directory: RegionalDirectory, lang: str) -> int:
    command = args.partners_command
    if command == "import":
        done = directory.import_file(Path(args.file), args.scope)
        print(say(lang, "publish.imported", added=str(done.added), changed=str(done.changed),
                  unchanged=str(done.unchanged), organisations=str(done.organisations)))
    elif command == "list":
        entries = directory.entries(args.scope)
        if args.json:
            print(json.dumps([_as_json(e) for e in entries], ensure_ascii=False, indent=1))
        for entry in [] if args.json else entries:
            listed = "+" if entry.values.get("listed", True) else "-"
            print(f"{entry.id}\t{entry.scope}\tv{entry.version}\t{listed}\t"
                  f"{entry.values.get('kind')}\t{entry.values.get('name')}")
    elif command == "export":
        output = Path(args.output)
        if output.suffix.lower() != ".csv":
            raise PublishError("publish.bad_output")
        entries = directory.entries(args.scope)
        try:
            _write_csv(output, entries)
        except OSError:
            raise PublishError("publish.cannot_write", path=str(output)) from None
        print(say(lang, "publish.exported", count=str(len(entries)), path=str(output)))
    else:
        entry = directory.unlist(args.id)
        print(say(lang, "publish.unlisted", name=str(entry.values.get("name"))))
    return 0


def _as_json(entry: Published) -> dict[str, object]:
    return {**entry.values, "id": entry.id, "scope": entry.scope, "version": entry.version}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    text = str(value)
    # A spreadsheet would run it: guarded as the desktop's exports do (read back without).
    return f"'{text}" if text.startswith(FORMULA) else text


def _write_csv(path: Path, entries: list[Published]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(EXPORTED)
        for entry in entries:
            values = {**entry.values, "id": entry.id,
                      "municipality": entry.values.get("municipality_refnis", "")}
            writer.writerow([_cell(values.get(column)) for column in EXPORTED])
