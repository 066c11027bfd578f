"""``relais import`` and ``relais export``: spreadsheets in and out."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_FAILURE, EXIT_OK, CliContext, Parents

if TYPE_CHECKING:
    from desktop.exchange.importer import ImportPlan, ImportResult

COMMANDS = ("import", "export")


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    importing = commands.add_parser("import", parents=parents.signed_in(),
                                    help=tr("cli.help_import"))
    importing.add_argument("file")
    importing.add_argument("--mapping", default=None)
    importing.add_argument("--save-mapping", default=None)
    importing.add_argument("--dry-run", action="store_true")
    importing.add_argument("--skip-invalid", action="store_true")
    importing.add_argument("--json", action="store_true")
    importing.set_defaults(handler=import_persons)

    exporting = commands.add_parser("export", parents=parents.signed_in(),
                                    help=tr("cli.help_export"))
    exporting.add_argument("kind", choices=["persons", "households", "cases"])
    exporting.add_argument("--format", choices=["csv", "xlsx"], required=True)
    exporting.add_argument("-o", "--output", required=True)
    exporting.add_argument("--columns", default=None)
    exporting.add_argument("--codes", action="store_true", help=tr("cli.help_export_codes"))
    exporting.set_defaults(handler=export)


def import_persons(ctx: CliContext) -> int:
    from desktop.exchange.mappings import load_mapping, save_mapping

    args = ctx.args
    with ctx.services() as services:
        saved = load_mapping(ctx.paths, args.mapping) if args.mapping else None
        plan = services.imports.plan(Path(args.file), saved=saved)
        if args.save_mapping:
            save_mapping(ctx.paths, args.save_mapping, plan.mapping, plan.headers)
        written = None
        if not args.dry_run and (not plan.rejected or args.skip_invalid):
            written = services.imports.run(plan, skip_invalid=args.skip_invalid)
        report_import(ctx, plan, written)
        return EXIT_FAILURE if plan.rejected and written is None and not args.dry_run \
            else EXIT_OK


def report_import(ctx: CliContext, plan: ImportPlan, written: ImportResult | None) -> None:
    """What the import found (and wrote): JSON with --json, else lines of text."""
    from desktop.exchange.ignored import missing_json, missing_lines, report_lines
    from desktop.exchange.summaries import import_done, import_summary

    args, tr = ctx.args, ctx.tr
    if args.json:
        ctx.print(json.dumps({
            "dry_run": args.dry_run,
            "created": written.created if written else (plan.persons if args.dry_run
                                                        else 0),
            "households": written.households if written else (
                plan.new_households if args.dry_run else 0),
            "duplicates": [{"line": d.line, "person_id": str(d.person_id) if d.person_id
                            else None, "other_line": d.other_line, "reason": tr(d.reason)}
                           for d in plan.duplicates],
            "rejected": [{"line": r.line, "reason": tr(r.key, **r.params)}
                         for r in plan.rejected],
            "ignored_columns": [c.to_json(tr) for c in plan.ignored_columns],
            "missing_columns": missing_json(plan.mapping.missing, tr),
            "notices": [{"line": n.line, "reason": tr(n.key, **n.params)}
                        for n in plan.notices],
        }, ensure_ascii=False, indent=1))
        return
    ctx.print(import_summary(tr, plan.persons, plan.new_households,
                             len(plan.duplicates), len(plan.rejected)))
    for line in [*missing_lines(plan.mapping.missing, tr),
                 *report_lines(plan.ignored_columns, tr)]:
        ctx.print(line)
    for problem in plan.rejected:
        ctx.print(tr("import.line", line=problem.line,
                     reason=tr(problem.key, **problem.params)))
    for duplicate in plan.duplicates:
        ctx.print(tr("import.line", line=duplicate.line, reason=tr(duplicate.reason)))
    for notice in plan.notices:
        ctx.print(tr("import.line", line=notice.line, reason=tr(notice.key, **notice.params)))
    if written:
        ctx.print(import_done(tr, written.created, written.households))
    elif plan.rejected and not args.dry_run:
        ctx.warn(tr.plural("import.rows_rejected", len(plan.rejected)))


def export(ctx: CliContext) -> int:
    args = ctx.args
    with ctx.services() as services:
        columns = [c.strip() for c in args.columns.split(",")] if args.columns else None
        count = services.exports.export(args.kind, Path(args.output), args.format, columns,
                                        tr=ctx.tr, codes=args.codes)
        ctx.print(ctx.tr.plural("export.done", count, path=args.output))
    return EXIT_OK
