from desktop.ui.login import LoginWindow
from tests.conftest import ADMIN_PASSWORD


def _login_window(qtbot, lang, vault, tasks):
    window = LoginWindow(lang, vault, tasks, "admin", "CPAS de Liège")
    qtbot.addWidget(window)
    window.show()
    return window


def test_right_password_signs_in(qtbot, lang, vault, created, tasks):
    created[0].close()
    window = _login_window(qtbot, lang, vault, tasks)
    qtbot.keyClicks(window.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(window.signed_in, timeout=10_000) as signed:
        window.submit()
    session = signed.args[0]
    assert session.user.username == "admin"
    assert window.password.text() == ""
    session.close()


def test_wrong_passwords_say_so_then_impose_a_wait(qtbot, lang, vault, created, tasks):
    created[0].close()
    window = _login_window(qtbot, lang, vault, tasks)
    for attempt in range(3):
        window.password.clear()
        qtbot.keyClicks(window.password, f"wrong password {attempt}")
        window.submit()
        qtbot.waitUntil(lambda: window.error.text() != "" and window.sign_in.text()
                        == lang.tr("login.sign_in"), timeout=10_000)
    assert "Trop de mots de passe erronés" in window.error.text()
    assert not window.sign_in.isEnabled()
    assert window.username.text() == "admin"  # nothing typed is lost


def test_language_can_be_changed_on_the_login_screen(qtbot, lang, vault, created, tasks):
    window = _login_window(qtbot, lang, vault, tasks)
    window.picker.setCurrentIndex(window.picker.findData("nl"))
    assert window.sign_in.text() == "Aanmelden"
    assert window.username_label.text() == "Gebruikersnaam"


def test_a_message_follows_a_change_of_language(qtbot, lang, vault, created, tasks):
    created[0].close()
    window = _login_window(qtbot, lang, vault, tasks)
    qtbot.keyClicks(window.password, "wrong password 0")
    window.submit()
    qtbot.waitUntil(lambda: window.error.text() != "", timeout=10_000)
    window.picker.setCurrentIndex(window.picker.findData("uk"))
    assert window.error.text() == "Невідоме ім'я користувача або неправильний пароль."


def test_the_language_picked_at_login_becomes_the_users_preference(qtbot, lang, vault, created,
                                                                   paths):
    from desktop.ui.application import Relais

    created[0].close()
    relais = Relais(paths, lang, vault)
    login = relais.start()  # the controller, not qtbot, owns and frees its windows
    login.picker.setCurrentIndex(login.picker.findData("de"))
    login.picker.activated.emit(login.picker.currentIndex())
    qtbot.keyClicks(login.username, "admin")
    qtbot.keyClicks(login.password, ADMIN_PASSWORD)
    with qtbot.waitSignal(login.signed_in, timeout=10_000):
        login.submit()
    assert relais.main.menus.file_menu.title() == "&Relais"
    assert relais.main.menus.tools_menu.title() == "&Werkzeuge"
    assert relais.main.services.users.get(relais.main.actor.user_id).language == "de"
    relais.main.close()


def test_the_links_under_the_password_are_never_cut_in_any_language(
        qtbot, lang, vault, created, tasks):
    from PySide6.QtWidgets import QApplication

    from desktop.core.i18n import LANGUAGES

    created[0].close()
    window = _login_window(qtbot, lang, vault, tasks)
    for code in LANGUAGES:
        window.picker.setCurrentIndex(window.picker.findData(code))
        window.picker.activated.emit(window.picker.currentIndex())
        QApplication.processEvents()
        for button in (window.forgot, window.restore, window.sign_in):
            assert button.width() >= button.sizeHint().width(), (code, button.text())
