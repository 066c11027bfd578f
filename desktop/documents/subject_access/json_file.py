"""The copy as one JSON object, written as it is read: the records first, then the notes and
the access log one entry at a time, so the file holds everything without the whole history
ever sitting in memory. The format is ``relais.subject-access/1`` (docs/subject-access.md):
keys in English and stable within a version, values as stored (enum values, ISO 8601
dates and times, ids as text)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from desktop.core.subject_access import SCHEMA, SubjectCopy

Sink = Callable[[Any], None]
# One encoder for every entry: json.dumps with options builds a new one per call.
_entry = json.JSONEncoder(ensure_ascii=False).encode


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def _stream(handle: TextIO, key: str, entries: Iterable[dict[str, Any] | str], sink: Sink
            ) -> int:
    """An array written entry by entry; an entry already JSON text is written as it is."""
    handle.write(f',\n "{key}": [')
    count = 0
    for entry in entries:
        text = entry if isinstance(entry, str) else _entry(entry)
        handle.write(("," if count else "") + "\n  " + text)
        sink(entry)
        count += 1
    handle.write("\n ]" if count else "]")
    return count


def write_json(handle: TextIO, copy: SubjectCopy, on_note: Sink, on_event: Sink) -> None:
    """Writes the copy; hands each note (a dict) and event (its JSON text) to ``on_note`` /
    ``on_event`` as it passes (the PDF keeps the newest few)."""
    head = {
        "schema": SCHEMA,
        "generated_at": copy.generated_at.isoformat(),
        "generated_by": copy.generated_by,
        "organisation": copy.organisation,
        "person": copy.person,
        "identity_documents": copy.identity_documents,
        "protection_status": copy.protection_status,
        "specific_needs": copy.specific_needs,
        "households": copy.households,
        "attachments": copy.attachments,
        "withheld": [{"what": w.what, "count": w.count, "legal_basis": w.legal_basis}
                     for w in copy.withheld],
    }
    handle.write(_dump(head)[:-2])  # the object stays open: the streams follow
    notes = _stream(handle, "notes", copy.notes(), on_note)
    events = _stream(handle, "access_log", copy.access_log_json(), on_event)
    handle.write(f',\n "counts": {json.dumps({"notes": notes, "access_log": events})}\n}}\n')
