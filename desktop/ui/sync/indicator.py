"""The sync state in the status bar: a flat button (reachable with Tab, named for screen
readers) that says offline / syncing / up to date / problem and how many changes wait,
and opens the sync panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from desktop.sync.schedule import Phase, phase
from desktop.ui.language import UiLanguage
from desktop.ui.sync.scheduler import SyncScheduler
from desktop.ui.sync.wording import status_text

# A mark before the words, so the state reads at a glance without relying on colour only.
MARKS = {Phase.SYNCING: "⟳", Phase.UP_TO_DATE: "✓", Phase.WAITING: "•",
         Phase.OFFLINE: "⨯", Phase.PROBLEM: "⚠"}
COLOURS = {Phase.OFFLINE: "#555", Phase.PROBLEM: "#a33a00"}


class SyncIndicator(QPushButton):
    def __init__(self, lang: UiLanguage, scheduler: SyncScheduler,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.scheduler = lang, scheduler
        self.setFlat(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        scheduler.changed.connect(self.update_text)
        lang.changed.connect(self.update_text)
        self.update_text()

    def update_text(self) -> None:
        self.setVisible(self.scheduler.enrolled)
        snapshot = self.scheduler.snapshot()
        shown = phase(snapshot)
        text = status_text(self.lang, snapshot)
        self.setText(f"{MARKS[shown]} {text}")
        colour = COLOURS.get(shown)
        self.setStyleSheet(f"color: {colour};" if colour else "")
        tr = self.lang.tr
        self.setAccessibleName(tr("sync.indicator.name"))
        self.setAccessibleDescription(text)
        self.setToolTip(tr("sync.indicator.tip"))
