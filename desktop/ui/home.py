"""The home screen: one search box for persons and cases (any spelling, file number, date
of birth, phone, document) and the worklists. Everything opens its case in one step."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.date_text import display_iso
from desktop.core.limits import QUERY_MAX
from desktop.core.matches import found_by
from desktop.services import Services
from desktop.ui.language import UiLanguage
from desktop.ui.widgets import fit_columns
from desktop.ui.worklist_table import WorklistBox

RESULT_COLUMNS = ("search.col_name", "search.col_born", "search.col_file", "search.col_why")


class HomePage(QWidget):
    open_case = Signal(object)  # case id

    def __init__(self, lang: UiLanguage, services: Services) -> None:
        super().__init__()
        self.lang, self.services = lang, services
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMaxLength(QUERY_MAX)  # what the search reads of a query (limits.py)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self.timer.start())
        self.search.returnPressed.connect(self._open_first)
        self.results = QTableWidget(0, len(RESULT_COLUMNS))
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.verticalHeader().hide()
        self.results.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.results.itemActivated.connect(self._open_result)
        self.results.hide()
        self.no_result = QLabel()
        self.no_result.hide()
        self.boxes: dict[str, WorklistBox] = {}
        self.grid = QGridLayout()
        for column in (0, 1):
            self.grid.setColumnStretch(column, 1)  # two lists side by side, equally wide
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.no_result)
        layout.addWidget(self.results, 2)
        layout.addLayout(self.grid, 3)
        lang.changed.connect(self.retranslate)
        self.retranslate()

    def run_search(self) -> None:
        text = self.search.text().strip()
        hits = self.services.search.search(text, limit=30) if text else []
        tr = self.lang.tr
        self.results.setRowCount(len(hits))
        for row, hit in enumerate(hits):
            name = hit.display_name or (tr("person.anonymised") if hit.anonymised else "")
            values = [name, display_iso(hit.birth_date, self.lang.code), hit.file_number,
                      found_by(tr, hit.matched, hit.reasons)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, hit.case_id)
                item.setToolTip(" · ".join(hit.names))
                self.results.setItem(row, column, item)
        fit_columns(self.results)
        self.results.setVisible(bool(hits))
        self.no_result.setVisible(bool(text) and not hits)

    def _open_result(self, item: QTableWidgetItem) -> None:
        case_id = item.data(Qt.ItemDataRole.UserRole)
        if case_id:
            self.open_case.emit(case_id)

    def _open_first(self) -> None:
        self.timer.stop()
        self.run_search()
        first = self.results.item(0, 0)
        if first is not None:
            self._open_result(first)

    def refresh_worklists(self) -> None:
        for index, worklist in enumerate(self.services.worklists.all()):
            if worklist.key not in self.boxes:
                box = WorklistBox(worklist.key)
                box.open_case.connect(self.open_case)
                self.grid.addWidget(box, index // 2, index % 2)
                self.boxes[worklist.key] = box
            self.boxes[worklist.key].show_list(worklist, self.lang)

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.search.setPlaceholderText(tr("search.placeholder"))
        self.search.setAccessibleName(tr("search.placeholder"))
        self.no_result.setText(tr("search.no_result"))
        self.results.setHorizontalHeaderLabels([tr(key) for key in RESULT_COLUMNS])
        self.results.setAccessibleName(tr("search.results"))
        self.refresh_worklists()
        if self.search.text().strip():
            self.run_search()
