"""The sync state in the status bar: a flat button (reachable with Tab, named for screen
readers) that says offline / syncing / up to date / problem and how many changes wait,
and opens the sync panel.

On a narrow window it gives way like the status bar's own text: a shorter wording, then
whole words dropped for "…", never widening the window; the full sentence as tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget

from desktop.sync.schedule import Phase, phase
from desktop.ui.language import UiLanguage
from desktop.ui.status_bar import ELLIPSIS, elide_words
from desktop.ui.sync.scheduler import SyncScheduler
from desktop.ui.sync.wording import short_text, status_text

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
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._wordings: tuple[str, ...] = ("",)
        scheduler.changed.connect(self.update_text)
        lang.changed.connect(self.update_text)
        self.update_text()

    def full_text(self) -> str:
        return self._wordings[0]

    def update_text(self) -> None:
        self.setVisible(self.scheduler.enrolled)
        snapshot = self.scheduler.snapshot()
        shown = phase(snapshot)
        mark = MARKS[shown]
        full = status_text(self.lang, snapshot)
        self._wordings = (f"{mark} {full}", f"{mark} {short_text(self.lang, snapshot)}")
        colour = COLOURS.get(shown)
        # Left-aligned: the words stay where the status bar's own text starts.
        self.setStyleSheet("text-align: left; padding: 0 4px;"
                           + (f" color: {colour};" if colour else ""))
        tr = self.lang.tr
        self.setAccessibleName(tr("sync.indicator.name"))
        self.setAccessibleDescription(full)
        self.updateGeometry()
        self._fit()

    # -- giving way on a narrow window ----------------------------------------------------

    def _width_of(self, text: str) -> int:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = text
        size = self.fontMetrics().size(Qt.TextFlag.TextShowMnemonic, text)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_PushButton, option,
                                             size, self).width()

    def sizeHint(self) -> QSize:
        return QSize(self._width_of(self.full_text()), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._width_of(ELLIPSIS), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        def fits(text: str) -> bool:
            return self._width_of(text) <= self.width()

        text = next((w for w in self._wordings if fits(w)), None)
        if text is None:
            text = elide_words(self._wordings[-1], fits)
        self.setText(text)
        tip = self.lang.tr("sync.indicator.tip")
        self.setToolTip(tip if text == self.full_text() else f"{self.full_text()}\n{tip}")
