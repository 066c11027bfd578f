"""Sync in the main window, in one place: the scheduler, the state in the status bar, the
"Sync" menu with "Sync now" (F5), the sync panel, and the lists refreshed after a pull.
The main window holds one ``SyncInWindow`` and stops it before its database closes."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.sync.schedule import Timing
from desktop.ui.sync.indicator import SyncIndicator
from desktop.ui.sync.panel import SyncPanel
from desktop.ui.sync.refresh import refresh_after_pull
from desktop.ui.sync.scheduler import SyncScheduler

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SYNC_NOW_SHORTCUT = "F5"


class SyncInWindow(QObject):
    def __init__(self, window: MainWindow, timing: Timing | None = None) -> None:
        super().__init__(window)
        self.window = window
        # The conflicts and problems dialogs (desktop/ui/sync, another module): each a
        # callable taking the parent widget; the panel hides a button without one.
        self.open_conflicts: Callable[[QWidget], object] | None = None
        self.open_problems: Callable[[QWidget], object] | None = None
        self.scheduler = SyncScheduler(window.services.session, timing, self)
        self.indicator = SyncIndicator(window.lang, self.scheduler, window.status)
        self.indicator.clicked.connect(self.open_panel)
        window.status.add_sync_state(self.indicator)
        # Locked, the state stays in sight but opens nothing (the panel leads to records).
        window.pages.currentChanged.connect(
            lambda _page: self.indicator.setEnabled(not window.is_locked()))
        self.scheduler.changed.connect(self._show_configured)
        self.scheduler.pulled.connect(lambda _report: refresh_after_pull(window))
        # The Sync menu of the menu bar (before Help), which already lists conflicts and
        # refused changes: "Sync now" and the panel go first.
        self.menu = window.menus.sync_menu
        self.sync_now_action = QAction(window)
        self.sync_now_action.setShortcut(QKeySequence(SYNC_NOW_SHORTCUT))
        self.sync_now_action.triggered.connect(self.scheduler.sync_now)
        self.panel_action = QAction(window)
        self.panel_action.triggered.connect(self.open_panel)
        first = self.menu.actions()[0] if self.menu.actions() else None
        self.menu.insertActions(first, [self.sync_now_action, self.panel_action])  # type: ignore[arg-type]
        if first is not None:
            self.menu.insertSeparator(first)
        window.lang.changed.connect(self.retranslate)
        self.retranslate()
        self._show_configured()
        # What is alive once the window is built lives as long as it: out of the collector's
        # sight. A full collection, which a sync's allocations set off on the worker while
        # it holds the GIL, then does not scan it all: that froze the window for 266 ms
        # (bench/gui_stall.py). Thawed when the window closes.
        gc.freeze()

    def _show_configured(self) -> None:
        enrolled = self.scheduler.enrolled
        self.window.status.set_sync_configured(enrolled)
        self.sync_now_action.setEnabled(enrolled)
        self.panel_action.setEnabled(enrolled)

    def retranslate(self) -> None:
        tr = self.window.lang.tr
        self.sync_now_action.setText(tr("menu.sync_now"))
        self.panel_action.setText(tr("menu.sync_panel"))

    def enrolment_changed(self) -> None:
        """Call after Settings enrolled this desktop or left the organisation: the state
        shows at once, and a new enrolment syncs at once."""
        self.scheduler.reload()
        if self.scheduler.enrolled:
            self.scheduler.sync_now()

    def open_panel(self) -> SyncPanel:
        panel = SyncPanel(self.window.lang, self.scheduler, self.window,
                          self.open_conflicts, self.open_problems)
        panel.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        panel.open()
        return panel

    def stop(self) -> bool:
        stopped = self.scheduler.stop()
        gc.unfreeze()
        return stopped
