"""The settings' sync section: an administrator connects an island desktop to the central
(the code and their own password), sees where it syncs, and disconnects it after a
question that says what is lost. Others do not see the section, and the services refuse
them anyway (tests/sync/test_join_resume.py)."""

from __future__ import annotations

import pytest

from desktop.core.enums import Role
from desktop.core.intake_input import HouseholdInput
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.settings import Settings
from desktop.store.vault import NewOrganisation, Vault
from desktop.sync.conflicts import status
from desktop.sync.device_token import DeviceToken
from desktop.ui.settings_dialog import SettingsDialog
from tests.conftest import FAST_KDF, TEMPORARY_PASSWORD, USER_PASSWORD
from tests.core.test_intake import child, mother
from tests.sync.organisation import ADMIN_PASSWORD, Place, joined_desktop, organisation

WAIT = 90_000


def settings_of(qtbot, lang, session, tasks) -> SettingsDialog:
    services = Services.for_session(session)
    dialog = SettingsDialog(lang, Settings(), session.vault.paths, services.secrets, None,
                            services.documents, session, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def island(sqlite_central, tmp_path):
    """A desktop that worked alone: its organisation is known to the central, unclaimed."""
    refnis = organisation(sqlite_central)
    vault = Vault(DataPaths.portable(tmp_path / "a"), kdf=FAST_KDF)
    session, _ = vault.create(NewOrganisation(name="CPAS de test", refnis=refnis,
                                              document_language="fr"),
                              "admin", ADMIN_PASSWORD, language="fr")
    Services.for_session(session).intake.register(HouseholdInput(members=[mother(), child()]))
    yield Place(vault, session), refnis
    session.close()


def test_an_administrator_connects_this_computer_from_the_settings(
        qtbot, lang, tasks, sqlite_central, island, tmp_path):
    place, refnis = island
    section = settings_of(qtbot, lang, place.session, tasks).sync_section
    assert section is not None and section.enrol_box.isVisible()
    assert not section.enrolled_box.isVisible()
    assert not section.connect_button.isEnabled()
    code = sqlite_central.code(refnis)
    qtbot.keyClicks(section.server, sqlite_central.url)
    qtbot.keyClicks(section.code, code)
    qtbot.keyClicks(section.password, "not my password at all")
    section.connect_button.click()
    qtbot.waitUntil(lambda: not section.running, timeout=WAIT)
    assert "Ce n'est pas votre mot de passe" in section.error.text()
    assert section.code.text() == code and status(place.session.engine) is None

    section.password.clear()
    qtbot.keyClicks(section.password, ADMIN_PASSWORD)
    section.connect_button.click()
    assert section.running and section.progress.isVisible()
    qtbot.waitUntil(lambda: not section.running, timeout=WAIT)
    assert section.error.text() == "", section.error.text()
    assert "Cet ordinateur est connecté à 127.0.0.1" in section.message.text()
    assert section.enrolled_box.isVisible() and not section.enrol_box.isVisible()
    assert section.shown_server.text() == sqlite_central.url
    assert section.series.text() == "aucune (numéros sans lettre)"
    assert section.last_success.text() != "jamais"  # the first sync went through
    assert section.password.text() == ""  # not kept once used
    # Everything went up: a second desktop joins and finds the same records.
    other = joined_desktop(sqlite_central, tmp_path, refnis, "b")
    try:
        assert other.records() == place.records()
    finally:
        other.close()


def test_a_malformed_address_is_said_before_anything_is_sent(qtbot, lang, tasks, island):
    place, _ = island
    section = settings_of(qtbot, lang, place.session, tasks).sync_section
    qtbot.keyClicks(section.server, "ftp://sync.cpas.example")
    qtbot.keyClicks(section.code, "AAAA-BBBB-CCCC")
    qtbot.keyClicks(section.password, ADMIN_PASSWORD)
    section.connect_button.click()
    assert not section.running
    assert "n'est pas une adresse de serveur" in section.error.text()


def test_only_administrators_see_the_sync_section(qtbot, lang, tasks, island):
    place, _ = island
    Services.for_session(place.session).users.add_user("marie", Role.SOCIAL_WORKER,
                                                       TEMPORARY_PASSWORD)
    marie = place.vault.login("marie", TEMPORARY_PASSWORD)
    marie.change_own_password(USER_PASSWORD)
    try:
        assert settings_of(qtbot, lang, marie, tasks).sync_section is None
    finally:
        marie.close()


def test_leaving_asks_first_and_says_what_will_never_be_sent(qtbot, lang, tasks, first):
    place, _ = first
    place.services.intake.register(HouseholdInput(members=[mother()]))  # not sent yet
    waiting = sum(status(place.session.engine).pending.values())
    section = settings_of(qtbot, lang, place.session, tasks).sync_section
    assert section.enrolled_box.isVisible()
    assert section.series.text() == "aucune (numéros sans lettre)"
    assert section.last_success.text() != "jamais"

    question = section.ask_to_leave()
    assert question.isVisible() and f": {waiting}." in question.text()
    assert question.defaultButton() is section.keep_syncing
    section.keep_syncing.click()
    assert status(place.session.engine) is not None  # nothing changed

    section.ask_to_leave()
    section.confirm_leave.click()
    qtbot.waitUntil(lambda: not section.running, timeout=WAIT)
    assert f"Modifications non envoyées\u00a0: {waiting}." in section.message.text()
    assert section.enrol_box.isVisible() and not section.enrolled_box.isVisible()
    assert status(place.session.engine) is None
    assert DeviceToken(place.vault.paths).load() is None


def test_another_cpas_code_is_said_and_leaves_this_computer_as_it_was(
        qtbot, lang, tasks, sqlite_central, island):
    place, _ = island
    elsewhere = organisation(sqlite_central)
    section = settings_of(qtbot, lang, place.session, tasks).sync_section
    qtbot.keyClicks(section.server, sqlite_central.url)
    qtbot.keyClicks(section.code, sqlite_central.code(elsewhere))
    qtbot.keyClicks(section.password, ADMIN_PASSWORD)
    section.connect_button.click()
    qtbot.waitUntil(lambda: not section.running, timeout=WAIT)
    assert "appartient à un autre CPAS" in section.error.text()
    assert section.enrol_box.isVisible() and status(place.session.engine) is None
    assert DeviceToken(place.vault.paths).load() is None
