"""Sign in: user name and password; three wrong passwords impose a short wait."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import RelaisError
from desktop.core.i18n import LANGUAGE_NAMES, LANGUAGES
from desktop.core.passwords import normalise_username
from desktop.store.vault import Vault
from desktop.ui.language import UiLanguage
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, PasswordField, PasswordRules, emphasise, error_text

if TYPE_CHECKING:
    from desktop.store.database import WorkSession


# The widest recovery code: eight groups of four of the widest letter.
RECOVERY_CODE_SAMPLE = "-".join(["WWWW"] * 8)


def fit_text(field: QLineEdit, sample: str) -> None:
    """Wide enough to show ``sample`` whole (frame and the line edit's own margins included)."""
    frame = field.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, field)
    margins = field.textMargins()
    field.setMinimumWidth(field.fontMetrics().horizontalAdvance(sample) + 2 * frame + 4
                          + margins.left() + margins.right() + 2)


class LanguagePicker(QComboBox):
    def __init__(self, lang: UiLanguage) -> None:
        super().__init__()
        self.lang = lang
        for code in LANGUAGES:
            self.addItem(LANGUAGE_NAMES[code], code)
        self.setCurrentIndex(LANGUAGES.index(lang.code))
        self.currentIndexChanged.connect(self._choose)
        # A bound method, not a lambda: Qt then drops the connection when this picker is
        # deleted (after a logout), instead of calling into a dead widget.
        lang.changed.connect(self._follow)

    def _choose(self, index: int) -> None:
        self.lang.set_language(self.itemData(index))

    def _follow(self, code: str) -> None:
        self.setCurrentIndex(LANGUAGES.index(code))


