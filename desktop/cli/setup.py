"""``relais init``: the organisation and its first administrator."""

from __future__ import annotations

import argparse

from desktop.cli.context import EXIT_OK, CliContext, Parents
from desktop.core.errors import RelaisError
from desktop.core.organisation import organisation_name
from desktop.core.reference import reference_data
from desktop.settings import load_settings
from desktop.store.vault import NewOrganisation

COMMANDS = ("init",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    init = commands.add_parser("init", parents=[parents.common],
                               help=parents.tr("cli.help_init"))
    init.add_argument("--org-refnis", required=True)
    init.add_argument("--admin", required=True)
    init.add_argument("--password-stdin", action="store_true")
    init.set_defaults(handler=init_organisation)


def init_organisation(ctx: CliContext) -> int:
    args, tr = ctx.args, ctx.tr
    municipality = reference_data().municipality(args.org_refnis)
    if municipality is None:
        raise RelaisError("org.unknown_refnis", refnis=args.org_refnis)
    password = ctx.password("cli.prompt_new_admin_password")
    session, code = ctx.vault.create(
        NewOrganisation(
            name=organisation_name(municipality),
            refnis=municipality.refnis,
            document_language=municipality.document_language,
        ),
        admin_username=args.admin,
        admin_password=password,
        language=tr.language,  # the administrator's own language from now on
    )
    session.close()
    settings, kept = load_settings(ctx.paths.settings)
    if kept is not None:
        ctx.warn(tr("settings.set_aside", path=str(ctx.paths.settings), kept=kept.name))
    settings.language = tr.language
    settings.last_username = args.admin.strip().lower()
    settings.organisation_name = organisation_name(municipality)
    settings.save(ctx.paths.settings, "language", "last_username", "organisation_name")
    ctx.print(tr("cli.init_done", org=organisation_name(municipality),
                 path=str(ctx.paths.root)))
    ctx.print(tr("cli.recovery_code_once"))
    ctx.print(code)
    return EXIT_OK
