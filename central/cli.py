"""relais-central: run the endpoint and administer organisations, codes and devices."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from central import admin
from central.coordination import cli as coordination
from central.coordination.words import LANGUAGES
from central.db import database_url, make_engine, upgrade
from central.protocol import MIN_PROTOCOL
from central.publishing import cli as publishing


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="relais-central", description=__doc__)
    p.add_argument("--data-dir", help="folder of the embedded SQLite database")
    p.add_argument("--db", help="database URL, e.g. postgresql+psycopg://user@host/db")
    p.add_argument("--lang", choices=LANGUAGES,
                   help="language of the figures' messages and headers (fr, nl, de, en)")
    sub = p.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the endpoint (migrates the database first)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--cert", help="TLS certificate (PEM); without it, plain HTTP")
    serve.add_argument("--key", help="TLS private key (PEM)")
    serve.add_argument("--min-protocol", type=int, metavar="N",
                       default=_env_int("RELAIS_CENTRAL_MIN_PROTOCOL", MIN_PROTOCOL),
                       help="refuse desktops older than protocol N with 426 (default "
                            f"{MIN_PROTOCOL}, or $RELAIS_CENTRAL_MIN_PROTOCOL)")

    org = sub.add_parser("org", help="organisations").add_subparsers(dest="org_command",
                                                                      required=True)
    add = org.add_parser("add", help="create an organisation")
    add.add_argument("--refnis", required=True)
    add.add_argument("--name", required=True)
    key = org.add_parser("figures-key", parents=[coordination.language_option()],
                         help="a new key that signs the organisation's figures files "
                              "(prints it once)")
    key.add_argument("refnis", metavar="REFNIS")

    code = sub.add_parser("enrol-code", help="print a one-time enrolment code")
    code.add_argument("--org", required=True, metavar="REFNIS")
    code.add_argument("--volunteer", action="store_true", help="a volunteer-scope device")
    code.add_argument("--hours", type=float, default=24.0, help="validity (default 24)")

    devices = sub.add_parser("devices", help="enrolled devices").add_subparsers(
        dest="devices_command", required=True)
    listing = devices.add_parser("list")
    listing.add_argument("--org", metavar="REFNIS")
    revoke = devices.add_parser("revoke")
    revoke.add_argument("id")

    coordination.register(sub)
    publishing.register(sub)
    sub.add_parser("migrate", help="bring the database to the current schema")
    purge = sub.add_parser("purge-tombstones", help="forget old deletions (cursors below "
                                                    "them get 410 and download again)")
    purge.add_argument("--older-than-days", type=int, required=True)
    return p


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() else default


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    url = database_url(args.data_dir, args.db)
    engine = make_engine(url)
    try:
        upgrade(engine)
        return _run(args, url, engine)
    except admin.AdminError as error:
        print(f"relais-central: {error}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _run(args: argparse.Namespace, url: str, engine) -> int:  # type: ignore[no-untyped-def]
    if args.command == "serve":
        return _serve(args, url)
    if args.command in coordination.COMMANDS or getattr(args, "org_command", "") == \
            "figures-key":
        return coordination.run(args, engine)
    if args.command == publishing.COMMAND:
        return publishing.run(args, engine)
    if args.command == "org":
        admin.add_organisation(engine, args.refnis, args.name)
        print(f"organisation {args.refnis} added")
    elif args.command == "enrol-code":
        code = admin.issue_code(engine, args.org, args.volunteer, args.hours)
        scope = "volunteer" if args.volunteer else "full"
        print(f"one-time code for {args.org} ({scope}), valid {args.hours:g} h:")
        print(code)
    elif args.command == "devices" and args.devices_command == "list":
        for d in admin.list_devices(engine, args.org):
            state = "revoked" if d.revoked else "active"
            print(f"{d.id}  {d.refnis}  {d.scope:9}  series={d.series or '-':4}  {state:7}  "
                  f"{d.created_at}  {d.name}")
    elif args.command == "devices":
        admin.revoke_device(engine, args.id)
        print(f"device {args.id} revoked")
    elif args.command == "purge-tombstones":
        count = admin.purge_tombstones(engine, args.older_than_days)
        print(f"{count} tombstones purged")
    return 0


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from central.app import Settings, create_app
    from central.logs import configure_logging

    if bool(args.cert) != bool(args.key):
        raise admin.AdminError("--cert and --key go together")
    if args.min_protocol < 1:
        raise admin.AdminError("--min-protocol must be 1 or more")
    configure_logging()
    settings = Settings(database_url=url, min_protocol=args.min_protocol)
    uvicorn.run(create_app(settings), host=args.host, port=args.port,
                ssl_certfile=args.cert, ssl_keyfile=args.key, access_log=False,
                log_config=None, server_header=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
