"""The main window's status bar: the state of sync on the left (and short messages in its
place), the number of case files and the signed-in user on the right, told apart by a line.

The left side takes what room is left, which on a small laptop in German or Ukrainian is
less than its sentence: it then shows a shorter wording, else drops whole words for "…",
never cutting a word, with the full sentence as tooltip."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QStatusBar, QWidget

from desktop.core.i18n import Translator
from desktop.core.roles import Actor

ELLIPSIS = "…"
# What may hang at the end of a shortened sentence before "…" ("eingerichtet —…").
DANGLING = " \u00a0\u202f—–-:;,"


def elide_words(text: str, fits: Callable[[str], bool]) -> str:
    """``text`` if it fits, else as many of its first words as fit followed by "…" (only
    "…" when not even the first word does)."""
    if fits(text):
        return text
    words = text.split(" ")
    for end in range(len(words) - 1, 0, -1):
        shortened = " ".join(words[:end]).rstrip(DANGLING) + ELLIPSIS
        if fits(shortened):
            return shortened
    return ELLIPSIS


class WordElidedLabel(QLabel):
    """One line that gives way at narrow widths without cutting a word: the first of its
    wordings (longest first) that fits, else the last one shortened by whole words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wordings: tuple[str, ...] = ("",)
        # Its minimum is "…": the status bar may give it less than its sentence.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_wordings(self, *wordings: str) -> None:
        self._wordings = wordings or ("",)
        self.setToolTip("")
        self._fit()

    def full_text(self) -> str:
        return self._wordings[0]

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(self._advance(self.full_text()), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(self._advance(ELLIPSIS), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _advance(self, text: str) -> int:
        margins = self.contentsMargins()
        return self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 2

    def _fit(self) -> None:
        def fits(text: str) -> bool:
            return self._advance(text) <= self.width()

        shown = next((w for w in self._wordings if fits(w)), None)
        if shown is None:
            shown = elide_words(self._wordings[-1], fits)
        self.setText(shown)
        # The whole sentence stays one hover away whenever less of it is shown.
        self.setToolTip("" if shown == self.full_text() else self.full_text())


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync_label = WordElidedLabel(self)
        self.count_label = QLabel(self)
        self.user_label = QLabel(self)
        self.addWidget(self.sync_label, 1)
        # The count and who is signed in, apart: a line between them, and the user named as
        # such ("90 of 90 case files admin (Administrator)" read as one sentence).
        self.separator = QFrame(self)
        self.separator.setFrameShape(QFrame.Shape.VLine)
        self.separator.setFrameShadow(QFrame.Shadow.Sunken)
        for label in (self.count_label, self.user_label):
            label.setContentsMargins(6, 0, 6, 0)
        # No good backup for too long (ui/backup_watch.py): said until one is made.
        self.backup_label = QLabel(self)
        self.backup_label.setStyleSheet("color: #b00020;")
        self.backup_label.setContentsMargins(6, 0, 6, 0)
        self.backup_label.hide()
        self.addPermanentWidget(self.backup_label)
        self.addPermanentWidget(self.count_label)
        self.addPermanentWidget(self.separator)
        self.addPermanentWidget(self.user_label)
        self._sync: tuple[str, ...] = ("",)
        self._not_configured: tuple[str, ...] = ("",)
        self.sync_configured = False  # a live state (ui/sync/indicator.py) is shown instead
        # A message takes the sync text's place for a while, shortened the same way
        # (QStatusBar.showMessage would clip it wherever the room ends).
        self.message_timer = QTimer(self)
        self.message_timer.setSingleShot(True)
        self.message_timer.timeout.connect(self.clear_message)

    def retranslate(self, tr: Translator, actor: Actor) -> None:
        self._not_configured = (tr("status.sync_not_configured"),
                                tr("status.sync_not_configured_short"))
        self.set_sync_configured(self.sync_configured)
        self.user_label.setText(tr("status.user", username=actor.username,
                                   role=tr.choice("role", actor.role)))

    def add_sync_state(self, widget: QWidget) -> None:
        """The live sync state, first on the left (messages still show beside it)."""
        self.insertWidget(0, widget)

    def set_sync_configured(self, configured: bool) -> None:
        """An enrolled desktop shows its live state, not "not configured"."""
        self.sync_configured = configured
        self._sync = ("",) if configured else self._not_configured
        if not self.message_timer.isActive():
            self.sync_label.set_wordings(*self._sync)

    def set_backup_warning(self, text: str) -> None:
        self.backup_label.setText(text)
        self.backup_label.setAccessibleName(text)
        self.backup_label.setVisible(bool(text))

    def set_count(self, text: str) -> None:
        self.count_label.setText(text)

    def say(self, message: str, milliseconds: int) -> None:
        """Show ``message`` where the sync state is, for ``milliseconds``."""
        self.sync_label.set_wordings(message)
        self.message_timer.start(milliseconds)

    def clear_message(self) -> None:
        self.message_timer.stop()
        self.sync_label.set_wordings(*self._sync)
