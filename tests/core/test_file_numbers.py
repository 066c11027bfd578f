"""The one file-number allocator: YYYY/NNNNNN per organisation and year, taken under the
write lock, past anything else a year's numbers may hold."""

from datetime import date

import pytest
from sqlmodel import Session, select

from desktop.core import file_numbers
from desktop.core.intake_input import HouseholdInput, PersonInput
from desktop.core.models import CaseFile
from desktop.core.uow import UnitOfWork

YEAR = date.today().year


def register(services, surname: str) -> str:
    case_id = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat=surname, given_name_lat="Olena", birth_date="01/02/1980", sex="F")]))
    return services.case_files.open(case_id).case.file_number


def test_numbers_follow_the_year_series(services):
    assert [register(services, name) for name in ("Melnyk", "Bondar")] == [
        f"{YEAR}/000001", f"{YEAR}/000002"]


def test_taking_a_number_needs_the_write_lock(services, session):
    with Session(session.engine) as db, pytest.raises(RuntimeError, match="write lock"):
        file_numbers.take(db, session.organisation.id, YEAR)
    with UnitOfWork(session.engine, session.actor) as uow:
        assert file_numbers.take_many(uow.session, session.organisation.id, YEAR, 3,
                                      avoid={f"{YEAR}/000002"}) == [
            f"{YEAR}/000001", f"{YEAR}/000003", f"{YEAR}/000004"]


def test_a_number_outside_the_series_does_not_stop_the_next_intake(services, session,
                                                                   tmp_path):
    """An import keeps a list's own case numbers, whatever they look like."""
    csv = tmp_path / "list.csv"
    csv.write_text(f"N° dossier;Nom;Prenom;Sexe;Date de naissance\n"
                   f"{YEAR}/A-17;Kovalenko;Olena;F;01/01/1980\n"
                   f"{YEAR}/1234567;Petrenko;Iryna;F;01/01/1981\n", encoding="utf-8")
    services.imports.run(services.imports.plan(csv))
    assert register(services, "Melnyk") == f"{YEAR}/000001"
    with Session(session.engine) as db:
        assert len(db.exec(select(CaseFile.id)).all()) == 3
