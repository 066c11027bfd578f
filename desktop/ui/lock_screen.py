"""Lock after idle time on shared office PCs. The work underneath stays as it was: the lock
screen covers it, nothing is closed or cleared."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.errors import RelaisError
from desktop.ui.language import UiLanguage
from desktop.ui.widgets import ErrorLabel, PasswordField, emphasise

_ACTIVITY = {
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin,
}  # fmt: skip


class IdleWatcher(QObject):
    """Application-wide event filter: any key or mouse activity restarts the idle timer."""

    idle = Signal()

    def __init__(self, minutes: int) -> None:
        super().__init__()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = minutes
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY and self.minutes > 0:
            self.timer.start(self.minutes * 60_000)
        return False


class LockScreen(QWidget):
    unlocked = Signal()
    sign_out = Signal()

    def __init__(self, lang: UiLanguage, confirm: Callable[[str], None], username: str) -> None:
        super().__init__()
        self.lang, self.confirm, self.username = lang, confirm, username
        self.title = QLabel()
        emphasise(self.title, 6)
        self.hint = QLabel()
        self.password = PasswordField()
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.sign_out_button = QPushButton()
        self.error = ErrorLabel()
        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.hint)
        box.addWidget(self.password)
        box.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.sign_out_button)
        row.addStretch(1)
        row.addWidget(self.unlock_button)
        box.addLayout(row)
        row_of_box = QHBoxLayout()
        row_of_box.addStretch(1)
        row_of_box.addLayout(box, 2)
        row_of_box.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row_of_box)
        outer.addStretch(2)
        self.unlock_button.clicked.connect(self._try)
        self.password.returnPressed.connect(self._try)
        self.sign_out_button.clicked.connect(self.sign_out)
        lang.changed.connect(self.retranslate)
        self.retranslate()

    def _try(self) -> None:
        try:
            self.confirm(self.password.text())
        except RelaisError as error:
            key = "lock.wrong_password" if error.key == "auth.wrong_credentials" else None
            self.error.show_message(self.lang.tr(key) if key else error.message(self.lang.tr))
            self.password.selectAll()
            return
        self.password.clear()
        self.error.show_message("")
        self.unlocked.emit()

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.title.setText(tr("lock.title"))
        self.hint.setText(tr("lock.hint", username=self.username))
        self.password.setAccessibleName(tr("login.password"))
        self.unlock_button.setText(tr("lock.unlock"))
        self.sign_out_button.setText(tr("lock.sign_out"))
