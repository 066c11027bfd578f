"""The settings' sync section, for administrators: connect this desktop to the central
(desktop/sync/setup.py ``enrol`` and a first sync, off the GUI thread), or see where it
syncs and leave (``leave``, after a question that says what is lost)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.date_text import display_moment
from desktop.sync import setup
from desktop.sync.client import SyncClient
from desktop.sync.conflicts import Status, status
from desktop.sync.device_token import DeviceToken
from desktop.sync.engine import SyncEngine
from desktop.sync.errors import SyncError
from desktop.ui.language import UiLanguage
from desktop.ui.tasks import Progress, TaskRunner
from desktop.ui.widgets import ErrorLabel, PasswordField, error_text, show_placeholder

if TYPE_CHECKING:
    from datetime import datetime

    from desktop.store.database import WorkSession


@dataclass(frozen=True)
class Connected:
    server: str
    queued: int
    sync_error: SyncError | None  # enrolled, but the first sync did not finish


class SyncSection(QGroupBox):
    # Connected or left: the window's sync state follows at once.
    enrolment_changed = Signal()

    def __init__(self, lang: UiLanguage, session: WorkSession, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.session, self.tasks = lang, session, tasks
        self.token = DeviceToken(session.vault.paths)
        self.running = False
        self.question: QMessageBox | None = None
        tr = lang.tr
        self.setTitle(tr("settings.sync_title"))
        # Not enrolled: the three things enrolment needs.
        self.enrol_box = QWidget()
        self.intro = QLabel(tr("settings.sync_not_enrolled"))
        self.intro.setWordWrap(True)
        self.server = QLineEdit()
        self.code = QLineEdit()
        self.password = PasswordField()
        show_placeholder(self.server, tr("setup.join_server_placeholder"))
        show_placeholder(self.code, tr("setup.join_code_placeholder"))
        form = QFormLayout()
        for key, field in (("setup.join_server", self.server), ("setup.join_code", self.code),
                           ("settings.sync_password", self.password)):
            label = QLabel(tr(key))
            label.setBuddy(field)
            field.setAccessibleName(tr(key))
            form.addRow(label, field)
            field.textChanged.connect(self._typed)
        self.connect_button = QPushButton(tr("settings.sync_connect"))
        self.connect_button.clicked.connect(self.connect_to_central)
        self.connect_button.setEnabled(False)
        column = QVBoxLayout(self.enrol_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.intro)
        column.addLayout(form)
        column.addWidget(self.connect_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Enrolled: where it syncs, and the way out.
        self.enrolled_box = QWidget()
        self.shown_server, self.device, self.series, self.last_success = (
            QLabel() for _ in range(4))
        details = QFormLayout()
        for key, label in (("settings.sync_server", self.shown_server),
                           ("settings.sync_device", self.device),
                           ("settings.sync_series", self.series),
                           ("settings.sync_last_success", self.last_success)):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            details.addRow(tr(key), label)
        self.leave_button = QPushButton(tr("settings.sync_leave"))
        self.leave_button.clicked.connect(self.ask_to_leave)
        column = QVBoxLayout(self.enrolled_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(details)
        column.addWidget(self.leave_button, 0, Qt.AlignmentFlag.AlignLeft)
        # Either way: what is happening, and what went wrong.
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # sending a whole database has no page count to show
        self.progress.setAccessibleName(tr("settings.sync_progress_name"))
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.hide()
        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        for widget in (self.enrol_box, self.enrolled_box, self.progress, self.message,
                       self.error):
            layout.addWidget(widget)
        self.refresh()

    # -- what is shown ----------------------------------------------------------------------

    def refresh(self) -> Status | None:
        found = status(self.session.engine)
        self.enrol_box.setVisible(found is None)
        self.enrolled_box.setVisible(found is not None)
        if found is not None:
            tr = self.lang.tr
            self.shown_server.setText(found.server)
            self.device.setText(found.device)
            self.series.setText(found.series or tr("settings.sync_series_none"))
            self.last_success.setText(self._when(found.last_success) if found.last_success
                                      else tr("settings.sync_never"))
        return found

    def _when(self, moment: datetime) -> str:
        # As the person's language writes a date and time, in this computer's time zone.
        return display_moment(moment, self.lang.code)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _typed(self) -> None:
        self.connect_button.setEnabled(not self.running and all(
            field.text().strip() for field in (self.server, self.code, self.password)))

    def _busy(self, on: bool) -> None:
        self.running = on
        self.progress.setVisible(on)
        for widget in (self.server, self.code, self.password, self.leave_button):
            widget.setEnabled(not on)
        self._typed()

    # -- connect ----------------------------------------------------------------------------

    def connect_to_central(self) -> None:
        if self.running:
            return
        self.error.show_message("")
        try:  # a malformed address is said at once, nothing sent
            client = SyncClient(self.server.text())
        except SyncError as error:
            self.error.show_message(error_text(self.lang, error))
            self.server.setFocus()
            return
        code, password = self.code.text().strip(), self.password.text()
        session, token = self.session, self.token

        def work(_progress: Progress) -> Connected:
            _, queued = setup.enrol(session, client, token, code, password)
            try:  # the first sync sends everything; should it fail, the next one will
                SyncEngine(session.engine, SyncClient(client.server, token.require(),
                                                      ssl_context=client.ssl_context)).run()
                session.refresh_sealed_keys()
            except SyncError as error:
                return Connected(client.server.shown, queued, error)
            return Connected(client.server.shown, queued, None)

        self._busy(True)
        self._say(self.lang.tr("settings.sync_connecting", server=client.server.shown))
        self.tasks.run(work, self._connected, self._failed, owner=self)

    def _connected(self, done: Connected) -> None:
        self._busy(False)
        self.password.clear()  # not kept in a widget longer than needed
        self.code.clear()
        self.refresh()
        tr = self.lang.tr
        text = tr("settings.sync_connected", server=done.server)
        if done.sync_error is not None:
            text += " " + tr("settings.sync_first_sync_failed",
                             reason=error_text(self.lang, done.sync_error))
        self._say(text)
        self.enrolment_changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self._say("")
        self.refresh()
        self.error.show_message(error_text(self.lang, error))

    # -- leave ------------------------------------------------------------------------------

    def ask_to_leave(self) -> QMessageBox | None:
        """Window-modal: the settings stay as they are behind the question."""
        found = self.refresh()
        if found is None or self.running:
            return None
        tr = self.lang.tr
        unsent = sum(found.pending.values()) + len(found.problems)
        box = QMessageBox(QMessageBox.Icon.Warning, tr("settings.sync_leave_title"),
                          tr("settings.sync_leave_question", server=found.server,
                             n=tr.count(unsent)),
                          QMessageBox.StandardButton.NoButton, self)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirm_leave = box.addButton(tr("settings.sync_leave_confirm"),
                                           QMessageBox.ButtonRole.DestructiveRole)
        self.keep_syncing = box.addButton(tr("settings.sync_leave_keep"),
                                          QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.keep_syncing)  # Enter or Escape changes nothing
        box.setEscapeButton(self.keep_syncing)

        def answered(button: QAbstractButton) -> None:
            self.question = None
            if button is self.confirm_leave:
                self.leave()

        box.buttonClicked.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.question = box
        box.open()
        return box

    def leave(self) -> None:
        """On the worker, after any sync it is running: never half-way through one."""
        self.error.show_message("")
        session, token = self.session, self.token
        self._busy(True)
        self.tasks.run(lambda _progress: setup.leave(session, token), self._left,
                       self._failed, owner=self)

    def _left(self, unsent: int) -> None:
        self._busy(False)
        self.refresh()
        self._say(self.lang.tr("settings.sync_left", n=self.lang.tr.count(unsent)))
        self.enrolment_changed.emit()
