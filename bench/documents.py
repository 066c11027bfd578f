"""Documents at 100,000 persons: one pre-filled intake form, a batch of 1,000, blank and
fillable forms, reading a filled form back, the monthly report, and ReportLab's raw speed for
pages with the same amount of text as the baseline.

    uv run python bench/generate.py   # once
    uv run python bench/documents.py
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import BENCH_DIR, PASSWORD, USER
from _harness import Figure, Stats, emit, interleave
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select
from sqlmodel import Session

from desktop.core.models import CaseFile
from desktop.documents.fonts import register_fonts
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import Vault


def raw_reportlab(pages: int, lines_per_page: int, line: str) -> float:
    """The same embedded font and amount of text, drawn straight on a canvas."""
    regular, _bold = register_fonts()
    started = time.perf_counter()
    for _ in range(pages):
        canvas = Canvas(io.BytesIO(), pagesize=A4)
        canvas.setFont(regular, 9.5)
        for number in range(lines_per_page):
            canvas.drawString(50, 800 - number * 12, line)
        canvas.showPage()
        canvas.save()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--forms", type=int, default=50, help="forms timed one by one")
    parser.add_argument("--batch", type=int, default=1000, help="forms written in a batch")
    args = parser.parse_args()
    services = Services.for_session(Vault(DataPaths.portable(BENCH_DIR)).login(USER, PASSWORD))
    documents = services.documents
    languages = documents.languages("fr", "uk")
    with Session(services.session.engine) as db:
        ids = list(db.execute(select(CaseFile.id)).scalars())
    sample = random.Random(7).sample(ids, min(len(ids), max(args.batch, args.forms + 1)))
    documents.case_document("intake", sample[0], io.BytesIO(), languages)  # warm fonts

    buffer = io.BytesIO()
    documents.case_document("intake", sample[0], buffer, languages)
    reader = PdfReader(buffer)
    text = reader.pages[0].extract_text()
    form_pages = len(reader.pages)
    lines = max(1, len(text.splitlines()))
    line = max(text.splitlines(), key=len)[:90]

    def one_form(i: int) -> None:
        documents.case_document("intake", sample[1 + i], io.BytesIO(), languages)

    def raw_pages(_: int) -> None:
        raw_reportlab(form_pages, lines, line)

    # A B A B: each form beside ReportLab drawing as many pages of as much text.
    forms = interleave(raw_pages, one_form, min(args.forms, len(sample) - 1))
    single, raw = forms.subject.scaled(1000), forms.baseline.scaled(1000)
    print(f"one intake form (open case + PDF): {single.line()}  (floor 200 ms, goal 50 ms)")
    print(f"  raw ReportLab, {form_pages} page(s) of {lines} lines: {raw.line()}; "
          f"ratio {forms.ratio:.1f}×")
    emit(Figure("pre-filled intake PDF (open case + PDF)", "ms", single, judged="p95",
                baseline=raw, baseline_name="raw ReportLab, same pages", floor=200, goal=50))

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        for number, case_id in enumerate(sample[:args.batch]):
            target = Path(folder) / f"intake-{number:04}.pdf"
            documents.case_document("intake", case_id, target, languages)
        batch = time.perf_counter() - started
        pages = sum(len(PdfReader(p).pages) for p in Path(folder).glob("*.pdf"))
    made = min(args.batch, len(sample))
    print(f"batch of {made:,} intake forms: {batch:.1f} s ({batch / made * 1000:.1f} ms per "
          f"form on average), {pages} pages")

    baseline = raw_reportlab(pages, lines, line)
    print(f"raw ReportLab, {pages} pages of {lines} lines each: {baseline:.1f} s "
          f"({baseline / pages * 1000:.1f} ms per page)")

    started = time.perf_counter()
    documents.blank_intake(io.BytesIO(), languages, copies=100)
    print(f"100 blank paper forms (one reference and QR each): "
          f"{time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        blank = Path(folder) / "form.pdf"
        started = time.perf_counter()
        documents.fillable_intake(blank, languages)
        made = time.perf_counter() - started
        writer = PdfWriter(clone_from=PdfReader(blank))
        for page in writer.pages:
            writer.update_page_form_field_values(page, {
                "person1.surname": "Шевченко", "person1.given_name": "Юлія",
                "person1.birth_date": "19.06.1974", "person2.surname": "Шевченко",
                "person2.given_name": "Тарас", "person2.birth_date": "05/03/2012"},
                auto_regenerate=False)
        writer.write(Path(folder) / "filled.pdf")
        timings = []
        for _ in range(3):  # the first read also warms the name search
            started = time.perf_counter()
            form = services.fillable.read(Path(folder) / "filled.pdf")
            timings.append(time.perf_counter() - started)
    print(f"fillable form: made in {made * 1000:.0f} ms; a filled one read, checked and "
          f"searched for duplicates among 100,000 in {timings[-1] * 1000:.0f} ms "
          f"(first, cold: {timings[0] * 1000:.0f} ms) "
          f"({sum(map(len, form.duplicates.values()))} possible duplicates)")

    month = f"{date.today():%Y-%m}"
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        figures = services.figures.monthly(month)
        counted = time.perf_counter() - started
        persons = sum(map(sum, next(t for t in figures.tables
                                    if t.key == "figures.sex_by_age").cells))
        started = time.perf_counter()
        documents.monthly(month, languages, pdf=Path(folder) / "m.pdf",
                          csv=Path(folder) / "m.csv", xlsx=Path(folder) / "m.xlsx")
        whole = time.perf_counter() - started
    print(f"monthly figures over {persons:,} persons: counting {counted:.2f} s; "
          f"counting + PDF + CSV + XLSX {whole:.2f} s  (goal < 5 s)")
    emit(Figure("monthly figures: counting + PDF + CSV + XLSX", "s", Stats.of([whole]),
                judged="best", goal=5))
    services.session.close()


if __name__ == "__main__":
    main()
