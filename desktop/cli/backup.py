"""``relais backup now | list | verify | restore``: the same backups as the window's.

``verify`` and ``restore`` work when the live database is missing or broken: the data key
then comes from the backup's own keys.json and the password valid when it was made, and the
user must be an administrator in the backup."""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from pathlib import Path

from desktop.cli.context import EXIT_FAILURE, EXIT_OK, CliContext, Parents, UsageError, subcommands
from desktop.core.errors import RelaisError
from desktop.settings import Settings

COMMANDS = ("backup",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    backup = commands.add_parser("backup", parents=[parents.common],
                                 help=tr("cli.help_backup"))
    actions = subcommands(backup, "backup_command")
    now = actions.add_parser("now", parents=parents.signed_in())
    now.add_argument("--to", default=None)
    now.set_defaults(handler=back_up_now)
    listing = actions.add_parser("list", parents=parents.signed_in())
    listing.add_argument("--in", dest="folder", default=None)
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=list_backups)
    check = actions.add_parser("verify", parents=parents.signed_in())
    check.add_argument("file")
    check.set_defaults(handler=verify_backup)
    restore = actions.add_parser("restore", parents=parents.signed_in())
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true")
    restore.set_defaults(handler=restore_backup)


def _folder(ctx: CliContext, given: str | None) -> Path:
    folder = given or Settings.load(ctx.paths.settings).backup_folder
    if not folder:
        raise RelaisError("backup.no_folder")
    return Path(folder)


def _size(ctx: CliContext, size: int) -> str:
    from desktop.store.backups.restore import size_text

    return size_text(ctx.tr, size)


def back_up_now(ctx: CliContext) -> int:
    from desktop.store.backups.schedule import remember_success

    folder = _folder(ctx, ctx.args.to)
    with ctx.services() as services:
        verified = services.backups.back_up(folder)
    try:
        remember_success(Settings.load(ctx.paths.settings), ctx.paths.settings,
                         verified.manifest.created_at)
    except (OSError, RelaisError):
        ctx.warn(ctx.tr("settings.not_saved"))
    ctx.print(ctx.tr("backup.done", size=_size(ctx, verified.size)))
    ctx.print(str(verified.path))  # the last line: the file, for scripts
    return EXIT_OK


def list_backups(ctx: CliContext) -> int:
    folder = _folder(ctx, ctx.args.folder)
    with ctx.services() as services:
        entries = services.backups.list(folder)
    if ctx.args.json:
        ctx.print(json.dumps([{
            "file": str(e.path), "created_at": e.manifest.data["created_at"], "size": e.size,
            "schema_revision": e.manifest.schema_revision,
            "app_version": e.manifest.app_version, "counts": e.manifest.counts,
            "audit_head": e.manifest.audit_head,
        } for e in entries], ensure_ascii=False, indent=1))
        return EXIT_OK
    for entry in entries:
        at = _local(entry.created_at, ctx.tr.language)
        ctx.print(f"{at}\t{_size(ctx, entry.size)}\t{entry.path.name}")
    if not entries:
        ctx.warn(ctx.tr("backup.none_in_folder", folder=str(folder)))
    return EXIT_OK


def _key_for(ctx: CliContext, path: Path) -> tuple[bytes, str]:
    """(data key, username): through the backup's keys.json with the password given, else
    (a password changed since the backup) through the live key file's, where a wrong
    password is counted as at any sign-in."""
    from desktop.store.backups.restore import unlock

    if not ctx.args.user:
        raise UsageError(ctx.tr("cli.user_missing"))
    password = ctx.password("cli.prompt_password")
    try:
        return unlock(path, ctx.args.user, password), ctx.args.user
    except RelaisError as error:
        if error.key != "auth.wrong_credentials" or not ctx.vault.is_initialised():
            raise
    try:
        return ctx.vault.unwrap_user_key(ctx.args.user, password), ctx.args.user
    except RelaisError as error:
        if error.key.startswith("store."):
            raise RelaisError("auth.wrong_credentials") from None
        raise


def verify_backup(ctx: CliContext) -> int:
    from desktop.store.backups.restore import counted
    from desktop.store.backups.verify import verify

    path = Path(ctx.args.file)
    if not path.is_file():
        raise RelaisError("backup.not_a_backup", file=path.name)
    data_key, username = _key_for(ctx, path)
    verified = verify(path, data_key, administrator=username)
    manifest = verified.manifest
    ctx.print(ctx.tr("backup.verified", file=path.name, size=_size(ctx, verified.size)))
    ctx.print(ctx.tr("backup.summary", date=_local(manifest.created_at, ctx.tr.language),
                     organisation=manifest.organisation_name,
                     **counted(ctx.tr, manifest.counts.get("persons", 0),
                               manifest.counts.get("cases", 0))))
    return EXIT_OK


def restore_backup(ctx: CliContext) -> int:
    from desktop.store.backups.restore import Restorer, describe_loss

    path = Path(ctx.args.file)
    if not path.is_file():
        raise RelaisError("backup.not_a_backup", file=path.name)
    if not ctx.args.yes and not ctx.stdin_is_terminal():
        raise RelaisError("backup.restore_needs_yes")
    restorer = Restorer(ctx.paths)
    restorer.check(path)  # another organisation, newer: refused before any password
    data_key, username = _key_for(ctx, path)
    preview = restorer.preview(path, data_key)
    for line in describe_loss(ctx.tr, preview):
        ctx.print(line)
    if not ctx.args.yes:
        answer = input(ctx.tr("backup.confirm_prompt") + " ")
        if answer.strip().lower() not in {"y", "yes", ctx.tr("backup.yes").lower()}:
            ctx.warn(ctx.tr("backup.restore_cancelled"))
            return EXIT_FAILURE
    restored = restorer.apply(path, data_key, username)
    for kept in restored.set_aside:
        ctx.print(ctx.tr("backup.kept_aside", file=str(kept)))
    ctx.print(ctx.tr("backup.restored", file=path.name))
    ctx.print(ctx.tr("backup.passwords_of_then"))
    return EXIT_OK


def _local(at: datetime, lang: str) -> str:
    from desktop.store.backups.restore import local_time

    return local_time(at, lang)
