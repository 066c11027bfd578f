"""The person's own copy (PDF + JSON) at 100,000 persons, for one person with a rich history
(2,000 notes, 50,000 audit events) and for an ordinary one. Goal: < 1 s for the rich one.

    uv run python bench/subject_access.py [--dir /tmp/relais-bench-subject] [--persons 100000]

Builds its own installation the first time (bench/generate.py's way: demo households),
then adds the history to one person once.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PASSWORD, USER, rss_mb, summary
from pypdf import PdfReader
from sqlalchemy import func, select
from sqlmodel import Session

from desktop.core.enums import AuditAction, NoteAudience
from desktop.core.models import CaseFile, HouseholdMember, Note
from desktop.core.organisation import organisation_name
from desktop.core.reference import reference_data
from desktop.core.uow import UnitOfWork
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.store.vault import NewOrganisation, Vault

NOTES = 2_000
EVENTS = 50_000


def build(folder: Path, persons: int) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    liege = reference_data().municipality("62063")
    session, _ = Vault(DataPaths.portable(folder)).create(
        NewOrganisation(organisation_name(liege), liege.refnis, liege.document_language),
        USER, PASSWORD, language="fr")
    started = time.perf_counter()
    Services.for_session(session).demo.generate(persons, seed=1)
    print(f"generated {persons:,} persons in {time.perf_counter() - started:.0f} s")
    session.close()


def heads(services: Services) -> tuple:
    """Two heads of household with a case: the first gets the rich history."""
    with Session(services.session.engine) as db:
        rows = db.execute(select(HouseholdMember.person_id, CaseFile.id)
                          .join(CaseFile, CaseFile.household_id == HouseholdMember.household_id)
                          .where(HouseholdMember.relationship == "head")
                          .order_by(CaseFile.file_number).limit(2)).all()
    return rows[0], rows[1]


def enrich(services: Services, person, case_id) -> None:
    engine, actor = services.session.engine, services.session.actor
    with Session(engine) as db:
        if db.execute(select(func.count()).select_from(Note).where(Note.case_id == case_id)
                      ).scalar_one() >= NOTES:
            return
    started = time.perf_counter()
    with UnitOfWork(engine, actor) as uow:
        uow.bulk_insert(Note, [{"case_id": case_id, "body": f"Suivi n° {i}. " * 20,
                                "audience": NoteAudience.SOCIAL_WORKERS if i % 2
                                else NoteAudience.EVERYONE} for i in range(NOTES)])
        for _ in range(EVENTS):
            uow.record_access(AuditAction.VIEW, "case_file", case_id)
    print(f"history added ({NOTES:,} notes, {EVENTS:,} views) in "
          f"{time.perf_counter() - started:.1f} s")


def export(services: Services, person, runs: int = 5) -> None:
    languages = services.documents.languages("fr", "uk")
    started = time.perf_counter()
    copy = services.subject_access.gather(person)
    gathered = time.perf_counter() - started
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            written = services.subject_copies.export(person, Path(out), languages)
            times.append(time.perf_counter() - started)
            pages = len(PdfReader(written.pdf).pages)
            pdf_kb = written.pdf.stat().st_size / 1024
            json_mb = written.json.stat().st_size / 1024 / 1024
    print(f"  gather (records, no streams): {gathered * 1000:.0f} ms, "
          f"log {sum(1 for _ in copy.access_log()):,} events")
    print(f"  export, PDF + JSON: {summary(times)}  (goal < 1000 ms)")
    print(f"  notes {written.notes:,}, events {written.events:,}; PDF {pages} pages "
          f"{pdf_kb:.0f} KB, JSON {json_mb:.1f} MB; RSS {rss_mb():.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path, default=Path("/tmp/relais-bench-subject"))
    parser.add_argument("--persons", type=int, default=100_000)
    args = parser.parse_args()
    if not (args.dir / "relais.db").exists():
        build(args.dir, args.persons)
    services = Services.for_session(Vault(DataPaths.portable(args.dir)).login(USER, PASSWORD))
    (rich, rich_case), (plain, _case) = heads(services)
    enrich(services, rich, rich_case)
    export(services, plain, runs=1)  # warms the fonts and the statement cache
    print("ordinary person:")
    export(services, plain)
    print(f"rich history ({NOTES:,} notes, {EVENTS:,} views):")
    export(services, rich)
    services.session.close()


if __name__ == "__main__":
    main()
