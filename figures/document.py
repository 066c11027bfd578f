"""A figures document (schema relais.figures/1): the suppressed tables of each
organisation for one month, as JSON and as CSV rows, and its HMAC signature.
docs/figures-schema.md describes every field."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from figures import schema as s
from figures.compute import Counts, median_days
from figures.places import place
from figures.suppression import shown, suppress, with_totals

MAX_FILE_BYTES = 5 * 1024 * 1024
CSV_COLUMNS = ("schema", "month", "refnis", "organisation", "region", "province", "table",
               "unit", "row", "column", "value")
TOTAL = "total"
SIGNATURE = "signature"
HMAC_ALGORITHM = "HMAC-SHA256"


@dataclass(frozen=True)
class Organisation:
    refnis: str
    name: str


class DocumentError(ValueError):
    """A figures file that cannot be taken: ``code`` says why (the caller words it)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def organisation_block(org: Organisation, counts: Counts, origin: str) -> dict[str, Any]:
    where = place(org.refnis)
    tables = [_table(key, *counts.tables[key]) for key in s.TABLES
              if key in counts.tables]
    tables.append(_waits(counts.waits))
    return {"refnis": org.refnis, "name": org.name, "region": where.region,
            "province": where.province, "origin": origin, "tables": tables}


def document(month: str, made_by: str, organisations: list[dict[str, Any]],
             scope: str | None = None) -> dict[str, Any]:
    s.month_bounds(month)
    return {"schema": s.SCHEMA, "month": month, "made_by": made_by,
            "made_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "scope": scope,
            "suppression": {"under": s.SUPPRESS_UNDER, "secondary": True},
            "organisations": sorted(organisations, key=lambda o: o["refnis"])}


def pool_small_places(rows: list[str], body: list[list[int]]) -> tuple[list[str],
                                                                          list[list[int]]]:
    """A municipality row is shown only for 5 active files or more: even with every count
    hidden, the row itself would say someone lives there. The others are added up as
    ``other`` (itself suppressed like any row when small)."""
    column = s.PLACE_COLUMNS.index("files_active")
    kept, pooled = [], [0] * len(s.PLACE_COLUMNS)
    for label, values in zip(rows, body, strict=True):
        if values[column] >= s.SUPPRESS_UNDER and label != s.UNKNOWN:
            kept.append((label, values))
        else:
            pooled = [a + b for a, b in zip(pooled, values, strict=True)]
    if any(pooled):
        kept.append((s.OTHER, pooled))
    return [label for label, _ in kept], [values for _, values in kept]


def _table(key: str, rows: list[str], body: list[list[int]]) -> dict[str, Any]:
    spec = s.TABLES[key]
    if key == "by_municipality":
        rows, body = pool_small_places(rows, body)
    width = len(spec.columns)
    grid = with_totals(body, width, spec.totals, spec.row_totals)
    visible = shown(grid, suppress(grid))
    out_rows = []
    for label, values in zip(rows, visible, strict=False):
        row: dict[str, Any] = {"row": label, "values": values[:width]}
        if spec.row_totals:
            row[TOTAL] = values[width]
        if key == "by_municipality" and label != s.OTHER:
            where = place(label)
            row.update(region=where.region, province=where.province)
        out_rows.append(row)
    table: dict[str, Any] = {"key": key, "unit": spec.unit, "columns": list(spec.columns),
                             "rows": out_rows, "totals": None}
    if spec.totals:
        last = visible[len(rows)]
        table["totals"] = {"values": last[:width],
                           TOTAL: last[width] if spec.row_totals else None}
    return table


def _waits(waits: dict[str, list[int]]) -> dict[str, Any]:
    spec = s.TABLES["referral_wait"]
    rows = [{"row": kind, "values": [
        median_days(waits[kind]) if len(waits.get(kind, ())) >= s.SUPPRESS_UNDER else None]}
        for kind in s.REFERRAL_KINDS]
    return {"key": spec.key, "unit": spec.unit, "columns": list(spec.columns), "rows": rows,
            "totals": None}


