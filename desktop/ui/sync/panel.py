"""The sync panel, opened from the status bar: where sync stands (server, last success,
what moved last time, changes waiting by kind, open conflicts, problems, the last failure
in words) and "Sync now". The conflicts and problems dialogs are another module's: they
come in as callables, and their buttons are hidden when none is given."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.sync.errors import MESSAGES, SyncError
from desktop.sync.schedule import Phase
from desktop.ui.language import UiLanguage
from desktop.ui.sync.scheduler import SyncScheduler
from desktop.ui.sync.wording import state_text, when
from desktop.ui.widgets import emphasise, error_text

Hook = Callable[[QWidget], object]


class SyncPanel(QDialog):
    def __init__(self, lang: UiLanguage, scheduler: SyncScheduler, parent: QWidget | None = None,
                 open_conflicts: Hook | None = None, open_problems: Hook | None = None) -> None:
        super().__init__(parent)
        self.lang, self.scheduler = lang, scheduler
        self._open_conflicts, self._open_problems = open_conflicts, open_problems
        self.heading = emphasise(QLabel(), 2)
        self.values = {key: QLabel() for key in (
            "state", "server", "last_success", "moved", "pending", "conflicts", "problems")}
        for label in self.values.values():
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.failure = QLabel()
        self.failure.setWordWrap(True)
        self.failure.setStyleSheet("color: #a33a00;")
        self.conflicts_button = QPushButton()
        self.conflicts_button.clicked.connect(lambda: self._open(self._open_conflicts))
        self.conflicts_button.setVisible(open_conflicts is not None)
        self.problems_button = QPushButton()
        self.problems_button.clicked.connect(lambda: self._open(self._open_problems))
        self.problems_button.setVisible(open_problems is not None)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.names: dict[str, QLabel] = {}
        for key, label in self.values.items():
            field: QWidget = label
            button = {"conflicts": self.conflicts_button,
                      "problems": self.problems_button}.get(key)
            if button is not None:
                field = QWidget()
                row = QHBoxLayout(field)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(label, 1)
                row.addWidget(button)
            self.names[key] = QLabel()
            self.form.addRow(self.names[key], field)
        self.sync_button = QPushButton()
        self.sync_button.clicked.connect(scheduler.sync_now)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(self.failure)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        scheduler.changed.connect(self.update_values)
        lang.changed.connect(self.retranslate)
        self.retranslate()
        self.sync_button.setFocus()
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    def _open(self, hook: Hook | None) -> None:
        if hook is not None:
            hook(self)

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.setWindowTitle(tr("sync.panel.title"))
        self.heading.setText(tr("sync.panel.title"))
        for key, label in self.names.items():
            label.setText(tr(f"sync.panel.{key}"))
        self.conflicts_button.setText(tr("sync.panel.open_conflicts"))
        self.problems_button.setText(tr("sync.panel.open_problems"))
        self.sync_button.setText(tr("sync.panel.sync_now"))
        self.update_values()

    def update_values(self) -> None:
        tr, scheduler = self.lang.tr, self.scheduler
        snapshot = scheduler.snapshot()
        found = scheduler.status
        self.values["state"].setText(state_text(self.lang, snapshot))
        self.values["server"].setText(found.server if found else "—")
        self.values["last_success"].setText(
            when(self.lang, snapshot.last_success) if snapshot.last_success
            else tr("sync.panel.never"))
        report = scheduler.report
        if report is None:
            self.values["moved"].setText(tr("sync.panel.nothing_yet"))
        else:
            sent = sum(n for result, n in report.pushed.items()
                       if result not in ("rejected", "deferred"))
            self.values["moved"].setText(tr(
                "sync.panel.moved_text", sent=tr.count(sent), received=tr.count(report.pulled),
                created=tr.count(report.pulled_created),
                updated=tr.count(report.pulled_updated),
                deleted=tr.count(report.pulled_deleted)))
        pending = found.pending if found else {}
        self.values["pending"].setText("\n".join(
            tr.labelled(tr(f"sync.kind.{entity}"), tr.count(n)) for entity, n in pending.items())
            or tr("sync.panel.none"))
        self.values["conflicts"].setText(tr.count(snapshot.conflicts))
        self.values["problems"].setText(tr.count(snapshot.problems))
        self.conflicts_button.setEnabled(snapshot.conflicts > 0)
        self.problems_button.setEnabled(snapshot.problems > 0)
        self.sync_button.setEnabled(scheduler.enrolled and not snapshot.running)
        message = ""
        if snapshot.error and scheduler.phase() in (Phase.OFFLINE, Phase.PROBLEM):
            if scheduler.error is not None:
                message = error_text(self.lang, scheduler.error)
            elif snapshot.error in MESSAGES:  # stored by an earlier run
                server = found.server if found else ""
                message = SyncError(snapshot.error, server=server, status="—").message(tr)
        self.failure.setText(message)
        self.failure.setVisible(bool(message))
