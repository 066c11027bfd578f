"""``relais sync enrol | now | status | conflicts | resolve | problems | resend | discard |
leave`` and ``relais join``."""

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
    parked = actions.add_parser("problems", parents=parents.signed_in(),
                                help=tr("cli.help_sync_problems"))
    parked.add_argument("--json", action="store_true", help=tr("cli.help_json"))
    parked.set_defaults(handler=list_problems)
    again = actions.add_parser("resend", parents=parents.signed_in(),
                               help=tr("cli.help_sync_resend"))
    again.add_argument("id")
    again.add_argument("--field", help=tr("cli.help_resend_field"))
    again.add_argument("--value", help=tr("cli.help_resend_value"))
    again.set_defaults(handler=resend_change)
    drop = actions.add_parser("discard", parents=parents.signed_in(),
                              help=tr("cli.help_sync_discard"))
    drop.add_argument("id")
    drop.set_defaults(handler=discard_change)
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
    ctx.print(tr("sync.cli.status_problems", n=len(found.problems)))
    for problem in found.problems:
        ctx.print(tr("sync.cli.status_problem", entity=problem["entity"],
                     id=problem["entity_id"], reason=problem["reason"] or "-"))
    for parked in found.parked:
        ctx.print(tr("sync.cli.status_parked", entity=parked["entity"],
                     id=parked["entity_id"], reason=parked["reason"]))
    return EXIT_OK


def list_conflicts(ctx: CliContext) -> int:
    from desktop.core.field_labels import entity_label, field_label
    from desktop.sync.conflict_view import conflict_views
    from desktop.sync.conflicts import DELETED

    session = _login(ctx)
    try:
        conflicts = [_conflict_dict(view) for view in conflict_views(session.engine,
                                                                     session.actor)]
    finally:
        session.close()
    if ctx.args.json:
        ctx.print(json.dumps(conflicts, ensure_ascii=False))
        return EXIT_OK
    if not conflicts:
        ctx.print(ctx.tr("sync.cli.no_conflicts"))
    hidden = ctx.tr("case.restricted")
    for c in conflicts:
        shown = {side: hidden if c["masked"] else json.dumps(c[side]["value"],
                                                             ensure_ascii=False)
                 for side in ("mine", "theirs")}
        # Named as the window names them: the person and case, the field's label.
        field = (ctx.tr("conflicts.deleted_or_edited") if c["field"] == DELETED
                 else field_label(ctx.tr, c["field"]))
        ctx.print(ctx.tr("sync.cli.conflict_line", id=c["id"],
                         entity=entity_label(ctx.tr, c["entity"]),
                         record=c["record"] or c["entity_id"], field=field, **shown))
    return EXIT_OK


def _conflict_dict(view: Any) -> dict[str, Any]:
    """This desktop's side as "mine", whichever side the central called so."""
    from desktop.sync.codec import encode_datetime

    def side(found: Any) -> dict[str, Any]:
        return {"value": _plain(found.value), "by": found.by,
                "at": encode_datetime(found.at) if found.at else None}

    return {"id": str(view.id), "entity": view.entity, "entity_id": str(view.entity_id),
            "field": view.field, "record": view.place.label,
            "case_id": str(view.place.case_id) if view.place.case_id else None,
            "masked": view.masked, "base": _plain(view.base), "mine": side(view.mine),
            "theirs": side(view.theirs)}


def _plain(value: Any) -> Any:
    """A value as JSON writes it (dates as ISO text, enums by value)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value.value if hasattr(value, "value") else value  # type: ignore[union-attr]
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def resolve_conflict(ctx: CliContext) -> int:
    """``--keep mine`` keeps this desktop's value, ``theirs`` the other desktop's."""
    from desktop.sync.conflict_view import side_seen_here
    from desktop.sync.conflicts import resolve

    session = _login(ctx)
    try:
        keep = side_seen_here(session.engine, ctx.args.id, ctx.args.keep)
        resolve(session.engine, session.actor, ctx.args.id, keep)
    finally:
        session.close()
    ctx.print(ctx.tr("sync.cli.resolved", id=ctx.args.id))
    return EXIT_OK


# -- changes the central refused --------------------------------------------------------------

def list_problems(ctx: CliContext) -> int:
    from desktop.sync.problems import MASK, problems

    session = _login(ctx)
    try:
        found = problems(session.engine, session.actor)
    finally:
        session.close()
    tr = ctx.tr
    if ctx.args.json:
        ctx.print(json.dumps([{
            "id": str(p.change_id), "entity": p.entity, "entity_id": str(p.entity_id),
            "op": p.op, "reason": p.reason, "message": _reason(tr, p.reason),
            "record": p.place.label, "by": p.by,
            "fields": {name: None if new is MASK else _plain(new)
                       for name, (_old, new) in p.fields.items()}} for p in found],
            ensure_ascii=False))
        return EXIT_OK
    if not found:
        ctx.print(tr("sync.cli.no_problems"))
    for p in found:
        ctx.print(tr("sync.cli.problem_line", id=p.change_id, entity=tr(f"entity.{p.entity}"),
                     record=p.place.label or str(p.entity_id), reason=_reason(tr, p.reason)))
    return EXIT_OK


def _reason(tr: Any, reason: str) -> str:
    from desktop.sync.problems import reason_message

    key, params = reason_message(reason)
    return str(tr(key, **params))


def resend_change(ctx: CliContext) -> int:
    from desktop.cli.context import UsageError
    from desktop.sync.problems import resend

    if (ctx.args.field is None) != (ctx.args.value is None):
        raise UsageError(ctx.tr("cli.resend_field_and_value"))
    session = _login(ctx)
    try:
        resend(session.engine, session.actor, ctx.args.id, ctx.args.field, ctx.args.value)
    finally:
        session.close()
    ctx.print(ctx.tr("sync.cli.resent", id=ctx.args.id))
    return EXIT_OK


def discard_change(ctx: CliContext) -> int:
    from desktop.sync.problems import discard

    session = _login(ctx)
    try:
        discard(session.engine, session.actor, ctx.args.id)
    finally:
        session.close()
    ctx.print(ctx.tr("sync.cli.discarded", id=ctx.args.id))
    return EXIT_OK


# -- shared -----------------------------------------------------------------------------------

def _login(ctx: CliContext, password: str | None = None) -> WorkSession:
    session = _signed_in(ctx, password)
    try:
        session.actor  # noqa: B018 (a temporary password opens no sync command, status included)
    except BaseException:
        session.close()
        raise
    return session


def _signed_in(ctx: CliContext, password: str | None) -> WorkSession:
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
    if report.skipped:
        ctx.print(ctx.tr("sync.cli.report_parked", n=report.skipped))
