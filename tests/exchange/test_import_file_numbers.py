"""A list's own case numbers are kept when free; the households without one take the next
numbers of the year, never one the list itself gives further down."""

from datetime import date

from sqlmodel import Session, select

from desktop.core.models import CaseFile

YEAR = date.today().year


def test_new_numbers_step_over_the_numbers_the_file_gives(services, session, tmp_path):
    csv = tmp_path / "list.csv"
    csv.write_text("N° dossier;Nom;Prenom;Sexe;Date de naissance\n"
                   f"{YEAR}/000002;Kovalenko;Olena;F;01/01/1980\n"
                   f";Petrenko;Iryna;F;01/01/1981\n"
                   f";Bondar;Taras;M;01/01/1982\n", encoding="utf-8")
    services.imports.run(services.imports.plan(csv))
    with Session(session.engine) as db:
        numbers = sorted(db.exec(select(CaseFile.file_number)))
    assert numbers == [f"{YEAR}/000001", f"{YEAR}/000002", f"{YEAR}/000003"]
