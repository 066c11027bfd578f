"""``relais pdf …``: a case's documents, the paper and fillable intake forms, and reading a
filled-in form back."""

from __future__ import annotations

import argparse
import json
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.context import (
    EXIT_FAILURE,
    EXIT_OK,
    CliContext,
    Parents,
    UsageError,
    subcommands,
)
from desktop.core.file_names import suggested_name
from desktop.documents import CASE_DOCUMENTS

if TYPE_CHECKING:
    from desktop.services import Services

COMMANDS = ("pdf",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    # --lang here is the document's official language (and the language of messages)
    pdf = commands.add_parser("pdf", parents=parents.signed_in(), help=tr("cli.help_pdf"))
    kinds = subcommands(pdf, "pdf_command")
    for kind in CASE_DOCUMENTS:
        document = kinds.add_parser(kind, parents=parents.signed_in())
        document.add_argument("--case", required=True, help=tr("cli.help_case"))
        document.add_argument("--with", dest="beside", default=None)
        document.add_argument("-o", "--output", default=None)
        document.set_defaults(handler=make_document)

    blank = kinds.add_parser("blank-intake", parents=parents.signed_in())
    blank.add_argument("--with", dest="beside", default=None)
    blank.add_argument("--copies", type=int, default=1, help=tr("cli.help_copies"))
    blank.add_argument("-o", "--output", default=None)
    blank.set_defaults(handler=make_document)

    fillable = kinds.add_parser("fillable-intake", parents=parents.signed_in())
    fillable.add_argument("--with", dest="beside", default=None)
    fillable.add_argument("-o", "--output", default=None)
    fillable.set_defaults(handler=make_document)

    reading = kinds.add_parser("import-intake", parents=parents.signed_in())
    reading.add_argument("file")
    reading.add_argument("--dry-run", action="store_true")
    reading.add_argument("--json", action="store_true")
    reading.add_argument("--allow-duplicates", action="store_true",
                         help=tr("cli.help_allow_duplicates"))
    reading.set_defaults(handler=import_intake)


def make_document(ctx: CliContext) -> int:
    args = ctx.args
    with ctx.services() as services:
        documents = services.documents
        languages = documents.languages(getattr(args, "lang", None), args.beside)
        kind = args.pdf_command
        case_id = documents.case_files.resolve(args.case) if kind in CASE_DOCUMENTS \
            else None
        target = Path(args.output or _default_name(ctx, services, kind, case_id))
        if kind == "blank-intake":
            if not 1 <= args.copies <= 500:
                raise UsageError("--copies: 1-500")
            for reference in documents.blank_intake(target, languages, args.copies):
                ctx.print(reference)
        elif kind == "fillable-intake":
            documents.fillable_intake(target, languages)
        else:
            documents.case_document(kind, case_id, target, languages)
        ctx.print(ctx.tr("doc.saved", path=str(target)))
    return EXIT_OK


def _default_name(ctx: CliContext, services: Services, kind: str,
                  case_id: uuid.UUID | None) -> str:
    """As the window suggests it: what, the case's file number, when; never who."""
    what = {"blank-intake": "doc_blank", "fillable-intake": "doc_fillable"}.get(
        kind, f"doc_{kind}")
    number = services.case_files.open(case_id).case.file_number if case_id else ""
    return suggested_name(ctx.tr, what, "pdf", date.today(), number or "")


def import_intake(ctx: CliContext) -> int:
    with ctx.services() as services:
        return _import_intake(ctx, services)


def _import_intake(ctx: CliContext, services: Services) -> int:
    from desktop.documents.form_fields import all_fields
    from desktop.exchange.summaries import fillable_summary

    args, tr = ctx.args, ctx.tr
    form = services.fillable.read(Path(args.file))
    duplicates = [(number, duplicate) for number, found in form.duplicates.items()
                  for duplicate in found]
    blocked = form.problems or (duplicates and not args.allow_duplicates)
    file_number = None
    if not args.dry_run and not blocked:
        case_id = services.fillable.register(form)
        file_number = services.case_files.open(case_id).case.file_number
    if args.json:
        ctx.print(json.dumps({
            "dry_run": args.dry_run, "persons": form.persons,
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
        ctx.print(fillable_summary(tr, form.persons, len(form.problems), len(duplicates)))
        fields = {field.name: field for field in all_fields()}
        for problem in form.problems:  # as the form prints the field: "1.4 Date of birth"
            field = fields.get(problem.field)
            said = tr(problem.key, **problem.params)
            ctx.print(tr.labelled(f"{field.ref} {tr(field.label_key)}", said) if field
                      else said)
        for number, duplicate in duplicates:
            ctx.print(f"{number}. {duplicate.display_name} "
                      f"({duplicate.file_number or '-'})")
        if file_number:
            ctx.print(tr("fillable.registered", file_number=file_number))
    if args.dry_run:
        return EXIT_OK
    if form.problems:
        ctx.warn(tr.plural("fillable.has_problems", len(form.problems)))
        return EXIT_FAILURE
    if blocked:
        ctx.warn(tr("fillable.duplicates_found"))
        return EXIT_FAILURE
    return EXIT_OK
