"""One worklist of the home screen as a table: file, person, what is due, when. Sortable by
any column; Enter or a double-click opens the case; when the list is empty it says what the
list is for, so an empty list reads as "nothing to do", not as "broken"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
)

from desktop.core.date_text import date_separator, display_date
from desktop.core.worklists import Worklist
from desktop.ui.language import UiLanguage

COLUMNS = ("worklist.col_file", "worklist.col_person", "worklist.col_what",
           "worklist.col_when")
WHEN = COLUMNS.index("worklist.col_when")
CASE_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# What each list is for, said when it is empty.
PURPOSES = {
    "worklist.my_tasks": "worklist.purpose_my_tasks",
    "worklist.expiring": "worklist.purpose_expiring",
    "worklist.no_piis": "worklist.purpose_no_piis",
    "worklist.to_complete": "worklist.purpose_to_complete",
}


def short_date(language: str, day: date) -> str:
    """A day as Relais writes it in that language everywhere (desktop/core/date_text.py):
    07/12/2026, 07.12.2026."""
    return display_date(day, language)


def short_date_pattern(language: str) -> str:
    """Qt's pattern for short_date (for date fields: QDateEdit.setDisplayFormat)."""
    sep = date_separator(language)
    return f"dd{sep}MM{sep}yyyy"


class WorklistTable(QTableView):
    open_case = Signal(object)  # case id

    def __init__(self) -> None:
        super().__init__()
        self.rows = QStandardItemModel(0, len(COLUMNS), self)
        self.rows.setSortRole(SORT_ROLE)  # dates sort as dates, names without case
        self.setModel(self.rows)
        self.setSortingEnabled(True)
        self.sortByColumn(WHEN, Qt.SortOrder.AscendingOrder)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        # The file and the date are short and whole; names and what is due share the rest
        # and are elided (whole in the tooltip), so the list never scrolls sideways.
        header = self.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch
                                        if column in (1, 2) else
                                        QHeaderView.ResizeMode.ResizeToContents)
        self.activated.connect(self._open)  # Enter, and double-click

    def show_items(self, worklist: Worklist, lang: UiLanguage) -> None:
        tr = lang.tr
        self.rows.setHorizontalHeaderLabels([tr(key) for key in COLUMNS])
        self.rows.setRowCount(0)
        for work in worklist.items:
            what = tr(work.kind, title=work.label)
            when = short_date(lang.code, work.on) if work.on else ""
            # The sync conflict badge, as in the case list.
            number = f"⚠ {work.file_number}" if work.conflicts else work.file_number
            # Every registered person has a name; only an anonymised one has none left.
            person = work.person or tr("person.anonymised")
            values = ((number, work.file_number), (person, person.casefold()),
                      (what, what.casefold()), (when, work.on.isoformat() if work.on else ""))
            row = []
            for text, key in values:
                item = QStandardItem(text)
                item.setData(key, SORT_ROLE)
                item.setData(work.case_id, CASE_ROLE)
                item.setToolTip(tr.plural("cases.conflicts", work.conflicts)
                                if work.conflicts and key == work.file_number else text)
                row.append(item)
            self.rows.appendRow(row)
        header = self.horizontalHeader()
        self.rows.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _open(self, index) -> None:
        case_id = index.data(CASE_ROLE)
        if case_id is not None:
            self.open_case.emit(case_id)


class WorklistBox(QGroupBox):
    """A titled worklist with its count; the table, or what the list is for when empty."""

    open_case = Signal(object)

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key
        self.table = WorklistTable()
        self.table.open_case.connect(self.open_case)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #555;")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        QVBoxLayout(self).addWidget(self.stack)

    def show_list(self, worklist: Worklist, lang: UiLanguage) -> None:
        tr = lang.tr
        self.setTitle(f"{tr(worklist.key)} ({tr.count(worklist.total)})")
        self.table.setAccessibleName(tr(worklist.key))
        self.table.show_items(worklist, lang)
        self.empty.setText(tr(PURPOSES[worklist.key]))
        self.stack.setCurrentWidget(self.table if worklist.items else self.empty)
