"""At login: the intakes this user left unfinished, to resume or discard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.date_text import display_moment
from desktop.core.drafts import DraftService, DraftSummary
from desktop.ui.language import UiLanguage
from desktop.ui.widgets import wrapped_entries


class DraftsDialog(QDialog):
    def __init__(self, lang: UiLanguage, drafts: DraftService,
                 resume: Callable[[DraftSummary], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.drafts, self.resume = lang, drafts, resume
        tr = lang.tr
        self.setWindowTitle(tr("drafts.window_title"))
        self.setMinimumWidth(560)
        intro = QLabel(tr("drafts.intro"))
        intro.setWordWrap(True)
        self.list = wrapped_entries(QListWidget())
        self.list.setAccessibleName(tr("drafts.window_title"))
        self.resume_button = QPushButton(tr("drafts.resume"))
        self.discard_button = QPushButton(tr("drafts.discard"))
        later = QPushButton(tr("drafts.later"))
        self.resume_button.clicked.connect(self._resume)
        self.discard_button.clicked.connect(self._discard)
        later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(later)
        buttons.addWidget(self.resume_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        for summary in self.drafts.mine():
            kind = self.lang.tr(f"drafts.kind_{summary.kind}")
            saved = display_moment(summary.saved_at, self.lang.code)
            label = summary.label or self.lang.tr("drafts.unnamed")
            item = QListWidgetItem(f"{label} — {kind} — {saved}")
            item.setData(Qt.ItemDataRole.UserRole, summary)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.accept()

    def _selected(self) -> DraftSummary | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _resume(self) -> None:
        summary = self._selected()
        if summary is not None:
            self.accept()
            self.resume(summary)

    def _discard(self) -> None:
        summary = self._selected()
        if summary is not None:
            self.drafts.discard(summary.draft_id)
            self.refresh()
