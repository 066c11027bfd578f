"""``relais sync enrol | now | status | conflicts | resolve | leave`` and ``relais join``."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from desktop.cli.context import EXIT_OK, CliContext, Parents, subcommands

if TYPE_CHECKING:
    from desktop.store.database import WorkSession
    from desktop.sync.engine import SyncReport

COMMANDS = ("sync", "join")


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    sync = commands.add_parser("sync", parents=[parents.common], help=tr("cli.help_sync"))
    actions = subcommands(sync, "sync_command")
    enrol = actions.add_parser("enrol", parents=parents.signed_in(),
                               help=tr("cli.help_sync_enrol"))
    _server_and_code(enrol, tr)
    enrol.set_defaults(handler=enrol_desktop)
    now = actions.add_parser("now", parents=parents.signed_in(), help=tr("cli.help_sync_now"))
    now.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    now.set_defaults(handler=sync_now)
    state = actions.add_parser("status", parents=parents.signed_in(),
                               help=tr("cli.help_sync_status"))
    state.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    state.set_defaults(handler=sync_status)
    listed = actions.add_parser("conflicts", parents=parents.signed_in(),
                                help=tr("cli.help_sync_conflicts"))
    listed.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    listed.set_defaults(handler=list_conflicts)
    resolve = actions.add_parser("resolve", parents=parents.signed_in(),
                                 help=tr("cli.help_sync_resolve"))
    resolve.add_argument("id")
    resolve.add_argument("--keep", required=True, help=tr("cli.help_keep"))
    resolve.set_defaults(handler=resolve_conflict)
    leave = actions.add_parser("leave", parents=parents.signed_in(),
                               help=tr("cli.help_sync_leave"))
    leave.set_defaults(handler=leave_organisation)
    join = commands.add_parser("join", parents=[parents.common], help=tr("cli.help_join"))
    _server_and_code(join, tr)
    join.set_defaults(handler=join_organisation)


def _server_and_code(parser: argparse.ArgumentParser, tr: Any) -> None:
    parser.add_argument("--server", required=True, help=tr("cli.help_server"))
    parser.add_argument("--code", required=True, help=tr("cli.help_code"))


# -- enrol and join -----------------------------------------------------------------------------

def enrol_desktop(ctx: CliContext) -> int:
    from desktop.sync.client import SyncClient
    from desktop.sync.device_token import DeviceToken
    from desktop.sync.setup import enrol

    password = ctx.password("cli.prompt_password")
    session = _login(ctx, password)
    try:
        client = SyncClient(ctx.args.server)
        answer, queued = enrol(session, client, DeviceToken(ctx.paths), ctx.args.code,
                               password)
        ctx.print(ctx.tr("sync.cli.enrolled", server=client.server.shown,
                         device=answer.device_id, n=queued))
        report = _run(ctx, session)
    finally:
        session.close()
    _print_report(ctx, report, as_json=False)
    return EXIT_OK


def join_organisation(ctx: CliContext) -> int:
    from desktop.sync.client import SyncClient
    from desktop.sync.device_token import DeviceToken
    from desktop.sync.setup import join

    client = SyncClient(ctx.args.server)
    joined = join(ctx.vault, client, DeviceToken(ctx.paths), ctx.args.code)
    ctx.print(ctx.tr("sync.cli.joined", org=joined.organisation_name,
                     server=client.server.shown, n=joined.report.pulled, users=joined.users))
    ctx.print(ctx.tr("cli.recovery_code_once"))
    ctx.print(joined.recovery_code)
    return EXIT_OK


def leave_organisation(ctx: CliContext) -> int:
    from desktop.sync.device_token import DeviceToken
    from desktop.sync.setup import leave

    session = _login(ctx)
    try:
        unsent = leave(session, DeviceToken(ctx.paths))
    finally:
        session.close()
    ctx.print(ctx.tr("sync.cli.left", n=unsent))
    return EXIT_OK


# -- one sync, where it stands, conflicts -----------------------------------------------------

def sync_now(ctx: CliContext) -> int:
    session = _login(ctx)
    try:
        report = _run(ctx, session)
    finally:
        session.close()
    _print_report(ctx, report, as_json=ctx.args.json)
    return EXIT_OK


def sync_status(ctx: CliContext) -> int:
    from desktop.sync.conflicts import status
    from desktop.sync.errors import SyncError

    session = _login(ctx)
    try:
        found = status(session.engine)
    finally:
        session.close()
    if found is None:
        raise SyncError("not_enrolled")
    if ctx.args.json:
        ctx.print(json.dumps(found.to_dict(), ensure_ascii=False))
        return EXIT_OK
    tr = ctx.tr
    ctx.print(tr("sync.cli.status_server", server=found.server))
    ctx.print(tr("sync.cli.status_device", device=found.device, series=found.series or "-"))
    ctx.print(tr("sync.cli.status_pending", n=sum(found.pending.values())))
    for entity, count in found.pending.items():
        ctx.print(f"  {entity}\t{count}")
    if found.last_success is None:
        ctx.print(tr("sync.cli.status_never"))
    else:
        ctx.print(tr("sync.cli.status_last_success",
                     when=found.last_success.strftime("%Y-%m-%d %H:%M UTC")))
    if found.last_error:
        ctx.print(tr("sync.cli.status_last_error", reason=found.last_error))
    ctx.print(tr("sync.cli.status_conflicts", n=found.open_conflicts))
    for problem in found.problems:
        ctx.print(tr("sync.cli.status_problem", entity=problem["entity"],
                     id=problem["entity_id"], reason=problem["reason"] or "-"))
    return EXIT_OK


def list_conflicts(ctx: CliContext) -> int:
    from desktop.sync.conflicts import conflict_dict, open_conflicts

    session = _login(ctx)
    try:
        conflicts = [conflict_dict(c) for c in open_conflicts(session.engine)]
    finally:
        session.close()
    if ctx.args.json:
        ctx.print(json.dumps(conflicts, ensure_ascii=False))
        return EXIT_OK
    if not conflicts:
        ctx.print(ctx.tr("sync.cli.no_conflicts"))
    for c in conflicts:
        ctx.print(ctx.tr("sync.cli.conflict_line", id=c["id"], entity=c["entity"],
                         entity_id=c["entity_id"], field=c["field"],
                         mine=json.dumps(c["mine"], ensure_ascii=False),
                         theirs=json.dumps(c["theirs"], ensure_ascii=False)))
    return EXIT_OK


def resolve_conflict(ctx: CliContext) -> int:
    from desktop.sync.conflicts import resolve

    session = _login(ctx)
    try:
        resolve(session.engine, session.actor, ctx.args.id, ctx.args.keep)
    finally:
        session.close()
    ctx.print(ctx.tr("sync.cli.resolved", id=ctx.args.id))
    return EXIT_OK


# -- shared -----------------------------------------------------------------------------------

def _login(ctx: CliContext, password: str | None = None) -> WorkSession:
    if password is None:
        return ctx.open_session()
    from desktop.cli.context import UsageError
    from desktop.core.i18n import LANGUAGES

    if not ctx.args.user:
        raise UsageError(ctx.tr("cli.user_missing"))
    session = ctx.vault.login(ctx.args.user, password)
    if not ctx.language_given and session.user.language in LANGUAGES:
        ctx.tr.set_language(session.user.language)
    return session


def _run(ctx: CliContext, session: WorkSession) -> SyncReport:
    """Push, pull, push; then keys.json follows the users and passwords pulled."""
    from desktop.sync.client import SyncClient
    from desktop.sync.conflicts import status
    from desktop.sync.device_token import DeviceToken
    from desktop.sync.engine import SyncEngine
    from desktop.sync.errors import SyncError

    session.actor  # noqa: B018 (a temporary password must be replaced first)
    found = status(session.engine)
    if found is None:
        raise SyncError("not_enrolled")
    client = SyncClient(found.server, DeviceToken(ctx.paths).require())
    report = SyncEngine(session.engine, client).run()
    session.refresh_sealed_keys()
    return report


def _print_report(ctx: CliContext, report: SyncReport, as_json: bool) -> None:
    if as_json:
        ctx.print(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    pushed = report.pushed
    sent = sum(n for result, n in pushed.items() if result not in ("rejected", "deferred"))
    ctx.print(ctx.tr("sync.cli.report", sent=sent, received=report.pulled,
                     conflicts=pushed.get("conflict", 0),
                     problems=pushed.get("rejected", 0), waiting=pushed.get("deferred", 0)))
