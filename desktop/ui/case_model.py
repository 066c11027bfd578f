"""The case list as a Qt model that keeps only ids and loads rows in blocks when shown
(the pattern of Anki's browser table), so 100,000 persons scroll without a stall."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.caselist import CaseListService, CaseRow
from desktop.core.enums import CaseStatus
from desktop.ui.language import UiLanguage

COLUMNS = ("file_number", "name", "members", "status", "opened_on", "worker")
BLOCK = 100
CACHE_ROWS = 3000
Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    def __init__(self, cases: CaseListService, lang: UiLanguage) -> None:
        super().__init__()
        self.cases, self.lang = cases, lang
        self._ids: list[str] = []
        self._cache: OrderedDict[str, CaseRow] = OrderedDict()
        self._loaded = False
        self.sort_key, self.descending = "file_number", False
        self.filter_text = ""
        self.status: CaseStatus | None = None
        self.total = 0
        lang.changed.connect(self._relabel)

    # -- queries ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._loaded = True
        self.beginResetModel()
        self._ids = self.cases.ids(self.sort_key, self.descending, self.filter_text, self.status)
        self._cache.clear()
        self.total = self.cases.count()
        self.endResetModel()

    def set_filter(self, text: str, status: CaseStatus | None) -> None:
        self.filter_text, self.status = text, status
        self.reload()

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key, descending = COLUMNS[column], order == Qt.SortOrder.DescendingOrder
        if self._loaded and (key, descending) == (self.sort_key, self.descending):
            return  # the view re-sorting to the same order costs nothing
        self.sort_key, self.descending = key, descending
        self.reload()

    def case_id(self, row: int) -> uuid.UUID:
        return uuid.UUID(hex=self._ids[row])

    def row_of(self, case_id: uuid.UUID) -> int | None:
        """The row of a case in the current order and filter (None when not listed)."""
        try:
            return self._ids.index(case_id.hex)
        except ValueError:
            return None

    def _row(self, row: int) -> CaseRow | None:
        case_id = self._ids[row]
        found = self._cache.get(case_id)
        if found is None:
            start = (row // BLOCK) * BLOCK
            block = self._ids[start : start + BLOCK]
            self._cache.update(self.cases.rows(block))
            while len(self._cache) > CACHE_ROWS:
                self._cache.popitem(last=False)
            found = self._cache.get(case_id)
        return found

    # -- Qt model API -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = COLUMNS[index.column()]
        if column == "file_number":
            return row.file_number
        if column == "name":
            if row.head_anonymised and not row.head_name:
                return self.lang.tr("person.anonymised")
            return row.head_name
        if column == "members":
            return str(row.members)
        if column == "status":
            tr = self.lang.tr
            text = tr.choice("case_status", row.status)
            if row.to_be_completed:
                text = f"{text} · {tr('cases.to_be_completed')}"
            # The sync conflict badge, read by screen readers as words too.
            return f"⚠ {tr.plural('cases.conflicts', row.conflicts)} · {text}" \
                if row.conflicts else text
        if column == "opened_on":
            return self.lang.tr.date(row.opened_on)
        return row.worker

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.lang.tr(f"cases.column_{COLUMNS[section]}")
        return None

    def _relabel(self, _lang: str) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1,
                                                               len(COLUMNS) - 1))
