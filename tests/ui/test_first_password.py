"""At first login, a refused password says what is wrong with it, and the intro stays whole."""

from desktop.core.passwords import check_password
from desktop.ui.login import ChangePasswordDialog


def test_a_password_with_the_user_name_says_so(qtbot, lang):
    lang.set_language("de")
    dialog = ChangePasswordDialog(lang, "oksana", lambda pw: check_password(pw, "oksana"))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for field in (dialog.password, dialog.confirm):
        field.setText("oksana-2026-x")
    dialog._submit()
    assert dialog.isVisible()
    assert dialog.error.text() == "Das Passwort enthält den Benutzernamen."
    assert dialog.error.text() not in [label.text()[2:] for label in dialog.rules.labels.values()]
    qtbot.wait(10)  # the layout settles with the error shown
    intro = dialog.intro
    assert intro.height() >= intro.heightForWidth(intro.width())  # no line cut off


def test_a_short_password_is_said_with_its_count(qtbot, lang):
    dialog = ChangePasswordDialog(lang, "oksana", lambda pw: check_password(pw, "oksana"))
    qtbot.addWidget(dialog)
    dialog.show()
    for field in (dialog.password, dialog.confirm):
        field.setText("court7x")
    dialog._submit()
    assert dialog.error.text() == "Le mot de passe compte moins de 10 caractères."