def csv_rows(doc: dict[str, Any]) -> Iterator[list[Any]]:
    """The document in long form, one value a line (CSV_COLUMNS); a hidden value is empty."""
    for org in doc["organisations"]:
        head = [doc["schema"], doc["month"], org["refnis"], org["name"], org["region"] or "",
                org["province"] or ""]
        for table in org["tables"]:
            columns = table["columns"]
            for row in table["rows"]:
                for column, value in zip(columns, row["values"], strict=True):
                    yield [*head, table["key"], table["unit"], row["row"], column, value]
                if TOTAL in row:
                    yield [*head, table["key"], table["unit"], row["row"], TOTAL, row[TOTAL]]
            totals = table.get("totals")
            if totals:
                for column, value in zip(columns, totals["values"], strict=True):
                    yield [*head, table["key"], table["unit"], TOTAL, column, value]
                if s.TABLES[table["key"]].row_totals:
                    yield [*head, table["key"], table["unit"], TOTAL, TOTAL, totals[TOTAL]]


def canonical(doc: dict[str, Any]) -> bytes:
    body = {k: v for k, v in doc.items() if k != SIGNATURE}
    return json.dumps(body, sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False).encode("utf-8")


def sign(doc: dict[str, Any], key: bytes, key_id: str) -> dict[str, Any]:
    value = hmac.new(key, canonical(doc), hashlib.sha256).hexdigest()
    return {**doc, SIGNATURE: {"algorithm": HMAC_ALGORITHM, "key_id": key_id,
                               "value": value}}


def read_signed(raw: bytes, key_for: Any) -> dict[str, Any]:
    """The document in ``raw`` once its shape and signature are checked; ``key_for(refnis)``
    gives the organisation's key (None if the central knows no such organisation)."""
    if len(raw) > MAX_FILE_BYTES:
        raise DocumentError("too_large")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise DocumentError("not_json") from None
    if not isinstance(doc, dict) or doc.get("schema") != s.SCHEMA:
        raise DocumentError("schema")
    try:
        s.month_bounds(str(doc.get("month")))
    except ValueError:
        raise DocumentError("schema") from None
    signature = doc.get(SIGNATURE)
    orgs = doc.get("organisations")
    if not (isinstance(signature, dict) and isinstance(orgs, list) and len(orgs) == 1
            and isinstance(orgs[0], dict) and signature.get("algorithm") == HMAC_ALGORITHM
            and isinstance(signature.get("value"), str)):
        raise DocumentError("unsigned")
    refnis = str(orgs[0].get("refnis"))
    if signature.get("key_id") != refnis:
        raise DocumentError("bad_signature")
    key = key_for(refnis)
    if key is None:
        raise DocumentError("unknown_organisation")
    expected = hmac.new(key, canonical(doc), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, signature["value"]):
        raise DocumentError("bad_signature")
    _check_tables(orgs[0])
    return doc


def _check_tables(org: dict[str, Any]) -> None:
    """A signed file is trusted for its origin, but still has to be figures: only known
    tables, counts as whole numbers or hidden, nothing else."""
    tables = org.get("tables")
    if not isinstance(tables, list):
        raise DocumentError("schema")
    for table in tables:
        if not isinstance(table, dict) or table.get("key") not in s.TABLES:
            raise DocumentError("schema")
        for row in table.get("rows", []):
            if not isinstance(row, dict) or not isinstance(row.get("row"), str) \
                    or len(row["row"]) > 40:
                raise DocumentError("schema")
            for value in row.get("values", []):
                if value is not None and not isinstance(value, int | float):
                    raise DocumentError("schema")


def new_key() -> str:
    import secrets

    return secrets.token_hex(32)


def key_bytes(text: str) -> bytes:
    cleaned = "".join(text.split()).lower()
    if len(cleaned) != 64 or any(c not in "0123456789abcdef" for c in cleaned):
        raise DocumentError("bad_key")
    return bytes.fromhex(cleaned)
