"""Any file given to the import or to the PDF-form reader ends in a plan (or a form) or in a
refusal with a message of the catalogs: never another exception, never a dead process, never
more than a set memory. The readers run in a child process under a 1 GiB address-space
ceiling (fuzz_files.py), so a blow-up inside a Rust or C reader is a failure of this test,
not of the test run. bench/fuzz_readers.py runs many more examples."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.exchange.fuzz_files import (
    Readers,
    acceptable,
    any_bytes,
    built_ods,
    built_xls,
    built_xlsx,
    damaged_deflate,
    declared_only,
    mutated,
    pdf_field_named_in_bytes,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="memory ceiling: resource")
EXAMPLES = int(os.environ.get("RELAIS_FUZZ_EXAMPLES", "50"))  # per test: 200 in all
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def readers():
    started = Readers()
    yield started
    started.close()


def check(readers: Readers, suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"liste{suffix}"
        path.write_bytes(data)
        answer = readers.read(path)
    assert acceptable(answer), (answer, suffix, data[:300])


@FUZZ
@given(file=any_bytes)
def test_any_bytes_are_read_or_refused(readers, file):
    check(readers, *file)


@FUZZ
@given(file=st.one_of(built_xlsx(), built_xls()))
@example(file=declared_only())  # the reader reserved 1.3 GB, before the fix
@example(file=declared_only((376, 300, 376, 300)))  # the reader aborted, before the fix
def test_workbooks_of_random_cells_and_references_are_read_or_refused(readers, file):
    check(readers, *file)


@FUZZ
@given(file=built_ods())
def test_ods_of_random_repeats_and_values_are_read_or_refused(readers, file):
    check(readers, *file)


@FUZZ
@given(file=mutated())
@example(file=damaged_deflate(".xlsx"))  # zlib.error while measuring, before the fix
@example(file=damaged_deflate(".ods"))
@example(file=pdf_field_named_in_bytes())  # a TypeError, before the fix
def test_damaged_csv_xlsx_ods_xls_and_pdf_forms_are_read_or_refused(readers, file):
    check(readers, *file)
