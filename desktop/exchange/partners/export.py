"""Exporting the directory, local and regional entries, listed or not: CSV (UTF-8 with BOM,
";") or XLSX, headers and kinds as labels in the export's language, languages and
municipalities by name, formula-like text guarded (cells.py). The import reads it back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.core.enums import AuditAction
from desktop.core.errors import RelaisError
from desktop.core.i18n import SOURCE_LANGUAGE, Translator
from desktop.core.models import PartnerService
from desktop.core.partners import PartnerDirectory, PartnerFilter
from desktop.core.uow import record_access_soon
from desktop.exchange.destination import written_in_place
from desktop.exchange.exporter import _write_csv, _write_xlsx
from desktop.exchange.labels import YES, label, language_label
from desktop.exchange.partners.columns import COLUMNS, LABELS
from desktop.exchange.partners.read import NO

FORMATS = ("csv", "xlsx")


class PartnerExport:
    def __init__(self, directory: PartnerDirectory) -> None:
        self.directory = directory

    def export(self, target: Path, fmt: str, tr: Translator | None = None) -> int:
        """Writes the file in ``tr``'s language; returns the number of entries."""
        if fmt not in FORMATS:
            raise RelaisError("export.unknown_kind", kind=fmt)
        tr = tr or Translator(SOURCE_LANGUAGE)
        partners = self.directory.search(PartnerFilter(include_unlisted=True))
        headers = [tr(f"{LABELS}{column}") for column in COLUMNS]
        rows = ([row[c] for c in COLUMNS] for row in (self._row(p, tr) for p in partners))
        try:
            with written_in_place(Path(target)) as partial:
                written = (_write_csv if fmt == "csv" else _write_xlsx)(partial, headers, rows)
        except OSError as exc:
            raise RelaisError("store.cannot_write", path=str(target)) from exc
        directory = self.directory
        record_access_soon(directory.engine, directory.actor, AuditAction.EXPORT,
                           PartnerService.__tablename__, None,
                           detail={"kind": "partners", "format": fmt, "rows": written})
        return written

    def _row(self, partner: PartnerService, tr: Translator) -> dict[str, Any]:
        reference = self.directory.reference

        def place(refnis: str) -> str:
            found = reference.municipality(refnis) if refnis else None
            return found.name(tr.language) if found else refnis

        return {
            "kind": label(tr, partner.kind), "name": partner.name,
            "municipalities": ", ".join(place(code) for code in partner.municipalities or []),
            "street": partner.street, "postal_code": partner.postal_code,
            "municipality": place(partner.municipality_refnis), "phone": partner.phone,
            "email": partner.email, "website": partner.website,
            "languages": ", ".join(language_label(tr, c) for c in partner.languages or []),
            "opening_hours": partner.opening_hours, "waiting": partner.waiting,
            "waiting_days": partner.waiting_days if partner.waiting_days is not None else "",
            "verified_on": partner.verified_on.isoformat() if partner.verified_on else "",
            "scope": label(tr, partner.scope), "listed": tr(YES if partner.listed else NO),
        }
