"""The window asks a user with a temporary password for their own first, in their own
language, and builds the main window only afterwards: the session itself serves nothing
before (WorkSession.actor, issue 9 item 11)."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.core.enums import Role
from desktop.core.i18n import Translator
from desktop.ui.application import Relais
from desktop.ui.login import ChangePasswordDialog
from tests.conftest import USER_PASSWORD

OWN = "a quiet evening 42"


def test_the_first_sign_in_asks_for_ones_own_password_then_opens(qtbot, lang, vault, services):
    services.users.add_user("anna", Role.SOCIAL_WORKER, USER_PASSWORD, language="nl")
    relais = Relais(vault.paths, lang, vault=vault)
    seen: list[str] = []

    def choose() -> None:
        shown = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, ChangePasswordDialog) and w.isVisible()]
        if not shown:  # exec() not yet running: ask again in a moment
            QTimer.singleShot(10, choose)
            return
        dialog = shown[0]
        seen.append(dialog.windowTitle())
        dialog.grab().save("/tmp/T-change-password.png")
        dialog.password.setText(OWN)
        dialog.confirm.setText(OWN)
        dialog._submit()
        if dialog.isVisible():  # refused: say why in the failure rather than wait forever
            seen.append(dialog.error.text())
            dialog.reject()

    QTimer.singleShot(0, choose)
    relais.open_main(vault.login("anna", USER_PASSWORD))
    assert seen == [Translator("nl")("password.change_title")]  # her language, from the start
    assert relais.main is not None
    qtbot.addWidget(relais.main)
    assert relais.main.services.session.actor.username == "anna"
    relais.main.services.session.close()
    again = vault.login("anna", OWN)
    assert not again.must_change_password
    again.close()


def _answer_dialogs(fill_recovery, seen: list[str]) -> None:
    """Fill the recovery dialog once it shows; any password-change dialog after it is noted
    (the recovery already chose the password) and closed."""
    from desktop.ui.login import RecoveryDialog

    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    change = [w for w in shown if isinstance(w, ChangePasswordDialog)]
    if change:
        seen.append("asked again")
        change[0].reject()
        return
    recovery = [w for w in shown if isinstance(w, RecoveryDialog)]
    if recovery and not seen:
        seen.append("recovery")
        fill_recovery(recovery[0])
    if "done" not in seen:
        QTimer.singleShot(10, lambda: _answer_dialogs(fill_recovery, seen))


def test_a_recovery_replaces_the_temporary_password_and_is_not_asked_again(
        qtbot, lang, vault, created, services):
    session, code = created
    services.users.reset_password(session.user.id, USER_PASSWORD)  # admin forgot it too
    session.close()
    relais = Relais(vault.paths, lang, vault=vault)
    login = relais.show_login()
    qtbot.addWidget(login)
    refused: list[str] = []

    def fill(dialog) -> None:
        dialog.code.setText(code)
        dialog.username.setText("admin")
        for password in (USER_PASSWORD, OWN):  # the temporary one is refused, then her own
            dialog.password.setText(password)
            dialog.confirm.setText(password)
            dialog._submit()
            if dialog.isVisible():
                refused.append(dialog.error.text())

    seen: list[str] = []
    QTimer.singleShot(0, lambda: _answer_dialogs(fill, seen))
    login._recover()  # returns once the dialog, and what the sign-in opens, are answered
    seen.append("done")
    assert seen == ["recovery", "done"]
    assert refused == [lang.tr("password.same_as_temporary")]
    assert relais.main is not None
    qtbot.addWidget(relais.main)
    relais.main.services.session.close()
    again = vault.login("admin", OWN)
    assert not again.must_change_password
    again.close()


def test_the_password_dialog_says_the_temporary_password_is_not_ones_own(
        qtbot, lang, vault, services):
    services.users.add_user("anna", Role.SOCIAL_WORKER, USER_PASSWORD)
    session = vault.login("anna", USER_PASSWORD)
    dialog = ChangePasswordDialog(lang, "anna", session.change_own_password)
    qtbot.addWidget(dialog)
    dialog.password.setText(USER_PASSWORD)
    dialog.confirm.setText(USER_PASSWORD)
    dialog._submit()
    assert dialog.error.text() == lang.tr("password.same_as_temporary")
    assert dialog.result() != dialog.DialogCode.Accepted
    assert session.must_change_password
    session.close()
