"""The person's own copy from the case window: offered to administrators and social workers,
not to volunteers; made in the background into the chosen folder, then the folder offered."""

from __future__ import annotations

import json

from desktop.core.enums import Role
from desktop.ui.case_window import CaseWindow
from tests.conftest import login_as
from tests.ui.test_accessibility import unnamed
from tests.ui.test_case_window import register


def test_the_copy_is_made_in_the_background_then_the_folder_offered(qtbot, lang, services,
                                                                      tasks, tmp_path):
    window = CaseWindow(lang, services, register(services), tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    assert window.own_copy.isVisibleTo(window)
    window.people.setCurrentCell(0, 0)
    dialog = window.open_own_copy()
    assert unnamed(dialog) == []
    assert "SHEVCHENKO Yuliia" in dialog.findChildren(type(dialog.status))[0].text()
    assert dialog.main_language.currentData() == "fr"
    dialog.folder.setText(str(tmp_path / "copie"))
    assert dialog.make_copy()
    qtbot.waitUntil(lambda: dialog.written is not None or bool(dialog.error.text()),
                    timeout=30_000)
    assert dialog.error.text() == ""
    assert dialog.open_folder.isVisibleTo(dialog)
    assert "Enregistré" in dialog.status.text()
    data = json.loads(dialog.written.json.read_text("utf-8"))
    assert data["person"]["surname_lat"] == "Shevchenko"
    assert dialog.written.pdf.exists()


def test_an_empty_folder_is_said_and_nothing_is_made(qtbot, lang, services, tasks):
    window = CaseWindow(lang, services, register(services), tasks=tasks)
    qtbot.addWidget(window)
    dialog = window.open_own_copy()
    dialog.folder.clear()
    assert not dialog.make_copy()
    assert "dossier" in dialog.error.text()


def test_a_volunteer_is_not_offered_the_copy(qtbot, lang, vault, services, tasks):
    case_id = register(services)
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    window = CaseWindow(lang, volunteer, case_id, tasks=tasks)
    qtbot.addWidget(window)
    window.show()
    assert not window.own_copy.isVisibleTo(window)
    assert window.open_own_copy() is None
