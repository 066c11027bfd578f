"""The setup wizard's way in for a computer of an organisation that exists: the server's
address and the administrator's one-time code, then the organisation, its users and its
records come down with a progress bar (desktop/sync/setup.py ``join``, off the GUI thread).

A download cut short (the window closed, the network gone) is continued, not restarted:
the wizard opens on this page again at the next start, in "continue" mode.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.core.errors import RelaisError
from desktop.store.vault import Vault
from desktop.sync import setup
from desktop.sync.client import SyncClient
from desktop.sync.device_token import DeviceToken
from desktop.sync.errors import SyncError
from desktop.ui.language import UiLanguage
from desktop.ui.sync.messages import join_error_text
from desktop.ui.tasks import Progress, TaskRunner
from desktop.ui.widgets import ErrorLabel, show_placeholder


class JoinStopped(Exception):
    """The wizard was closed: the download stops once the page being saved is saved."""


class JoinPage(QWizardPage):
    def __init__(self, lang: UiLanguage, vault: Vault, tasks: TaskRunner,
                 done: Callable[[setup.Joined], None], next_id: int) -> None:
        """``done``: given the finished join; ``next_id``: the page after it (recovery)."""
        super().__init__()
        self.lang, self.vault, self.tasks, self._on_joined = lang, vault, tasks, done
        self.next_id = next_id
        self.resuming = setup.join_pending(vault)
        self.running = False
        self.result: setup.Joined | None = None
        self._stop = threading.Event()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.server = QLineEdit()
        self.code = QLineEdit()
        self.server_label, self.code_label = QLabel(), QLabel()
        self.server_label.setBuddy(self.server)
        self.code_label.setBuddy(self.code)
        self.form = QFormLayout()
        self.form.addRow(self.server_label, self.server)
        self.form.addRow(self.code_label, self.code)
        self.progress = QProgressBar()
        self.progress.hide()
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.error = ErrorLabel()
        self.start_over = QPushButton()
        self.start_over.clicked.connect(self.abandon)
        self.start_over_hint = QLabel()
        self.start_over_hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        for widget in (self.progress, self.state, self.error):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.start_over_hint)
        layout.addWidget(self.start_over, 0, Qt.AlignmentFlag.AlignLeft)
        for field in (self.server, self.code):
            field.textChanged.connect(self.completeChanged)
        self.setCommitPage(True)  # joined is joined: no way back to the choice
        self.retranslate()

    # -- the wizard's questions -------------------------------------------------------------

    def nextId(self) -> int:
        return self.next_id

    def isComplete(self) -> bool:
        if self.running or self.result is not None:
            return self.result is not None
        if self.resuming:
            return True
        return bool(self.server.text().strip() and self.code.text().strip())

    def validatePage(self) -> bool:
        """Next starts the join and stays here; the finished join moves on by itself."""
        if self.result is not None:
            return True
        if not self.running:
            self.start()
        return False

    # -- the work ---------------------------------------------------------------------------

    def start(self) -> None:
        self.error.show_message("")
        token = DeviceToken(self.vault.paths)
        report = self._stoppable
        if self.resuming:
            def work(progress: Progress) -> setup.Joined:
                return setup.resume_join(self.vault, token, report(progress))
            shown = ""
        else:
            try:  # a malformed address is said at once, nothing sent
                client = SyncClient(self.server.text())
            except SyncError as error:
                self.error.show_message(join_error_text(self.lang, error))
                self.server.setFocus()
                return
            code = self.code.text().strip()

            def work(progress: Progress) -> setup.Joined:
                return setup.join(self.vault, client, token, code, report(progress))
            shown = client.server.shown
        self._stop.clear()
        self._running(True, shown)
        self.tasks.run(work, self._done, self._failed, self._progress, owner=self)

    def stop(self) -> None:
        """The window is closing: the download stops after the page it is saving."""
        self._stop.set()

    def abandon(self) -> None:
        """Empty the half-filled data folder, so that a new code can be used."""
        try:
            setup.abandon_join(self.vault, DeviceToken(self.vault.paths))
        except (RelaisError, OSError) as error:
            self.error.show_message(join_error_text(self.lang, error))
            return
        self.resuming = False
        self.error.show_message("")
        self.state.setText("")
        self.progress.hide()
        self.retranslate()
        self.completeChanged.emit()
        self.server.setFocus()

    def _stoppable(self, progress: Progress) -> Progress:
        def report(done: int, total: int) -> None:
            if self._stop.is_set():
                raise JoinStopped
            progress(done, total)
        return report

    def _running(self, on: bool, server: str = "") -> None:
        self.running = on
        for widget in (self.server, self.code, self.start_over):
            widget.setEnabled(not on)
        if on:
            self.progress.setRange(0, 0)  # busy until the first page says how many
            self.progress.show()
            self.state.setText(self.lang.tr("setup.join_connecting", server=server)
                               if server else self.lang.tr("setup.join_continuing"))
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not on)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(True)

    def _progress(self, done: int, total: int) -> None:
        tr = self.lang.tr
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.state.setText(tr("setup.join_progress", done=tr.count(done),
                                  total=tr.count(total)))
        else:
            self.progress.setRange(0, 0)
            self.state.setText(tr("setup.join_progress_unknown", done=tr.count(done)))

    def _done(self, joined: setup.Joined) -> None:
        self.result = joined
        self._running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._on_joined(joined)
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _failed(self, error: BaseException) -> None:
        self._running(False)
        if isinstance(error, JoinStopped):
            return
        message = join_error_text(self.lang, error)
        if setup.join_pending(self.vault):
            # Cut after the code was used: what came down is kept, and continued. The
            # wizard starts again here, so no Back leads to a setup that cannot be done.
            self.resuming = True
            self.retranslate()
            wizard = self.wizard()
            if wizard is not None and wizard.startId() != wizard.currentId():
                wizard.setStartId(wizard.currentId())
                wizard.restart()
            if not (isinstance(error, RelaisError) and error.key == "sync.join_key_lost"):
                message += "\n\n" + self.lang.tr("setup.join_interrupted")
        else:
            self.progress.hide()
            self.state.setText("")
        self.error.show_message(message)
        self.completeChanged.emit()

    # -- words ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        tr = self.lang.tr
        resuming = self.resuming
        self.setTitle(tr("setup.join_resume_title" if resuming else "setup.join_title"))
        self.intro.setText(tr("setup.join_resume_intro" if resuming else "setup.join_intro"))
        self.server_label.setText(tr("setup.join_server"))
        self.code_label.setText(tr("setup.join_code"))
        show_placeholder(self.server, tr("setup.join_server_placeholder"))
        show_placeholder(self.code, tr("setup.join_code_placeholder"))
        self.server.setAccessibleName(tr("setup.join_server"))
        self.code.setAccessibleName(tr("setup.join_code"))
        self.progress.setAccessibleName(tr("setup.join_progress_name"))
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, not resuming)
        self.start_over.setText(tr("setup.join_start_over"))
        self.start_over_hint.setText(tr("setup.join_start_over_hint"))
        self.start_over.setVisible(resuming)
        self.start_over_hint.setVisible(resuming)
        self.setButtonText(QWizard.WizardButton.CommitButton,
                           tr("setup.join_continue" if resuming else "setup.join_start"))
