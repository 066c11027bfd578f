"""The case file's badge for open sync conflicts on its records: hidden when there are
none, a button (reached by Tab, named for screen readers) that opens the dialog."""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import QPushButton

from desktop.services import Services
from desktop.sync.conflict_view import conflict_views
from desktop.ui.language import UiLanguage


class ConflictBadge(QPushButton):
    def __init__(self, lang: UiLanguage, services: Services, case_id: uuid.UUID) -> None:
        super().__init__()
        self.lang, self.services, self.case_id = lang, services, case_id
        self.count = 0
        self.setStyleSheet("QPushButton { color: #8a4b00; font-weight: bold; }")
        self.hide()

    def refresh(self) -> None:
        session = self.services.session
        self.count = len(conflict_views(session.engine, session.actor, self.case_id))
        tr = self.lang.tr
        text = tr.plural("cases.conflicts", self.count)
        self.setText(f"⚠ {text}")
        self.setToolTip(tr("conflicts.badge_tip"))
        self.setAccessibleName(text)
        self.setVisible(self.count > 0)
