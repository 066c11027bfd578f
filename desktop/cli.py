"""Headless commands on the same services as the UI.

Exit codes: 0 success, 2 usage error, 1 any other failure with a one-line reason on stderr in
the chosen language. Passwords come from a prompt, RELAIS_PASSWORD, or --password-stdin.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from desktop.core.enums import Role
from desktop.core.errors import RelaisError
from desktop.core.i18n import LANGUAGES, Translator
from desktop.core.organisation import organisation_name
from desktop.core.reference import reference_data
from desktop.documents import CASE_DOCUMENTS
from desktop.paths import DataPaths
from desktop.settings import Settings
from desktop.store.vault import NewOrganisation, Vault

if TYPE_CHECKING:
    from desktop.services import Services
    from desktop.store.database import WorkSession

log = logging.getLogger(__name__)
COMMANDS = ("init", "users", "demo", "search", "import", "export", "pdf", "report")


class UsageError(Exception):
    """Bad arguments: exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def global_options(repeated: bool = False) -> argparse.ArgumentParser:
    """--data-dir and --lang; ``repeated`` for the copies accepted after the command, which
    must not reset a value given before it."""
    default = argparse.SUPPRESS if repeated else None
    parser = _Parser(add_help=False)
    parser.add_argument("--data-dir", default=default)
    parser.add_argument("--lang", choices=LANGUAGES, default=default)
    return parser


def build_parser(tr: Translator) -> argparse.ArgumentParser:
    common = global_options(repeated=True)
    auth = _Parser(add_help=False)
    auth.add_argument("--user", default=os.environ.get("RELAIS_USER"), help=tr("cli.help_user"))
    auth.add_argument("--password-stdin", action="store_true", help=tr("cli.help_password_stdin"))

    parser = _Parser(prog="relais", parents=[global_options()], description=tr("cli.description"))
    parser.add_argument("--self-test", action="store_true", help=tr("cli.help_self_test"))
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    init = commands.add_parser("init", parents=[common], help=tr("cli.help_init"))
    init.add_argument("--org-refnis", required=True)
    init.add_argument("--admin", required=True)
    init.add_argument("--password-stdin", action="store_true")

    users = commands.add_parser("users", parents=[common], help=tr("cli.help_users"))
    users_commands = users.add_subparsers(dest="users_command", required=True,
                                          parser_class=_Parser)
    add = users_commands.add_parser("add", parents=[common, auth])
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in Role])
    add.add_argument("--display-name", default="")
    users_commands.add_parser("list", parents=[common, auth])
    disable = users_commands.add_parser("disable", parents=[common, auth])
    disable.add_argument("name")
    reset = users_commands.add_parser("reset-password", parents=[common, auth])
    reset.add_argument("name")

    demo = commands.add_parser("demo", parents=[common, auth], help=tr("cli.help_demo"))
    demo.add_argument("--persons", type=int, required=True)
    demo.add_argument("--seed", type=int, default=1)

    importing = commands.add_parser("import", parents=[common, auth], help=tr("cli.help_import"))
    importing.add_argument("file")
    importing.add_argument("--mapping", default=None)
    importing.add_argument("--save-mapping", default=None)
    importing.add_argument("--dry-run", action="store_true")
    importing.add_argument("--skip-invalid", action="store_true")
    importing.add_argument("--json", action="store_true")

    exporting = commands.add_parser("export", parents=[common, auth], help=tr("cli.help_export"))
    exporting.add_argument("kind", choices=["persons", "households", "cases"])
    exporting.add_argument("--format", choices=["csv", "xlsx"], required=True)
    exporting.add_argument("-o", "--output", required=True)
    exporting.add_argument("--columns", default=None)

    search = commands.add_parser("search", parents=[common, auth], help=tr("cli.help_search"))
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("query", nargs="+")

    # --lang here is the document's official language (and the language of messages)
    pdf = commands.add_parser("pdf", parents=[common, auth], help=tr("cli.help_pdf"))
    pdf_commands = pdf.add_subparsers(dest="pdf_command", required=True,
                                      parser_class=_Parser)
    for kind in CASE_DOCUMENTS:
        document = pdf_commands.add_parser(kind, parents=[common, auth])
        document.add_argument("--case", required=True, help=tr("cli.help_case"))
        document.add_argument("--with", dest="beside", default=None)
        document.add_argument("-o", "--output", default=None)

    blank = pdf_commands.add_parser("blank-intake", parents=[common, auth])
    blank.add_argument("--with", dest="beside", default=None)
    blank.add_argument("--copies", type=int, default=1, help=tr("cli.help_copies"))
    blank.add_argument("-o", "--output", default=None)

    fillable = pdf_commands.add_parser("fillable-intake", parents=[common, auth])
    fillable.add_argument("--with", dest="beside", default=None)
    fillable.add_argument("-o", "--output", default=None)
    reading = pdf_commands.add_parser("import-intake", parents=[common, auth])
    reading.add_argument("file")
    reading.add_argument("--dry-run", action="store_true")
    reading.add_argument("--json", action="store_true")
    reading.add_argument("--allow-duplicates", action="store_true",
                         help=tr("cli.help_allow_duplicates"))

    report = commands.add_parser("report", parents=[common, auth], help=tr("cli.help_report"))
    report_commands = report.add_subparsers(dest="report_command", required=True,
                                            parser_class=_Parser)
    monthly = report_commands.add_parser("monthly", parents=[common, auth])
    monthly.add_argument("--month", required=True)
    monthly.add_argument("--with", dest="beside", default=None)
    monthly.add_argument("-o", "--output", default=None)
    monthly.add_argument("--csv", default=None)
    monthly.add_argument("--xlsx", default=None)
    return parser


