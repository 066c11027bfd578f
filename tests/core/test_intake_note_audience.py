"""Notes written at intake are private by default, like a new note in the case window; a
volunteer's quick intake note stays readable by the volunteer who wrote it."""

from sqlmodel import Session, select

from desktop.core.enums import NoteAudience, Role
from desktop.core.intake_input import HouseholdInput
from desktop.core.models import Note
from desktop.core.notes import NEW_NOTE_AUDIENCE
from tests.conftest import login_as
from tests.core.test_intake import mother


def audiences(services, case_id) -> list[NoteAudience]:
    with Session(services.session.engine) as db:
        return [n.audience for n in db.exec(select(Note).where(Note.case_id == case_id))]


def tonight() -> HouseholdInput:
    return HouseholdInput(members=[mother()], sleeps_tonight="Chez Mme Dupont")


def test_a_social_workers_intake_note_starts_restricted(vault, services):
    worker = login_as(vault, services, "sam", Role.SOCIAL_WORKER)
    full = worker.intake.register(tonight())
    quick = worker.intake.register(tonight(), quick=True)
    assert NEW_NOTE_AUDIENCE == NoteAudience.SOCIAL_WORKERS
    assert audiences(services, full) == [NoteAudience.SOCIAL_WORKERS]
    assert audiences(services, quick) == [NoteAudience.SOCIAL_WORKERS]
    worker.session.close()


def test_a_volunteer_reads_back_the_note_of_their_quick_intake(vault, services):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    case_id = volunteer.intake.register(tonight(), quick=True)
    assert audiences(services, case_id) == [NoteAudience.EVERYONE]
    assert [n.body for n in volunteer.case_files.open(case_id).notes] == ["Chez Mme Dupont"]
    volunteer.session.close()


def test_notes_of_an_imported_list_start_restricted(services, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_text("Nom;Prénom;Sexe;Date de naissance;Remarques\n"
                    "Kovalenko;Olena;F;12/12/1990;Dort chez sa sœur\n", encoding="utf-8")
    services.imports.run(services.imports.plan(path))
    with Session(services.session.engine) as db:
        [note] = db.exec(select(Note)).all()
    assert (note.body, note.audience) == ("Dort chez sa sœur", NoteAudience.SOCIAL_WORKERS)
