"""``relais users add | list | disable | reset-password | set-password``."""

from __future__ import annotations

import argparse
import getpass
import os
import secrets
from typing import TYPE_CHECKING

from desktop.cli.context import EXIT_OK, CliContext, Parents, subcommands
from desktop.core.enums import Role
from desktop.core.errors import RelaisError
from desktop.core.i18n import LANGUAGES

if TYPE_CHECKING:
    from desktop.core.models import UserAccount
    from desktop.services import Services

COMMANDS = ("users",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    users = commands.add_parser("users", parents=[parents.common],
                                help=parents.tr("cli.help_users"))
    actions = subcommands(users, "users_command")
    add = actions.add_parser("add", parents=parents.signed_in())
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="")
    add.add_argument("--language", choices=LANGUAGES, default="")
    add.set_defaults(handler=add_user)
    actions.add_parser("list", parents=parents.signed_in()).set_defaults(handler=list_users)
    disable = actions.add_parser("disable", parents=parents.signed_in())
    disable.add_argument("name")
    disable.set_defaults(handler=disable_user)
    reset = actions.add_parser("reset-password", parents=parents.signed_in())
    reset.add_argument("name")
    reset.set_defaults(handler=reset_password)
    # One's own password: the only command a temporary password opens (WorkSession.actor).
    own = actions.add_parser("set-password", parents=parents.signed_in())
    own.set_defaults(handler=set_own_password)


def list_users(ctx: CliContext) -> int:
    with ctx.services() as services:
        for user in services.users.list_users():
            state = ctx.tr("user.active") if user.active else ctx.tr("user.disabled")
            ctx.print(f"{user.username}\t{ctx.tr.choice('role', user.role)}\t{state}")
    return EXIT_OK


def add_user(ctx: CliContext) -> int:
    args = ctx.args
    with ctx.services() as services:
        password, generated = _new_password(ctx)
        # --language, else as in the Users dialog: the organisation's official language, or in
        # a bilingual municipality the language this command speaks (theirs to change later)
        language = args.language or services.users.default_language(ctx.tr.language)
        services.users.add_user(args.name, Role(args.role), password,
                                display_name=args.display_name, language=language)
        ctx.print(ctx.tr("cli.user_added", username=args.name.strip().lower()))
        _show_generated(ctx, password, generated)
    return EXIT_OK


def disable_user(ctx: CliContext) -> int:
    with ctx.services() as services:
        target = _find_user(services, ctx.args.name)
        services.users.set_active(target.id, False)
        ctx.print(ctx.tr("cli.user_disabled", username=target.username))
    return EXIT_OK


def reset_password(ctx: CliContext) -> int:
    with ctx.services() as services:
        target = _find_user(services, ctx.args.name)
        password, generated = _new_password(ctx)
        services.users.reset_password(target.id, password)
        ctx.print(ctx.tr("cli.password_reset", username=target.username))
        _show_generated(ctx, password, generated)
    return EXIT_OK


def set_own_password(ctx: CliContext) -> int:
    """The signed-in user's new password, from RELAIS_NEW_PASSWORD, the next stdin line
    (after the current one) or a prompt asked twice; never generated."""
    session = ctx.open_session()
    try:
        session.change_own_password(_own_new_password(ctx))
        ctx.print(ctx.tr("cli.own_password_set", username=session.user.username))
    finally:
        session.close()
    return EXIT_OK


def _own_new_password(ctx: CliContext) -> str:
    if os.environ.get("RELAIS_NEW_PASSWORD"):
        return os.environ["RELAIS_NEW_PASSWORD"]
    if ctx.args.password_stdin and ctx.stdin_has_line():
        return ctx.stdin_line()
    if ctx.args.password_stdin or not ctx.stdin_is_terminal():
        raise RelaisError("cli.new_password_missing")
    first = getpass.getpass(ctx.tr("cli.prompt_own_new_password") + " ")
    if getpass.getpass(ctx.tr("cli.prompt_repeat_password") + " ") != first:
        raise RelaisError("password.mismatch")
    return first


def _find_user(services: Services, name: str) -> UserAccount:
    for user in services.users.list_users():
        if user.username == name.strip().lower():
            return user
    raise RelaisError("user.not_found")


def _new_password(ctx: CliContext) -> tuple[str, bool]:
    """From RELAIS_NEW_PASSWORD, the next stdin line, a prompt, or generated and shown."""
    if os.environ.get("RELAIS_NEW_PASSWORD"):
        return os.environ["RELAIS_NEW_PASSWORD"], False
    if ctx.args.password_stdin:
        if ctx.stdin_has_line():
            return ctx.stdin_line(), False
    elif ctx.stdin_is_terminal():
        return getpass.getpass(ctx.tr("cli.prompt_new_user_password") + " "), False
    return "-".join(secrets.token_urlsafe(4) for _ in range(3)), True


def _show_generated(ctx: CliContext, password: str, generated: bool) -> None:
    if generated:
        ctx.print(ctx.tr("cli.temporary_password", password=password))