class Cli:
    def __init__(self, args: argparse.Namespace, tr: Translator, stdin: TextIO, stdout: TextIO):
        self.args = args
        self.tr = tr
        self.stdin = stdin
        self.stdout = stdout
        self.paths = DataPaths.portable(args.data_dir) if args.data_dir else DataPaths.default()
        self.vault = Vault(self.paths)
        self._stdin_lines: list[str] | None = None

    # -- secrets ----------------------------------------------------------------------------

    def _stdin_line(self) -> str:
        if self._stdin_lines is None:
            self._stdin_lines = self.stdin.read().splitlines()
        if not self._stdin_lines:
            raise RelaisError("cli.password_missing")
        return self._stdin_lines.pop(0)

    def password(self, prompt_key: str, env: str = "RELAIS_PASSWORD") -> str:
        if getattr(self.args, "password_stdin", False):
            return self._stdin_line()
        if os.environ.get(env):
            return os.environ[env]
        if not sys.stdin.isatty():
            raise RelaisError("cli.password_missing")
        return getpass.getpass(self.tr(prompt_key) + " ")

    def open_session(self) -> WorkSession:
        if not self.args.user:
            raise UsageError(self.tr("cli.user_missing"))
        return self.vault.login(self.args.user, self.password("cli.prompt_password"))

    def print(self, text: str = "") -> None:
        print(text, file=self.stdout)

    # -- commands ---------------------------------------------------------------------------

    def init(self) -> int:
        municipality = reference_data().municipality(self.args.org_refnis)
        if municipality is None:
            raise RelaisError("org.unknown_refnis", refnis=self.args.org_refnis)
        password = self.password("cli.prompt_new_admin_password")
        session, code = self.vault.create(
            NewOrganisation(
                name=organisation_name(municipality),
                refnis=municipality.refnis,
                document_language=municipality.document_language,
            ),
            admin_username=self.args.admin,
            admin_password=password,
            language=self.tr.language,
        )
        session.close()
        settings = Settings.load(self.paths.settings)
        settings.language = self.tr.language
        settings.last_username = self.args.admin.strip().lower()
        settings.organisation_name = organisation_name(municipality)
        settings.save(self.paths.settings)
        self.print(self.tr("cli.init_done", org=organisation_name(municipality),
                           path=str(self.paths.root)))
        self.print(self.tr("cli.recovery_code_once"))
        self.print(code)
        return 0

    def users(self) -> int:
        from desktop.services import Services

        session = self.open_session()
        try:
            services = Services.for_session(session)
            sub = self.args.users_command
            if sub == "list":
                for user in services.users.list_users():
                    state = self.tr("user.active") if user.active else self.tr("user.disabled")
                    self.print(f"{user.username}\t{self.tr.choice('role', user.role)}\t{state}")
                return 0
            if sub == "add":
                new_password, generated = self._new_password()
                services.users.add_user(self.args.name, Role(self.args.role), new_password,
                                        display_name=self.args.display_name)
                self.print(self.tr("cli.user_added", username=self.args.name.strip().lower()))
                if generated:
                    self.print(self.tr("cli.temporary_password", password=new_password))
                return 0
            target = self._find_user(services, self.args.name)
            if sub == "disable":
                services.users.set_active(target.id, False)
                self.print(self.tr("cli.user_disabled", username=target.username))
                return 0
            new_password, generated = self._new_password()
            services.users.reset_password(target.id, new_password)
            self.print(self.tr("cli.password_reset", username=target.username))
            if generated:
                self.print(self.tr("cli.temporary_password", password=new_password))
            return 0
        finally:
            session.close()

    def _find_user(self, services: Services, name: str):
        for user in services.users.list_users():
            if user.username == name.strip().lower():
                return user
        raise RelaisError("user.not_found")

    def _new_password(self) -> tuple[str, bool]:
        """From RELAIS_NEW_PASSWORD, the next stdin line, a prompt, or generated and shown."""
        if os.environ.get("RELAIS_NEW_PASSWORD"):
            return os.environ["RELAIS_NEW_PASSWORD"], False
        if self.args.password_stdin:
            lines = self._stdin_lines or []
            if lines:
                return self._stdin_line(), False
        elif sys.stdin.isatty():
            return getpass.getpass(self.tr("cli.prompt_new_user_password") + " "), False
        return "-".join(secrets.token_urlsafe(4) for _ in range(3)), True

    def demo(self) -> int:
        if self.args.persons < 1:
            raise UsageError(self.tr("cli.persons_positive"))
        from desktop.services import Services

        session = self.open_session()
        try:
            services = Services.for_session(session)

            def progress(done: int, total: int) -> None:
                print(self.tr.plural("cli.demo_progress", total, done=done), file=sys.stderr)

            made = services.demo.generate(self.args.persons, self.args.seed, progress)
            log.info("demo data: %d synthetic persons added", made)
            self.print(self.tr.plural("cli.demo_done", made))
            return 0
        finally:
            session.close()

    def import_(self) -> int:
        from desktop.exchange.mappings import load_mapping, save_mapping
        from desktop.services import Services

        session = self.open_session()
        try:
            services = Services.for_session(session)
            saved = load_mapping(self.paths, self.args.mapping) if self.args.mapping else None
            plan = services.imports.plan(Path(self.args.file), saved=saved)
            if self.args.save_mapping:
                save_mapping(self.paths, self.args.save_mapping, plan.mapping, plan.headers)
            written = None
            if not self.args.dry_run and (not plan.rejected or self.args.skip_invalid):
                written = services.imports.run(plan, skip_invalid=self.args.skip_invalid)
            self._report_import(plan, written)
            return 1 if plan.rejected and written is None and not self.args.dry_run else 0
        finally:
            session.close()

    def _report_import(self, plan, written) -> None:
        from desktop.exchange.summaries import import_done, import_summary

        tr = self.tr
        if self.args.json:
            self.print(json.dumps({
                "dry_run": self.args.dry_run,
                "created": written.created if written else (plan.persons if self.args.dry_run
                                                            else 0),
                "households": written.households if written else (
                    plan.new_households if self.args.dry_run else 0),
                "duplicates": [{"line": d.line, "person_id": str(d.person_id) if d.person_id
                                else None, "other_line": d.other_line, "reason": tr(d.reason)}
                               for d in plan.duplicates],
                "rejected": [{"line": r.line, "reason": tr(r.key, **r.params)}
                             for r in plan.rejected],
            }, ensure_ascii=False, indent=1))
            return
        self.print(import_summary(tr, plan.persons, plan.new_households,
                                  len(plan.duplicates), len(plan.rejected)))
        for problem in plan.rejected:
            self.print(tr("import.line", line=problem.line,
                          reason=tr(problem.key, **problem.params)))
        for duplicate in plan.duplicates:
            self.print(tr("import.line", line=duplicate.line, reason=tr(duplicate.reason)))
        if written:
            self.print(import_done(tr, written.created, written.households))
        elif plan.rejected and not self.args.dry_run:
            print(tr.plural("import.rows_rejected", len(plan.rejected)), file=sys.stderr)

    def export(self) -> int:
        from desktop.services import Services

        session = self.open_session()
        try:
            services = Services.for_session(session)
            columns = [c.strip() for c in self.args.columns.split(",")] \
                if self.args.columns else None
            count = services.exports.export(self.args.kind, Path(self.args.output),
                                            self.args.format, columns)
            self.print(self.tr.plural("export.done", count, path=self.args.output))
            return 0
        finally:
            session.close()

    def search(self) -> int:
        from desktop.services import Services

        session = self.open_session()
        try:
            services = Services.for_session(session)
            queries = self.args.query
            if queries == ["-"]:
                for line in self.stdin:
                    if line.strip():
                        hits = services.search.search(line.strip(), self.args.limit)
                        self.print(json.dumps([h.to_json() for h in hits], ensure_ascii=False))
                return 0
            hits = services.search.search(" ".join(queries), self.args.limit)
            if self.args.json:
                self.print(json.dumps([h.to_json() for h in hits], ensure_ascii=False, indent=1))
            else:
                for hit in hits:
                    self.print(f"{hit.score:5.2f}  {hit.file_number or '-':12}  "
                               f"{hit.birth_date or '-':10}  {hit.display_name}")
                if not hits:
                    self.print(self.tr("search.no_result"))
            return 0
        finally:
            session.close()


    def pdf(self) -> int:
        from desktop.services import Services

        session = self.open_session()
        try:
            services = Services.for_session(session)
            if self.args.pdf_command == "import-intake":
                return self._import_intake(services)
            documents = services.documents
            languages = documents.languages(getattr(self.args, "lang", None), self.args.beside)
            kind = self.args.pdf_command
            target = Path(self.args.output or documents.default_name(kind))
            if kind == "blank-intake":
                if not 1 <= self.args.copies <= 500:
                    raise UsageError("--copies: 1-500")
                for reference in documents.blank_intake(target, languages, self.args.copies):
                    self.print(reference)
            elif kind == "fillable-intake":
                documents.fillable_intake(target, languages)
            else:
                case_id = documents.case_files.resolve(self.args.case)
                documents.case_document(kind, case_id, target, languages)
            self.print(self.tr("doc.saved", path=str(target)))
            return 0
        finally:
            session.close()

    def _import_intake(self, services: Services) -> int:
        from desktop.exchange.summaries import fillable_summary

        tr = self.tr
        form = services.fillable.read(Path(self.args.file))
        duplicates = [(number, duplicate) for number, found in form.duplicates.items()
                      for duplicate in found]
        blocked = form.problems or (duplicates and not self.args.allow_duplicates)
        file_number = None
        if not self.args.dry_run and not blocked:
            case_id = services.fillable.register(form)
            file_number = services.case_files.open(case_id).case.file_number
        if self.args.json:
            self.print(json.dumps({
                "dry_run": self.args.dry_run, "persons": form.persons,
                "case_id": str(form.case_id) if form.case_id else None,
                "file_number": file_number,
                "problems": [{"field": p.field, "reason": tr(p.key, **p.params)}
                             for p in form.problems],
                "duplicates": [{"person": number, "person_id": str(d.person_id),
                                "file_number": d.file_number, "name": d.display_name,
                                "reasons": [tr(r) for r in d.reasons]}
                               for number, d in duplicates],
            }, ensure_ascii=False, indent=1))
        else:
            self.print(fillable_summary(tr, form.persons, len(form.problems),
                                        len(duplicates)))
            for problem in form.problems:
                self.print(f"{problem.field}: {tr(problem.key, **problem.params)}")
            for number, duplicate in duplicates:
                self.print(f"person{number}: {duplicate.display_name} "
                           f"({duplicate.file_number or '-'})")
            if file_number:
                self.print(tr("fillable.registered", file_number=file_number))
        if self.args.dry_run:
            return 0
        if form.problems:
            print(tr.plural("fillable.has_problems", len(form.problems)), file=sys.stderr)
            return 1
        if blocked:
            print(tr("fillable.duplicates_found"), file=sys.stderr)
            return 1
        return 0

    def report(self) -> int:
        from desktop.core.figures import month_bounds
        from desktop.services import Services

        month_bounds(self.args.month)  # a bad month is a clear error before signing in
        session = self.open_session()
        try:
            documents = Services.for_session(session).documents
            languages = documents.languages(getattr(self.args, "lang", None), self.args.beside)
            pdf = self.args.output
            if not (pdf or self.args.csv or self.args.xlsx):
                pdf = f"relais-figures-{self.args.month}.pdf"
            written = documents.monthly(
                self.args.month, languages, pdf=Path(pdf) if pdf else None,
                csv=Path(self.args.csv) if self.args.csv else None,
                xlsx=Path(self.args.xlsx) if self.args.xlsx else None)
            for path in written:
                self.print(self.tr("doc.saved", path=str(path)))
            return 0
        finally:
            session.close()


