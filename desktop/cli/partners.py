"""``relais partners list | import | export``: the directory of partner services."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.context import EXIT_FAILURE, EXIT_OK, CliContext, Parents, subcommands
from desktop.core.errors import RelaisError

if TYPE_CHECKING:
    from desktop.core.i18n import Translator
    from desktop.core.models import PartnerService
    from desktop.exchange.partners import PartnerImportPlan

COMMANDS = ("partners",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    group = commands.add_parser("partners", parents=parents.signed_in(),
                                help=tr("cli.help_partners"))
    kinds = subcommands(group, "partners_command")
    listing = kinds.add_parser("list", parents=parents.signed_in(),
                               help=tr("cli.help_partners_list"))
    listing.add_argument("--kind", default=None)
    listing.add_argument("--municipality", default=None)
    listing.add_argument("--language", default=None)
    listing.add_argument("--all", action="store_true", help=tr("cli.help_partners_all"))
    listing.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    listing.set_defaults(handler=list_partners)
    importing = kinds.add_parser("import", parents=parents.signed_in(),
                                 help=tr("cli.help_partners_import"))
    importing.add_argument("file")
    importing.add_argument("--dry-run", action="store_true")
    importing.add_argument("--skip-invalid", action="store_true")
    importing.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    importing.set_defaults(handler=import_partners)
    exporting = kinds.add_parser("export", parents=parents.signed_in(),
                                 help=tr("cli.help_partners_export"))
    exporting.add_argument("--format", choices=["csv", "xlsx"], required=True)
    exporting.add_argument("-o", "--output", required=True)
    exporting.set_defaults(handler=export_partners)


def list_partners(ctx: CliContext) -> int:
    from desktop.core.partners import PartnerFilter
    from desktop.exchange import places, values
    from desktop.exchange.columns import fold
    from desktop.exchange.partners.read import KINDS

    args, tr = ctx.args, ctx.tr
    with ctx.services() as services:
        kind = None
        if args.kind:
            kind = KINDS.get(fold(args.kind))
            if kind is None:
                raise RelaisError("partners.import_bad_kind", value=args.kind[:100])
        municipality = ""
        if args.municipality:
            try:
                found = places.municipality(services.reference, args.municipality[:200])
            except values.BadValue as bad:
                raise RelaisError(bad.key, **bad.params) from None
            municipality = found.refnis if found else ""
        language = ""
        if args.language:
            try:
                codes = values.languages(args.language[:100])
            except values.BadValue as bad:
                raise RelaisError(bad.key, **bad.params) from None
            language = codes[0] if codes else ""
        found_partners = services.partners.search(PartnerFilter(
            kind=kind, municipality=municipality, language=language,
            include_unlisted=args.all))
        reference = services.reference
    if args.json:
        ctx.print(json.dumps([_as_json(p) for p in found_partners], ensure_ascii=False))
        return EXIT_OK
    for partner in found_partners:
        ctx.print(_as_line(partner, tr, reference))
    ctx.print(tr.plural("partners.count", len(found_partners)))
    return EXIT_OK


def _as_json(partner: PartnerService) -> dict[str, Any]:
    return {"id": str(partner.id), "kind": partner.kind.value, "name": partner.name,
            "municipalities": partner.municipalities or [], "street": partner.street,
            "postal_code": partner.postal_code,
            "municipality_refnis": partner.municipality_refnis, "phone": partner.phone,
            "email": partner.email, "website": partner.website,
            "languages": partner.languages or [], "opening_hours": partner.opening_hours,
            "waiting": partner.waiting, "waiting_days": partner.waiting_days,
            "verified_on": partner.verified_on.isoformat() if partner.verified_on else None,
            "scope": partner.scope.value, "owner": partner.owner, "listed": partner.listed}


def _as_line(partner: PartnerService, tr: Translator, reference: Any) -> str:
    place = reference.municipality(partner.municipality_refnis)
    where = " ".join(x for x in (partner.postal_code, place.name(tr.language)
                                 if place else "") if x)
    parts = [tr.choice("partner_kind", partner.kind), partner.name,
             ", ".join(x for x in (partner.street, where) if x), partner.phone, partner.email,
             " ".join(partner.languages or [])]
    if not partner.listed:
        parts.append(tr("partners.unlisted"))
    return " · ".join(part for part in parts if part)


def import_partners(ctx: CliContext) -> int:
    args = ctx.args
    with ctx.services() as services:
        plan = services.partner_imports.plan(Path(args.file))
        written = None
        if not args.dry_run and (not plan.rejected or args.skip_invalid):
            written = services.partner_imports.run(plan)
    _report(ctx, plan, written)
    return EXIT_FAILURE if plan.rejected and written is None and not args.dry_run \
        else EXIT_OK


def _report(ctx: CliContext, plan: PartnerImportPlan, written: int | None) -> None:
    from desktop.exchange.ignored import report_lines
    from desktop.exchange.partners import problem_text

    tr = ctx.tr
    if ctx.args.json:
        ctx.print(json.dumps({
            "readable": len(plan.entries), "written": written,
            "rejected": [{"line": p.line, "column": p.column or None,
                          "reason": problem_text(tr, p)} for p in plan.rejected],
            "ignored_columns": [c.to_json(tr) for c in plan.ignored_columns],
        }, ensure_ascii=False))
        return
    for line in report_lines(plan.ignored_columns, tr):
        ctx.print(line)
    for problem in plan.rejected:
        ctx.print(problem_text(tr, problem))
    ctx.print(tr.plural("partners.import_readable", len(plan.entries)))
    if written is not None:
        ctx.print(tr.plural("partners.import_written", written))
    elif plan.rejected and not ctx.args.dry_run:
        ctx.print(tr("partners.import_nothing_written"))


def export_partners(ctx: CliContext) -> int:
    args = ctx.args
    with ctx.services() as services:
        count = services.partner_exports.export(Path(args.output), args.format, tr=ctx.tr)
    ctx.print(ctx.tr.plural("export.done", count, path=args.output))
    return EXIT_OK
