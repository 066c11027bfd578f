"""A button that says what it does keeps saying it: the first-login password dialog opens
right after the interface switched to the user's saved language, whose LanguageChange event
made Qt rename a relabelled standard Ok button to "OK" (W1-18 vs W1-71)."""

from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.i18n import Translator
from desktop.ui.demo_dialog import DemoDialog
from desktop.ui.login import ChangePasswordDialog, RecoveryDialog


def test_submit_buttons_keep_their_words_after_a_language_change(qtbot, lang, vault, services,
                                                                 tasks):
    login_window = QWidget()  # the window the dialogs open over, there before the change
    qtbot.addWidget(login_window)
    login_window.show()
    lang.set_language("nl")  # as open_main does for a user who saved Dutch
    change = ChangePasswordDialog(lang, "anna", lambda _password: None, login_window)
    recovery = RecoveryDialog(lang, vault, "admin", login_window)
    demo = DemoDialog(lang, services.demo, tasks, lambda: None, login_window)
    for dialog in (change, recovery, demo):
        dialog.show()
    QApplication.processEvents()  # the posted LanguageChange reaches the dialogs
    nl = Translator("nl")
    assert change.submit_button.text() == nl("password.change_submit")
    assert recovery.submit_button.text() == nl("recovery.submit")
    assert demo.generate_button.text() == nl("demo.generate")
    assert all(button.text() != "OK" for dialog in (change, recovery, demo)
               for button in dialog.findChildren(type(change.submit_button)))