def pick_language(explicit: str | None, paths: DataPaths) -> str:
    from desktop.core.i18n import best_language

    if explicit:
        return explicit
    if os.environ.get("RELAIS_LANG") in LANGUAGES:
        return os.environ["RELAIS_LANG"]
    saved = Settings.load(paths.settings).language
    if saved in LANGUAGES:
        return saved
    return best_language([os.environ.get("LANG", "")], default="en")


def run_cli(argv: Sequence[str], stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
            stderr: TextIO = sys.stderr) -> int:
    try:
        pre, _ = global_options().parse_known_args(argv)
    except UsageError as exc:  # e.g. --lang xx: say so in the best language we can guess
        tr = Translator(pick_language(None, DataPaths.default()))
        print(tr("cli.usage_error", detail=str(exc)), file=stderr)
        return 2
    paths = DataPaths.portable(pre.data_dir) if pre.data_dir else DataPaths.default()
    tr = Translator(pick_language(pre.lang, paths))
    try:
        args = build_parser(tr).parse_args(argv)
    except UsageError as exc:
        print(tr("cli.usage_error", detail=str(exc)), file=stderr)
        return 2
    cli = Cli(args, tr, stdin, stdout)
    try:
        return getattr(cli, "import_" if args.command == "import" else args.command)()
    except UsageError as exc:
        print(tr("cli.usage_error", detail=str(exc)), file=stderr)
        return 2
    except RelaisError as exc:
        print(exc.message(tr), file=stderr)
        return 1
    except KeyboardInterrupt:
        return 1
    except OSError as exc:
        log.exception("command failed")
        print(tr("error.system", detail=exc.strerror or type(exc).__name__), file=stderr)
        return 1
