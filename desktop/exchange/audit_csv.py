"""The audit trail as CSV, for an administrator or an inspector: one line per event, oldest
first, with its chain number and hash so a copy can be checked against the database later.
Headers and action names in the reader's language, codes beside them for machines; cells
that look like formulas are guarded like every other export (cells.py). The export is
audited once it is written."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

from desktop.core.audit.log import AuditFilter, AuditLog
from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.i18n import Translator
from desktop.core.uow import record_access_soon
from desktop.exchange.cells import csv_row
from desktop.exchange.destination import written_in_place

COLUMNS = ("at", "user", "user_id", "action", "action_code", "record", "record_id",
           "file_number", "fields", "detail", "origin", "chain", "seq", "hash")
PROGRESS_EVERY = 10_000


def write_audit_csv(log: AuditLog, wanted: AuditFilter, target: Path, tr: Translator,
                    progress: Callable[[int], None] | None = None) -> int:
    """Every event ``wanted`` selects, streamed; returns how many were written."""
    count = 0
    try:
        with written_in_place(target) as partial, Path(partial).open(
                "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")  # what Excel expects in Belgium
            writer.writerow(csv_row(tr(f"audit.column_{name}") for name in COLUMNS))
            for row in log.stream(wanted):
                writer.writerow(csv_row([
                    row.at.isoformat(timespec="seconds"), row.user,
                    str(row.actor_id or ""), tr.choice("audit", row.action), row.action.value,
                    tr(f"entity.{row.entity}") if row.entity else "", str(row.entity_id or ""),
                    row.file_number, ", ".join(row.fields),
                    json.dumps(row.detail, ensure_ascii=False, sort_keys=True)
                    if row.detail else "",
                    row.origin or "", str(row.chain_id), row.seq, row.hash.hex()]))
                count += 1
                if progress is not None and count % PROGRESS_EVERY == 0:
                    progress(count)
    except OSError as exc:
        raise RelaisError("store.cannot_write", path=str(target)) from exc
    record_access_soon(log.engine, log.actor, AuditAction.EXPORT, "", None,
                       detail={"kind": "audit", "format": "csv", "rows": count})
    return count
