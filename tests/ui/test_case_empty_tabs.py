"""An empty tab of the case file says what it holds; a volunteer's notes tab reads the same
whether or not notes for social workers exist."""

from desktop.core.enums import NoteAudience, Role
from desktop.ui.case_window import CaseWindow
from tests.conftest import login_as
from tests.ui.test_case_window import register


def _open(qtbot, lang, services, case_id) -> CaseWindow:
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_volunteers_empty_notes_tab_says_what_it_holds(qtbot, lang, services, vault):
    with_restricted = register(services)
    services.case_files.add_note(with_restricted, "Enquête sociale", NoteAudience.SOCIAL_WORKERS)
    without = register(services)
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    shown = []
    for case_id in (with_restricted, without):
        window = _open(qtbot, lang, volunteer, case_id)
        assert window.notes.rowCount() == 0
        assert not window.empty[window.notes].isHidden()
        shown.append(window.empty[window.notes].text())
    assert shown[0] == shown[1] == lang.tr("case.notes_empty_shared")
    assert "«\u00a0Tout le monde\u00a0»" in shown[0]
    volunteer.session.close()


def test_empty_tabs_say_so_until_something_is_added(qtbot, lang, services):
    window = _open(qtbot, lang, services, register(services))
    assert window.empty[window.notes].text() == "Aucune note dans ce dossier pour l'instant."
    assert not window.empty[window.tasks].isHidden()
    assert not window.empty[window.referrals].isHidden()
    window.note_text.setPlainText("Rendez-vous lundi")
    window.add_note.click()
    assert window.empty[window.notes].isHidden()
