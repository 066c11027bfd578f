import pytest
from PySide6.QtCore import Qt

from desktop.core.enums import CaseStatus, Role
from desktop.core.limits import QUERY_MAX
from desktop.settings import Settings
from tests.conftest import ADMIN_PASSWORD, login_as


def test_a_new_database_shows_what_to_do_next(make_main, services):
    window = make_main(services)
    assert window.content.currentWidget() is window.empty
    assert window.empty.demo_button.isVisible()
    assert "Aucun dossier" in window.empty.title.text()
    assert "non configurée" in window.status.sync_label.full_text()


def test_case_list_with_demo_data_sorts_and_filters(qtbot, make_main, services):
    services.demo.generate(300, seed=5)
    window = make_main(services)
    model = window.model
    assert window.content.currentWidget() is window.table
    assert model.rowCount() == services.cases.count()
    first = model.data(model.index(0, 0))
    window.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) > first
    window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    names = [model.data(model.index(r, 1)) for r in range(10)]
    assert names == sorted(names)
    qtbot.keyClicks(window.filter, "Chevtchenko")
    qtbot.waitUntil(lambda: model.filter_text == "Chevtchenko")
    assert 0 < model.rowCount() < model.total
    window.status_filter.setCurrentIndex(window.status_filter.findData(CaseStatus.CLOSED))
    statuses = {model.data(model.index(r, 3)) for r in range(model.rowCount())}
    assert statuses <= {"Clôturé"}
    window.filter.setText("zzzz-nobody")
    qtbot.waitUntil(lambda: model.filter_text == "zzzz-nobody")
    assert window.content.currentWidget() is window.no_match


def test_language_changes_at_run_time(make_main, services, lang):
    services.demo.generate(20, seed=5)
    window = make_main(services)
    lang.set_language("uk")
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "№ справи"
    assert window.menus.file_menu.title() == "&Relais"
    assert window.menus.tools_menu.title() == "&Інструменти"
    assert window.status_filter.itemText(0) == "Усі статуси"


def test_idle_lock_hides_the_work_and_unlocking_keeps_what_was_typed(qtbot, make_main,
                                                                      services):
    window = make_main(services, Settings(idle_lock_minutes=1))
    qtbot.keyClicks(window.filter, "Kovalenko")
    window.idle.timer.timeout.emit()  # the idle timer fires
    assert window.is_locked()
    assert not window.menuBar().isEnabled()
    qtbot.keyClicks(window.lock_screen.password, "not my password")
    window.lock_screen._try()
    assert window.is_locked()
    assert window.lock_screen.error.text() == "Mot de passe erroné."
    window.lock_screen.password.clear()
    qtbot.keyClicks(window.lock_screen.password, ADMIN_PASSWORD)
    window.lock_screen._try()
    assert not window.is_locked()
    assert window.filter.text() == "Kovalenko"


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.SOCIAL_WORKER])
def test_only_administrators_see_user_management(make_main, services, vault, role):
    other = login_as(vault, services, "someone", role)
    window = make_main(other)
    assert not window.menus.users_action.isVisible()
    assert not window.menus.tools_menu.menuAction().isVisible()
    assert not window.empty.users_button.isVisible()


def test_administrator_adds_a_user_from_the_users_dialog(qtbot, lang, services, vault):
    from desktop.ui.users_dialog import PasswordDialog, UsersDialog

    dialog = UsersDialog(lang, services.users)
    qtbot.addWidget(dialog)
    adder = PasswordDialog(lang, dialog, with_identity=True)
    adder.on_submit = lambda: services.users.add_user(
        adder.username.text(), adder.role.currentData(), adder.password.text())
    qtbot.keyClicks(adder.username, "vera")
    adder.role.setCurrentIndex(adder.role.findData(Role.VOLUNTEER))
    qtbot.keyClicks(adder.password, "short")
    qtbot.keyClicks(adder.confirm, "short")
    adder._submit()
    assert adder.error.text() == "Le mot de passe compte moins de 10 caractères."
    assert adder.username.text() == "vera"
    adder.password.setText("temporary pass 77")
    adder.confirm.setText("temporary pass 77")
    adder._submit()
    dialog.refresh()
    assert dialog.table.rowCount() == 2
    session = vault.login("vera", "temporary pass 77")
    assert session.user.role == Role.VOLUNTEER
    session.close()


def test_settings_dialog_says_whether_secrets_can_be_kept(qtbot, lang, services, paths):
    from keyring.backends import fail

    from desktop.store.secrets import SecretStore
    from desktop.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(lang, Settings(), paths, SecretStore("x", fail.Keyring()))
    qtbot.addWidget(dialog)
    assert dialog.secrets is None  # nothing kept in a keychain yet: nothing said about it
    used = SettingsDialog(lang, Settings(), paths, SecretStore("x", fail.Keyring(),
                                                               ("sync_password",)))
    qtbot.addWidget(used)
    assert used.secrets.text() == lang.tr("settings.secrets_asked")


def test_the_idle_lock_keeps_open_dialogs_and_what_is_typed_in_them(qtbot, make_main,
                                                                     services):
    window = make_main(services, Settings(idle_lock_minutes=1))
    users = window.open_users()
    adding = users.add_user()
    qtbot.keyClicks(adding.username, "oksana")
    qtbot.keyClicks(adding.password, "half typed")
    window.lock()
    assert not adding.isVisible() and not users.isVisible()
    qtbot.keyClicks(window.lock_screen.password, ADMIN_PASSWORD)
    window.lock_screen._try()
    assert adding.isVisible() and users.isVisible()
    assert adding.username.text() == "oksana"
    assert adding.password.text() == "half typed"
    adding.reject()
    users.reject()


def test_settings_change_language_and_idle_time(qtbot, make_main, services, lang, paths):
    window = make_main(services)
    dialog = window.open_settings()
    dialog.language.setCurrentIndex(dialog.language.findData("nl"))
    dialog.idle.setValue(12)
    dialog.accept()
    assert lang.code == "nl"
    assert window.idle.minutes == 12
    assert Settings.load(paths.settings).idle_lock_minutes == 12
    assert services.users.get(services.session.user.id).language == "nl"


def test_the_lock_screen_counts_wrong_passwords_like_the_login(qtbot, make_main, services):
    window = make_main(services)
    window.lock()
    for attempt in range(3):
        window.lock_screen.password.setText(f"wrong password {attempt}")
        window.lock_screen._try()
    window.lock_screen.password.setText(ADMIN_PASSWORD)
    window.lock_screen._try()
    assert window.is_locked()
    assert "Trop de mots de passe erronés" in window.lock_screen.error.text()


def test_with_cases_the_window_opens_at_home_ready_to_search(qtbot, make_main, services):
    services.demo.generate(5, seed=1)
    window = make_main(services)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.focusWidget() is window.home.search)


def test_the_search_box_and_the_case_filter_hold_what_the_search_reads(make_main, services):
    window = make_main(services)
    window.home.search.setText("Shevchenko " * 100)
    window.filter.setText("Shevchenko " * 100)
    assert len(window.home.search.text()) == len(window.filter.text()) == QUERY_MAX
