"""``relais retention rules | set | preview | apply``: the administrator's retention rules,
what they would touch today, and the run that anonymises (desktop/core/retention/)."""

from __future__ import annotations

import argparse
import json

from desktop.cli.confirm import confirmed
from desktop.cli.context import EXIT_FAILURE, EXIT_OK, CliContext, Parents, UsageError, subcommands
from desktop.core.enums import RetentionKind
from desktop.core.retention.candidates import RetentionPreview
from desktop.core.retention.rules import Rule

COMMANDS = ("retention",)


def register(commands: argparse._SubParsersAction, parents: Parents) -> None:
    tr = parents.tr
    retention = commands.add_parser("retention", parents=[parents.common],
                                    help=tr("cli.help_retention"))
    actions = subcommands(retention, "retention_command")
    actions.add_parser("rules", parents=parents.signed_in(),
                       help=tr("cli.help_retention_rules")).set_defaults(handler=show_rules)
    set_rule = actions.add_parser("set", parents=parents.signed_in(),
                                  help=tr("cli.help_retention_set"))
    set_rule.add_argument("kind", choices=[kind.value for kind in RetentionKind])
    set_rule.add_argument("after", help=tr("cli.help_retention_after"))
    set_rule.set_defaults(handler=set_rule_handler)
    preview = actions.add_parser("preview", parents=parents.signed_in(),
                                 help=tr("cli.help_retention_preview"))
    preview.add_argument("--json", action="store_true")
    preview.set_defaults(handler=show_preview)
    apply = actions.add_parser("apply", parents=parents.signed_in(),
                               help=tr("cli.help_retention_apply"))
    apply.add_argument("--yes", action="store_true", help=tr("cli.help_yes"))
    apply.set_defaults(handler=apply_rules)


def rule_text(ctx: CliContext, rule: Rule) -> str:
    period = ctx.tr.plural(f"retention.after_{rule.unit}", rule.after)
    state = period if rule.enabled else ctx.tr("retention.off")
    return f"{rule.kind.value:20} " + ctx.tr.labelled(
        ctx.tr(f"retention.rule.{rule.kind.value}"), state)


def show_rules(ctx: CliContext) -> int:
    with ctx.services() as services:
        for rule in services.retention.rules().values():
            ctx.print(rule_text(ctx, rule))
    return EXIT_OK


def set_rule_handler(ctx: CliContext) -> int:
    kind = RetentionKind(ctx.args.kind)
    with ctx.services() as services:
        current = services.retention.rules()[kind]
        if ctx.args.after.strip().lower() == "off":
            rule = services.retention.set_rule(kind, current.after, False)
        else:
            try:
                after = int(ctx.args.after)
            except ValueError:
                raise UsageError(ctx.tr("retention.after_not_a_number",
                                        value=ctx.args.after[:20])) from None
            rule = services.retention.set_rule(kind, after, True)
        ctx.print(rule_text(ctx, rule))
    return EXIT_OK


def preview_lines(ctx: CliContext, preview: RetentionPreview) -> list[str]:
    tr = ctx.tr
    lines = []
    for due in preview.persons:
        why = tr(f"retention.why.{due.rule.value}", status=tr.choice("case_status", due.status),
                 since=tr.date(due.since))
        lines.append(f"{due.file_number:12} {due.name or tr('person.anonymised')}  ({why})")
    for draft in preview.drafts:
        lines.append(tr("retention.draft_line", user=draft.username,
                        saved=tr.date(draft.saved_at.date())))
    lines.append(summary(ctx, preview))
    return lines


def summary(ctx: CliContext, preview: RetentionPreview) -> str:
    return ctx.tr("retention.summary", anonymised=ctx.tr.plural("retention.persons",
                                                               len(preview.persons)),
                  deleted=ctx.tr.plural("retention.drafts", len(preview.drafts)))


def show_preview(ctx: CliContext) -> int:
    with ctx.services() as services:
        preview = services.retention.preview()
    if ctx.args.json:
        ctx.print(json.dumps({
            "day": preview.day.isoformat(),
            "persons": [{"person_id": str(p.person_id), "case_id": str(p.case_id),
                         "file_number": p.file_number, "rule": p.rule.value,
                         "status": p.status.value, "since": p.since.isoformat()}
                        for p in preview.persons],
            "drafts": [{"draft_id": str(d.draft_id), "saved_at": d.saved_at.isoformat()}
                       for d in preview.drafts]}, ensure_ascii=False, indent=1))
        return EXIT_OK
    for line in preview_lines(ctx, preview):
        ctx.print(line)
    return EXIT_OK


def apply_rules(ctx: CliContext) -> int:
    with ctx.services() as services:
        preview = services.retention.preview()
        if preview.count == 0:
            ctx.print(ctx.tr("retention.nothing_due"))
            return EXIT_OK
        ctx.print(summary(ctx, preview))
        if not confirmed(ctx, ctx.tr("retention.confirm_cli", count=preview.count)):
            ctx.print(ctx.tr("retention.cancelled"))
            return EXIT_FAILURE
        result = services.retention.apply(preview)
        ctx.print(ctx.tr("retention.done", anonymised=ctx.tr.plural(
            "retention.persons", sum(result.persons.values())),
            deleted=ctx.tr.plural("retention.drafts", result.drafts)))
    return EXIT_OK
