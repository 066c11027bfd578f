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
