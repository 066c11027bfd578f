"""Merge another record of the same person into the one selected in a case file: find it by
any spelling, see why it looks the same, confirm."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.date_text import display_iso
from desktop.core.matches import describe_all
from desktop.services import Services
from desktop.ui.enter_key import is_plain_enter
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.widgets import (
    ErrorLabel,
    error_text,
    show_placeholder,
    wrapped_entries,
)


class MergeDialog(QDialog):
    def __init__(self, lang: UiLanguage, services: Services, keep_id: uuid.UUID,
                 keep_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.keep_id = lang, services, keep_id
        tr = lang.tr
        self.setWindowTitle(tr("merge.window_title"))
        intro = QLabel(tr("merge.intro", name=keep_name))
        intro.setWordWrap(True)
        self.search = QLineEdit()
        show_placeholder(self.search, tr("search.placeholder"))
        self.search.setAccessibleName(tr("search.placeholder"))
        # Searched as typed, like the home search; Enter searches at once (keyPressEvent).
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(250)
        self.timer.timeout.connect(self.find)
        self.search.textChanged.connect(self._typed)
        self.results = wrapped_entries(QListWidget())
        self.results.setAccessibleName(tr("merge.window_title"))
        self.no_result = QLabel(tr("search.no_result"))
        self.no_result.hide()
        self.error = ErrorLabel()
        self.merge_button = QPushButton(tr("merge.confirm"))
        self.merge_button.clicked.connect(self.merge)
        self.merge_button.setEnabled(False)
        cancel = QPushButton(tr("setup.cancel"))
        cancel.clicked.connect(self.reject)
        for button in (cancel, self.merge_button):
            # Neither button is pressed by Enter: a merge is confirmed by a click only.
            button.setAutoDefault(False)
            button.setDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.merge_button)
        layout = QVBoxLayout(self)
        for widget in (intro, self.search, self.no_result, self.results, self.error):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        fit_to_screen(self, 620, 420)

    def _typed(self, _text: str) -> None:
        self.timer.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if is_plain_enter(event) and self.focusWidget() is not self.merge_button:
            # Enter searches now; it never closes the dialog nor merges.
            self.timer.stop()
            self.find()
            event.accept()
            return
        super().keyPressEvent(event)

    def find(self) -> None:
        self.timer.stop()
        self.results.clear()
        text = self.search.text().strip()
        hits = self.services.search.search(text, limit=20) if text else []
        for hit in hits:
            if hit.person_id == self.keep_id:
                continue
            # What it was found by, so a near namesake is not merged by mistake.
            found_by = describe_all(self.lang.tr, hit.matched)
            name = hit.display_name or self.lang.tr("person.anonymised")
            item = QListWidgetItem(" — ".join(part for part in (
                name, display_iso(hit.birth_date, self.lang.code), hit.file_number or "-",
                found_by) if part))
            item.setData(Qt.ItemDataRole.UserRole, hit.person_id)
            self.results.addItem(item)
        self.results.setCurrentRow(0)
        self.no_result.setVisible(bool(text) and self.results.count() == 0)
        self.merge_button.setEnabled(self.results.count() > 0)

    def merge(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        try:
            differing = self.services.merge.merge(self.keep_id,
                                                  item.data(Qt.ItemDataRole.UserRole))
        except Exception as exc:  # noqa: BLE001 (said in the dialog)
            self.error.show_message(error_text(self.lang, exc))
            return
        self.differing = differing
        self.accept()