class LoginWindow(QWidget):
    signed_in = Signal(object)  # WorkSession

    def __init__(self, lang: UiLanguage, vault: Vault, tasks: TaskRunner, username: str = "",
                 organisation: str = "") -> None:
        super().__init__()
        self.lang, self.vault, self.tasks = lang, vault, tasks
        self.language_chosen = False  # set when the person picks a language here
        self._error: BaseException | None = None
        self.heading = QLabel(organisation or "Relais")
        emphasise(self.heading, 4)
        self.picker = LanguagePicker(lang)
        self.picker.activated.connect(self._language_picked)
        self.username = QLineEdit(username)
        self.password = PasswordField()
        self.sign_in = QPushButton()
        self.sign_in.setDefault(True)
        self.forgot = QPushButton()
        self.forgot.setFlat(True)
        # for when nobody can sign in any more: a missing or broken database (restore_dialog)
        self.restore = QPushButton()
        self.restore.setFlat(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.error = ErrorLabel()
        self.username_label, self.password_label = QLabel(), QLabel()
        self.username_label.setBuddy(self.username)
        self.password_label.setBuddy(self.password)
        form = QFormLayout()
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.picker)
        buttons = QHBoxLayout()
        buttons.addWidget(self.forgot)
        buttons.addWidget(self.restore)
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(12)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.sign_in.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.forgot.clicked.connect(self._recover)
        self.restore.clicked.connect(self.open_restore)
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)
        self.setMinimumWidth(460)
        lang.changed.connect(self.retranslate)
        self.retranslate()
        (self.password if username else self.username).setFocus()
        self._tick()

    def submit(self) -> None:
        if not self.sign_in.isEnabled():
            return
        username, password = self.username.text(), self.password.text()
        if not normalise_username(username) or not password:
            self._show_error(RelaisError("login.fill_both"))
            return
        self._busy(True)
        self.tasks.run(lambda _progress: self.vault.login(username, password),
                       self._succeeded, self._failed)

    def _language_picked(self, _index: int) -> None:
        self.language_chosen = True

    def _succeeded(self, session: WorkSession) -> None:
        self._busy(False)
        self.password.clear()
        self._show_error(None)
        self.signed_in.emit(session)

    def _show_error(self, error: BaseException | None) -> None:
        """Kept so that a change of language re-renders the message too."""
        self._error = error
        self.error.show_message(error_text(self.lang, error) if error else "")
        self._fit_height()

    def _fit_height(self) -> None:
        """A message of several lines (a damaged database, a restore) is shown whole: the
        window grows to the height its layout needs at its width."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._show_error(error)
        self.password.selectAll()
        self.password.setFocus()
        if isinstance(error, RelaisError) and error.key in ("auth.locked",
                                                            "auth.wrong_credentials"):
            self._tick()

    def _busy(self, busy: bool) -> None:
        self.sign_in.setEnabled(not busy)
        self.sign_in.setText(self.lang.tr("login.signing_in" if busy else "login.sign_in"))

    def _tick(self) -> None:
        """While locked out, show the remaining wait and keep the button disabled."""
        try:
            remaining = self.vault.lockout_remaining(self.username.text())
        except RelaisError:
            remaining = 0
        if remaining > 0:
            self.sign_in.setEnabled(False)
            self._show_error(RelaisError("auth.locked", n=int(remaining) + 1))
            if not self.countdown.isActive():
                self.countdown.start()
        elif self.countdown.isActive():
            self.countdown.stop()
            self.sign_in.setEnabled(True)
            self._show_error(None)

    def _recover(self) -> None:
        dialog = RecoveryDialog(self.lang, self.vault, self.username.text(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.session is not None:
            self.signed_in.emit(dialog.session)

    def open_restore(self) -> QDialog:
        from desktop.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.lang, self.vault.paths, self.tasks, self.username.text(),
                               self)
        dialog.accepted.connect(self._restored)
        dialog.open()
        return dialog

    def apply_restore(self, request: tuple) -> None:
        """A restore confirmed in the window, run now that its session is closed."""
        from desktop.ui.restore_dialog import run_restore

        path, data_key, username = request
        self.sign_in.setEnabled(False)
        self._say(self.lang.tr("restore.running"))
        run_restore(self.tasks, self.vault.paths, path, data_key, username,
                    lambda _restored: self._restored(), self._restore_failed, self)

    def _restored(self) -> None:
        self.sign_in.setEnabled(True)
        self._show_error(None)
        self._say(self.lang.tr("restore.done"))
        self.password.clear()
        self.password.setFocus()

    def _restore_failed(self, error: BaseException) -> None:
        self.sign_in.setEnabled(True)
        self._say("")
        self._show_error(error)

    def _say(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))
        self._fit_height()

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.setWindowTitle(tr("login.window_title"))
        self.restore.setText(tr("login.restore"))
        self.username_label.setText(tr("login.username"))
        self.password_label.setText(tr("login.password"))
        self.username.setAccessibleName(tr("login.username"))
        self.password.setAccessibleName(tr("login.password"))
        self.sign_in.setText(tr("login.sign_in"))
        self.forgot.setText(tr("login.forgot"))
        self.picker.setAccessibleName(tr("settings.language"))
        self._show_error(self._error)


class RecoveryDialog(QDialog):
    """Lost password: the recovery code from the sheet plus a new password."""

    def __init__(self, lang: UiLanguage, vault: Vault, username: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.lang, self.vault = lang, vault
        self.session: WorkSession | None = None
        tr = lang.tr
        self.setWindowTitle(tr("recovery.window_title"))
        self.intro = QLabel(tr("recovery.intro"))
        self.intro.setWordWrap(True)
        self.code = QLineEdit()
        self.code.setAccessibleName(tr("recovery.code"))
        fit_text(self.code, RECOVERY_CODE_SAMPLE)
        self.username = QLineEdit(username)
        self.password, self.confirm = PasswordField(), PasswordField()
        self.rules = PasswordRules(lang)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(tr("recovery.code"), self.code)
        form.addRow(tr("login.username"), self.username)
        form.addRow(tr("setup.password"), self.password)
        form.addRow(tr("setup.confirm_password"), self.confirm)
        # Our own button, not a relabelled Ok: Qt renames standard buttons to "OK" when the
        # interface language changes (a LanguageChange event), and ours must keep its words.
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.submit_button = self.buttons.addButton(tr("recovery.submit"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit_button.setDefault(True)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.rules)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for field in (self.username, self.password):
            field.textChanged.connect(
                lambda _t: self.rules.update_rules(self.password.text(),
                                                   normalise_username(self.username.text())))

    def _submit(self) -> None:
        if self.password.text() != self.confirm.text():
            self.error.show_message(self.lang.tr("password.mismatch"))
            return
        try:
            self.session = self.vault.recover(self.code.text(), self.username.text(),
                                              self.password.text())
        except Exception as exc:  # noqa: BLE001 (shown to the user next to the fields)
            self.error.show_message(error_text(self.lang, exc))
            return
        self.accept()


class ChangePasswordDialog(QDialog):
    """Asked at first login after an administrator set a temporary password."""

    def __init__(self, lang: UiLanguage, username: str, change, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang, self.username, self.change = lang, username, change
        tr = lang.tr
        self.setWindowTitle(tr("password.change_title"))
        self.intro = intro = QLabel(tr("password.change_intro"))
        intro.setWordWrap(True)
        self.password, self.confirm = PasswordField(), PasswordField()
        self.password.setAccessibleName(tr("setup.password"))
        self.rules = PasswordRules(lang)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow(tr("setup.password"), self.password)
        form.addRow(tr("setup.confirm_password"), self.confirm)
        # Our own button, not a relabelled Ok: the language change just before this dialog
        # (the user's saved language) reaches it as a LanguageChange event, on which Qt
        # renames standard buttons back to "OK".
        buttons = QDialogButtonBox()
        self.submit_button = buttons.addButton(tr("password.change_submit"),
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit_button.setDefault(True)
        buttons.accepted.connect(self._submit)
        # Room to read: the intro wraps at a comfortable width and never shares its space
        # with the fields; the dialog grows (never squeezes the intro) when an error shows.
        intro.setMinimumWidth(intro.fontMetrics().averageCharWidth() * 52)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.rules)
        layout.addSpacing(4)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.password.textChanged.connect(lambda text: self.rules.update_rules(text, username))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.adjustSize()

    def _submit(self) -> None:
        if self.password.text() != self.confirm.text():
            self._say(self.lang.tr("password.mismatch"))
            return
        try:
            self.change(self.password.text())
        except Exception as exc:  # noqa: BLE001 (shown to the user next to the fields)
            self._say(error_text(self.lang, exc))
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.error.show_message(text)
        self.adjustSize()  # taller with the message, rather than squeezing the intro
