"""The central reads a directory list by the desktop's rules: a desktop's export in any
language (CSV or XLSX) reads back on the central as the same entries."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from central.publishing.read import RefusedFile, read_file
from desktop.core.i18n import Translator
from desktop.core.partners import PartnerFilter, entry_of


@pytest.mark.parametrize(("fmt", "language"), [("csv", "nl"), ("xlsx", "uk"), ("csv", "de"),
                                               ("xlsx", "fr")])
def test_a_desktop_export_in_any_language_reads_the_same_on_the_central(
        services, tmp_path, fmt, language):
    services.partners.load_examples()
    services.partners.set_listed(services.partners.search()[0].id, False)
    target = tmp_path / f"partners.{fmt}"
    services.partner_exports.export(target, fmt, Translator(language))

    def comparable(values: dict) -> dict:
        verified = values["verified_on"]
        return {**values, "kind": str(values["kind"]),
                "verified_on": verified if verified is None else str(verified)}

    on_desktop = sorted((comparable(asdict(entry_of(p)) | {"listed": p.listed})
                         for p in services.partners.search(
                             PartnerFilter(include_unlisted=True))),
                        key=lambda e: e["name"])
    on_central = sorted((comparable(row.values) for row in read_file(target)),
                        key=lambda e: e["name"])
    assert on_central == on_desktop


@pytest.mark.parametrize(("name", "content", "key"), [
    ("list.xlsx", b"not a workbook", "publish.bad_workbook"),
    ("list.txt", b"Nom\nExemple\n", "publish.bad_format"),
    ("list.csv", b"Nom\x00\nExemple\n", "publish.not_text"),
    ("list.csv", b"Nom;" * 61 + b"\n", "publish.too_many_columns"),
])
def test_a_file_that_is_no_list_is_refused_by_name(tmp_path, name, content, key):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(RefusedFile) as refused:
        read_file(path)
    assert refused.value.key == key
