"""``relais audit verify | list | export``: the audit trail for administrators."""

from __future__ import annotations

import argparse
import json
import uuid
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_FAILURE, EXIT_OK, CliContext, Parents, subcommands
from desktop.core.errors import RelaisError

if TYPE_CHECKING:
    from desktop.core.audit.log import AuditFilter
    from desktop.services import Services

COMMANDS = ("audit",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    audit = commands.add_parser("audit", parents=parents.signed_in(),
                                help=tr("cli.help_audit"))
    kinds = subcommands(audit, "audit_command")
    check = kinds.add_parser("verify", parents=parents.signed_in(),
                             help=tr("cli.help_audit_verify"))
    check.set_defaults(handler=verify)
    listing = kinds.add_parser("list", parents=parents.signed_in(),
                               help=tr("cli.help_audit_list"))
    _filters(listing, tr)
    listing.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(handler=list_events)
    export = kinds.add_parser("export", parents=parents.signed_in(),
                              help=tr("cli.help_audit_export"))
    _filters(export, tr)
    export.add_argument("-o", "--output", required=True)
    export.set_defaults(handler=export_events)


def _filters(parser: argparse.ArgumentParser, tr: object) -> None:
    """The same filters as the viewer's; dates as 2026-11-29 or 29/11/2026."""
    parser.add_argument("--from", dest="since", default=None)
    parser.add_argument("--to", dest="until", default=None)
    parser.add_argument("--person", default=None)
    parser.add_argument("--case", default=None)
    parser.add_argument("--by", dest="by_user", default=None)  # --user is who signs in
    parser.add_argument("--action", action="append", default=[])


def _day(value: str | None) -> date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):  # as any language writes a day
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise RelaisError("audit.bad_date", value=value[:40])


def _wanted(ctx: CliContext, services: Services) -> AuditFilter:
    from desktop.core.audit.log import AuditFilter
    from desktop.core.enums import AuditAction

    args = ctx.args
    since, until = _day(args.since), _day(args.until)
    if since and until and since > until:
        raise RelaisError("audit.bad_period")
    person = None
    if args.person:
        try:
            person = uuid.UUID(args.person)
        except ValueError:
            raise RelaisError("audit.bad_person", value=args.person[:40]) from None
    case = services.case_files.resolve(args.case) if args.case else None
    user = None
    if args.by_user:
        named = {name.lower(): user_id for user_id, name in services.audit.users()}
        usernames = {u.username: u.id for u in services.users.list_users()}
        user = usernames.get(args.by_user) or named.get(args.by_user.lower())
        if user is None:
            raise RelaisError("audit.unknown_user", value=args.by_user[:40])
    try:
        actions = frozenset(AuditAction(a) for a in args.action)
    except ValueError:
        raise RelaisError("audit.unknown_action",
                          actions=", ".join(a.value for a in AuditAction)) from None
    return AuditFilter(person_id=person, case_id=case, user_id=user, actions=actions,
                       since=since, until=until)


def verify(ctx: CliContext) -> int:
    with ctx.services() as services:
        result = services.audit.verify()
    tr = ctx.tr
    if result.intact:
        ctx.print(tr.plural("audit.intact", result.events, chains=tr.count(result.chains)))
        return EXIT_OK
    broken = result.broken
    assert broken is not None
    ctx.print(tr(f"audit.broken_{broken.reason}", seq=tr.count(broken.seq),
                 at=broken.at[:19] or "?", event=str(broken.event_id or "-"),
                 chain=str(broken.chain_id)))
    return EXIT_FAILURE


def list_events(ctx: CliContext) -> int:
    """Newest first; --json gives every column (the viewer's, and the chain's link)."""
    tr = ctx.tr
    with ctx.services() as services:
        page = services.audit.events(_wanted(ctx, services), limit=max(1, min(
            ctx.args.limit, 10_000)))
    if ctx.args.json:
        ctx.print(json.dumps([{
            "at": row.at.isoformat(), "user": row.user,
            "user_id": str(row.actor_id) if row.actor_id else None,
            "action": row.action.value, "entity": row.entity,
            "entity_id": str(row.entity_id) if row.entity_id else None,
            "file_number": row.file_number or None, "fields": row.fields,
            "detail": row.detail, "origin": row.origin, "chain": str(row.chain_id),
            "seq": row.seq, "hash": row.hash.hex()} for row in page.rows],
            ensure_ascii=False))
        return EXIT_OK
    for row in page.rows:
        what = tr(f"entity.{row.entity}") if row.entity else ""
        ctx.print("  ".join(part for part in (
            row.at.strftime("%Y-%m-%d %H:%M:%S"), row.user or tr("audit.system"),
            tr.choice("audit", row.action), what, row.file_number,
            ", ".join(tr(f"field.{name}") for name in row.fields)) if part))
    if page.more:
        ctx.print(tr("audit.more_events"))
    if not page.rows:  # an unknown id, a quiet period: said, on stderr (stdout stays empty)
        ctx.warn(tr.plural("audit.shown", 0))
    return EXIT_OK


def export_events(ctx: CliContext) -> int:
    from desktop.exchange.audit_csv import write_audit_csv

    with ctx.services() as services:
        count = write_audit_csv(services.audit, _wanted(ctx, services),
                                Path(ctx.args.output), ctx.tr)
    ctx.print(ctx.tr.plural("audit.exported", count, path=ctx.args.output))
    return EXIT_OK
