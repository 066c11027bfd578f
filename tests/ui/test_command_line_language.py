"""--lang sets the windows' language for one run; it never rewrites what a user saved."""

from desktop.settings import Settings
from desktop.ui.application import Relais
from tests.conftest import ADMIN_PASSWORD


def _sign_in(qtbot, login) -> None:
    qtbot.keyClicks(login.username, "admin")
    qtbot.keyClicks(login.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(login.signed_in, timeout=10_000):
        login.submit()


def test_lang_on_the_command_line_is_for_this_run_only(qtbot, lang, vault, created, paths):
    created[0].close()  # admin's saved language is French
    lang.set_language("de")  # as run_gui does with --lang de
    relais = Relais(paths, lang, vault, language_given=True)
    login = relais.start()
    assert login.sign_in.text() == "Anmelden"
    _sign_in(qtbot, relais.window)
    main = relais.main
    assert main.menus.tools_menu.title() == "&Werkzeuge"  # this run is in German
    assert main.services.users.get(main.actor.user_id).language == "fr"  # not rewritten
    assert Settings.load(paths.settings).language != "de"
    # saving other settings with the language picker untouched does not save --lang either
    main.apply_settings("de", 15)
    assert main.services.users.get(main.actor.user_id).language == "fr"
    assert Settings.load(paths.settings).idle_lock_minutes == 15
    main.close()


def test_a_language_picked_at_login_in_a_lang_run_is_saved(qtbot, lang, vault, created, paths):
    created[0].close()
    lang.set_language("de")
    relais = Relais(paths, lang, vault, language_given=True)
    login = relais.start()
    login.picker.setCurrentIndex(login.picker.findData("nl"))
    login.picker.activated.emit(login.picker.currentIndex())
    _sign_in(qtbot, login)
    main = relais.main
    assert main.menus.tools_menu.title() == "&Extra"
    assert main.services.users.get(main.actor.user_id).language == "nl"
    assert Settings.load(paths.settings).language == "nl"
    main.close()
