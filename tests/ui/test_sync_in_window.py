"""Sync in the window against a real central process: it runs by itself off the GUI
thread, its state is always in the status bar (offline → syncing → up to date → problem),
changes waiting are counted, and the lists show what a pull brought."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select, update

from desktop.core.intake_input import HouseholdInput
from desktop.core.models import SyncState
from desktop.services import Services
from desktop.settings import Settings
from desktop.sync.conflicts import status
from desktop.sync.device_token import DeviceToken
from desktop.sync.schedule import Phase, Timing
from desktop.ui.main_window import MainWindow
from desktop.ui.sync.refresh import banner_of
from tests.central.server import free_port
from tests.core.test_intake import child, mother
from tests.sync.organisation import (
    ADMIN_PASSWORD,
    Place,
    first_desktop,
    joined_desktop,
    organisation,
)

# Nothing by itself unless a test asks: a first sync, a debounce and a clock of an hour.
# Retries after a failure come quickly, so "the network is back" is seen at once.
ASKED_ONLY = Timing(first=3600, debounce=3600, interval=3600, backoff_base=0.05,
                    backoff_cap=0.2)
WAIT = 20_000


@pytest.fixture
def central_sqlite(servers):
    return servers["sqlite"]


@pytest.fixture
def place(central_sqlite, tmp_path):
    return first_desktop(central_sqlite, tmp_path, organisation(central_sqlite))


@pytest.fixture
def open_window(qtbot, lang, tasks):
    def open_(place, timing: Timing = ASKED_ONLY) -> MainWindow:
        services = Services.for_session(place.session)
        window = MainWindow(lang, services, Settings(), place.vault.paths, tasks,
                            sync_timing=timing)
        qtbot.addWidget(window)
        window.show()
        return window

    return open_


def point_at(place, url: str) -> None:
    with place.session.engine.begin() as connection:
        connection.execute(update(SyncState).values(server_url=url))


def phases_of(window) -> list[Phase]:
    seen: list[Phase] = []
    scheduler = window.sync.scheduler
    scheduler.changed.connect(lambda: seen.append(scheduler.phase()))
    return seen


def test_the_status_goes_offline_syncing_up_to_date_and_problem(qtbot, open_window, place,
                                                                central_sqlite, lang):
    window = open_window(place)
    scheduler, indicator = window.sync.scheduler, window.sync.indicator
    tr = lang.tr
    assert indicator.isVisible()
    assert window.status.sync_label.text() == ""  # not "not configured": it is
    seen = phases_of(window)

    point_at(place, f"http://127.0.0.1:{free_port()}")  # nobody listens there
    window.sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: scheduler.phase() == Phase.OFFLINE, timeout=WAIT)
    assert Phase.SYNCING in seen
    assert tr("sync.state.offline") in indicator.full_text()

    point_at(place, central_sqlite.url)  # the network comes back: the retry finds it
    qtbot.waitUntil(lambda: scheduler.phase() == Phase.UP_TO_DATE, timeout=WAIT)
    assert seen.index(Phase.OFFLINE) < seen.index(Phase.UP_TO_DATE)
    assert indicator.full_text().startswith("✓ " + tr("sync.state.up_to_date", time="")[:3])
    assert scheduler.status.last_success is not None

    DeviceToken(place.vault.paths).save("not-this-desktop")
    window.sync.sync_now_action.trigger()
    qtbot.waitUntil(lambda: scheduler.phase() == Phase.PROBLEM, timeout=WAIT)
    assert scheduler.error_code == "unauthorised"
    assert tr("sync.state.problem") in indicator.full_text()
    panel = window.sync.open_panel()
    assert panel.failure.isVisible()
    assert panel.failure.text() == scheduler.error.message(tr)
    window.grab().save("/tmp/s11b-status-problem.png")


def test_a_local_edit_is_counted_then_sent_after_a_quiet_moment(qtbot, open_window, place,
                                                                lang):
    quiet = Timing(first=3600, debounce=0.5, interval=3600)
    window = open_window(place, quiet)
    scheduler = window.sync.scheduler
    qtbot.waitUntil(lambda: scheduler.status is not None)
    assert scheduler.snapshot().pending == 0
    Services.for_session(place.session).intake.register(
        HouseholdInput(members=[mother(), child()]))
    waiting = sum(status(place.session.engine).pending.values())
    assert waiting > 0
    # Counted at once, in words, before the debounce sends it.
    qtbot.waitUntil(lambda: scheduler.snapshot().pending == waiting, timeout=WAIT)
    assert lang.tr.plural("sync.state.pending", waiting) in window.sync.indicator.full_text()
    assert scheduler.phase() != Phase.UP_TO_DATE
    # Nobody asked: the quiet moment after the save sends it.
    qtbot.waitUntil(lambda: scheduler.phase() == Phase.UP_TO_DATE, timeout=WAIT)
    assert scheduler.snapshot().pending == 0
    assert scheduler.report.pushed.get("applied") == waiting


def test_sync_now_from_the_keyboard(qtbot, open_window, place):
    window = open_window(place)
    scheduler = window.sync.scheduler
    assert scheduler.report is None
    window.windowHandle().requestActivate()  # shortcuts work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.home.search, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: scheduler.report is not None, timeout=WAIT)
    assert scheduler.phase() == Phase.UP_TO_DATE


def test_the_case_list_and_an_open_case_show_what_a_pull_brought(
        qtbot, open_window, place, central_sqlite, tmp_path, lang):
    services = Services.for_session(place.session)
    case_id = services.intake.register(HouseholdInput(members=[mother(), child()]))
    place.sync()
    other = joined_desktop(central_sqlite, tmp_path, _refnis(place), "b")
    window = open_window(place)
    case_window = window.open_case(case_id)
    qtbot.waitUntil(case_window.isVisible)
    qtbot.keyClicks(case_window.note_text, "Rendez-vous au CPAS mardi")
    assert window.model.total == 1
    window.table.setCurrentIndex(window.model.index(0, 1))  # where the person is in the list

    theirs = Services.for_session(other.session)
    theirs.intake.register(HouseholdInput(members=[olena()]))
    theirs.case_files.add_task(case_id, "Call the school", None, other.session.actor.user_id)
    other.sync()
    other.close()

    window.sync.scheduler.sync_now()
    qtbot.waitUntil(lambda: window.model.total == 2, timeout=WAIT)
    assert "2" in window.status.count_label.text()
    current = window.table.currentIndex()
    assert window.model.case_id(current.row()) == case_id and current.column() == 1
    tasks = [case_window.tasks.item(r, 1).text() for r in range(case_window.tasks.rowCount())]
    assert tasks == ["Call the school"]
    banner = banner_of(case_window)
    assert banner.isVisible()
    assert banner.label.text() == lang.tr("sync.banner.kept_typing")
    assert case_window.note_text.toPlainText() == "Rendez-vous au CPAS mardi"
    case_window.grab().save("/tmp/s11b-case-banner.png")
    case_window.note_text.clear()  # nothing left unsent when the window closes


def test_search_results_follow_a_pull(qtbot, open_window, place, central_sqlite, tmp_path):
    other = joined_desktop(central_sqlite, tmp_path, _refnis(place), "b")
    window = open_window(place)
    window.sections.setCurrentIndex(0)  # home: an empty installation opens on its list
    qtbot.keyClicks(window.home.search, "Olena")
    window.home.run_search()
    assert window.home.no_result.isVisible()
    Services.for_session(other.session).intake.register(
        HouseholdInput(members=[olena()]))
    other.sync()
    other.close()
    window.sync.scheduler.sync_now()
    qtbot.waitUntil(lambda: window.home.results.rowCount() == 1, timeout=WAIT)


def olena():
    return mother(surname_lat="Kovalenko", surname_cyr="Коваленко", given_name_lat="Olena",
                  given_name_cyr="Олена", phone="+32 470 98 76 54", documents=[])


def _refnis(place) -> str:
    return place.session.organisation.refnis


def cursor(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(SyncState.cursor)).scalar_one()


def test_closing_mid_sync_loses_nothing_and_duplicates_nothing(
        qtbot, place, central_sqlite, tmp_path, lang, tasks):
    other = joined_desktop(central_sqlite, tmp_path, _refnis(place), "b")
    Services.for_session(other.session).demo.generate(700, seed=3)  # pages of 1,000
    other.sync()
    # Closed by the test itself (Qt deletes it then), not by qtbot's teardown.
    window = MainWindow(lang, Services.for_session(place.session), Settings(),
                        place.vault.paths, tasks, sync_timing=ASKED_ONLY)
    window.show()
    engine = place.session.engine
    start = cursor(engine)
    window.sync.scheduler.sync_now()
    qtbot.waitUntil(lambda: cursor(engine) != start, timeout=WAIT)
    assert window.sync.scheduler.plan.running  # mid-sync: pages still to come
    window.close()  # waits for the request under way; no page after it

    again = Place(place.vault, place.vault.login("admin", ADMIN_PASSWORD))
    try:
        assert cursor(again.session.engine) < _cursor_of(other)  # it did stop half-way
        again.sync()
        assert again.records() == other.records()
        again.sync()  # and again: nothing new, nothing twice
        assert again.records() == other.records()
        assert sum(status(again.session.engine).pending.values()) == 0
    finally:
        again.close()
        other.close()


def _cursor_of(place) -> int:
    return cursor(place.session.engine)


def test_a_desktop_enrolled_while_its_window_is_open_shows_and_syncs_at_once(
        qtbot, open_window, central_sqlite, tmp_path):
    from desktop.paths import DataPaths
    from desktop.store.vault import NewOrganisation, Vault
    from desktop.sync import setup
    from desktop.sync.client import SyncClient
    from tests.conftest import FAST_KDF

    refnis = organisation(central_sqlite)
    vault = Vault(DataPaths.portable(tmp_path / "island"), kdf=FAST_KDF)
    session, _ = vault.create(NewOrganisation(name="CPAS de test", refnis=refnis,
                                              document_language="fr"),
                              "admin", ADMIN_PASSWORD, language="fr")
    window = open_window(Place(vault, session))
    sync = window.sync
    assert not sync.indicator.isVisibleTo(window)
    assert window.status.sync_label.text()  # "not configured", in words
    setup.enrol(session, SyncClient(central_sqlite.url), DeviceToken(vault.paths),
                central_sqlite.code(refnis), ADMIN_PASSWORD)  # as Settings does
    settings = window.open_settings()
    settings.sync_section.enrolment_changed.emit()  # what Settings says once connected
    settings.close()
    assert sync.indicator.isVisibleTo(window)
    assert window.status.sync_label.text() == ""
    qtbot.waitUntil(lambda: sync.scheduler.phase() == Phase.UP_TO_DATE, timeout=WAIT)


def test_the_panel_offers_conflicts_and_problems_only_through_given_dialogs(
        qtbot, make_main, services):
    window = make_main(services)
    window.sync.open_conflicts = window.sync.open_problems = None
    panel = window.sync.open_panel()
    assert panel.conflicts_button.isHidden() and panel.problems_button.isHidden()
    panel.close()
    opened: list[object] = []
    window.sync.open_conflicts = opened.append
    window.sync.open_problems = opened.append
    panel = window.sync.open_panel()
    assert not panel.conflicts_button.isHidden() and not panel.problems_button.isHidden()
    assert not panel.conflicts_button.isEnabled()  # nothing to decide yet
    panel.conflicts_button.setEnabled(True)
    panel.conflicts_button.click()
    assert opened == [panel]
    panel.close()


@pytest.mark.parametrize("code", ["de", "uk"])
def test_the_state_gives_way_on_a_narrow_window_without_widening_it(
        qtbot, open_window, place, lang, code):
    lang.set_language(code)
    window = open_window(place)
    Services.for_session(place.session).intake.register(
        HouseholdInput(members=[mother(), child()]))
    point_at(place, f"http://127.0.0.1:{free_port()}")
    scheduler, indicator = window.sync.scheduler, window.sync.indicator
    scheduler.sync_now()
    qtbot.waitUntil(lambda: scheduler.phase() == Phase.OFFLINE, timeout=WAIT)
    full = indicator.full_text()
    for width in (1093, 800, 640):
        window.resize(width, 614)
        qtbot.waitUntil(lambda w=width: window.width() == w)
        shown = indicator.text()
        assert indicator._width_of(shown) <= indicator.width()
        assert shown == full or full in indicator.toolTip()
    assert indicator.text() != full  # 640 pixels: the short wording
    window.statusBar().grab().save(f"/tmp/s11b-narrow-{code}.png")


def test_a_locked_window_shows_the_state_but_opens_no_panel(qtbot, make_main, services):
    window = make_main(services)
    window.lock()
    assert not window.sync.indicator.isEnabled()
    window.unlock()
    assert window.sync.indicator.isEnabled()
