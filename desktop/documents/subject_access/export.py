"""Writes a person's copy into a folder: the JSON file with everything and the PDF a person
reads, from one pass over the notes and the access log. The PDF prints the newest entries
up to a limit and says so when it is reached (limits in ``pdf.py``); the JSON keeps all.
Both files are created for their owner only (0600) before a byte is written, and the names
say what and when, never who (the last characters of the person's id, its random part,
tell two copies apart)."""

from __future__ import annotations

import json
import os
import uuid
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.core.errors import RelaisError
from desktop.core.file_names import suggested_name
from desktop.core.reference import ReferenceData
from desktop.core.subject_access import SubjectAccessService
from desktop.documents.base import Languages, Organisation
from desktop.documents.subject_access.json_file import write_json
from desktop.documents.subject_access.pdf import LOG_PRINTED, NOTES_PRINTED, Printed, write_pdf
from desktop.private_files import make_private, private_folder


@dataclass(frozen=True)
class WrittenCopy:
    pdf: Path
    json: Path
    notes: int
    events: int


class Newest:
    """The last ``limit`` entries seen and how many went by: bounded memory, one pass."""

    def __init__(self, limit: int) -> None:
        self.kept: deque[Any] = deque(maxlen=limit)
        self.total = 0

    def __call__(self, entry: Any) -> None:
        self.kept.append(entry)
        self.total += 1


@dataclass
class SubjectCopyExport:
    service: SubjectAccessService
    organisation: Organisation
    reference: ReferenceData | None = None  # municipality names for the addresses

    def names(self, tr: Any, person_id: uuid.UUID, day: Any) -> tuple[str, str]:
        stem = suggested_name(tr, "subject_access", "pdf", day,
                              file_number=person_id.hex[-8:]).removesuffix(".pdf")
        return f"{stem}.pdf", f"{stem}.json"

    def export(self, person_id: uuid.UUID, folder: Path, languages: Languages
               ) -> WrittenCopy:
        """Writes both files into ``folder`` (made for its owner only if missing, once the
        copy is allowed); returns their paths."""
        copy = self.service.gather(person_id)
        try:
            private_folder(folder)
        except OSError:
            raise RelaisError("subject.folder_missing", path=str(folder)) from None
        pdf_name, json_name = self.names(languages.main, person_id, copy.today)
        pdf_path, json_path = folder / pdf_name, folder / json_name
        notes, events = Newest(NOTES_PRINTED), Newest(LOG_PRINTED)
        written: list[Path] = []
        try:
            written.append(make_private(json_path))
            with json_path.open("w", encoding="utf-8") as handle:
                write_json(handle, copy, notes, events)
            written.append(make_private(pdf_path))
            write_pdf(pdf_path, copy, languages, self.organisation,
                      Printed(list(notes.kept), notes.total),
                      Printed([json.loads(text) for text in events.kept], events.total),
                      json_name,
                      self.reference)
        except BaseException:
            for path in written:  # never half a copy left behind
                if path.exists():
                    os.unlink(path)
            raise
        return WrittenCopy(pdf_path, json_path, notes.total, events.total)
