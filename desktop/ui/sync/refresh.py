"""Lists that stay true after a pull: the case list, the worklists, the search results
and every open case file show what came from the central, without a restart.

An open case file that the pull changed says so in a banner. Its refresh rewrites the
tables and the header only: what the person is typing in its forms (a note, a task, a
decision, a person dialog on top) stays as typed, and the banner says that too."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableWidget, QWidget

from desktop.ui.case_window import CaseWindow
from desktop.ui.language import UiLanguage

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

BANNER = "sync_updated_banner"


class UpdatedBanner(QWidget):
    """"Updated from another desktop", with a button to dismiss it."""

    def __init__(self, lang: UiLanguage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName(BANNER)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)  # its own colour
        self.setStyleSheet(f"#{BANNER} {{ background: #e8f1fb; border: 1px solid #9bbde3; }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.dismiss = QPushButton()
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.dismiss)
        self.kept_typing = False
        lang.changed.connect(self.retranslate)
        self.hide()

    def show_update(self, kept_typing: bool) -> None:
        self.kept_typing = kept_typing
        self.retranslate()
        self.show()

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.label.setText(tr("sync.banner.kept_typing" if self.kept_typing
                              else "sync.banner.updated"))
        self.dismiss.setText(tr("sync.banner.dismiss"))
        self.dismiss.setAccessibleName(tr("sync.banner.dismiss_name"))


def _shown(window: CaseWindow) -> tuple:
    """What the case file shows, to tell whether a refresh changed it."""
    tables = tuple(
        tuple(table.item(r, c).text() if table.item(r, c) else ""
              for r in range(table.rowCount()) for c in range(table.columnCount()))
        for table in window.findChildren(QTableWidget))
    return (window.title.text(), window.summary.text(), window.reminders.text(), tables)


def banner_of(window: CaseWindow) -> UpdatedBanner:
    """The case window's banner, put above its header the first time."""
    banner = window.findChild(UpdatedBanner, BANNER)
    if banner is None:
        banner = UpdatedBanner(window.lang, window)
        window.layout().insertWidget(0, banner)
    return banner


def refresh_case_window(window: CaseWindow) -> bool:
    """Show the case as it now is; True when it changed (the banner then says so)."""
    before = _shown(window)
    window.refresh()
    if _shown(window) == before:
        return False
    banner_of(window).show_update(kept_typing=window.unsent())
    return True


def refresh_open_cases(window: MainWindow) -> None:
    """After a change made on this desktop outside a case file (a conflict resolved or a
    refused change discarded from the Sync menu): every open case file shows it, its
    conflict badge included, without the banner that speaks of another desktop."""
    for case_window in window.findChildren(CaseWindow):
        if case_window.isVisible():
            case_window.refresh()


def refresh_after_pull(window: MainWindow) -> None:
    """Every list and open case file as the database now is; the case list keeps its
    place (the selected case and the scroll position) so a pull never throws the person
    back to the top of a long list."""
    table, model = window.table, window.model
    scrolled = table.verticalScrollBar().value()
    current = table.currentIndex()
    selected = model.case_id(current.row()) if current.isValid() else None
    window.refresh()  # the case list, its count and the worklists
    table.verticalScrollBar().setValue(scrolled)
    row = model.row_of(selected) if selected is not None else None
    if row is not None:
        table.setCurrentIndex(model.index(row, current.column()))
        table.verticalScrollBar().setValue(scrolled)  # selecting may have scrolled
    if window.home.search.text().strip():
        window.home.run_search()
    for case_window in window.findChildren(CaseWindow):
        if case_window.isVisible():
            refresh_case_window(case_window)
