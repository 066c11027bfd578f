"""Where a window opens: whole on the screen the person is working on.

A top-level window shown without a position is placed by the window manager, which may
cascade it from the last window (a large main window, after a logout) partly off the screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Room for the title bar and borders the window manager adds around the window.
FRAME = QSize(16, 48)


def centre_on_screen(window: QWidget, screen: QScreen | None = None) -> None:
    """Centres ``window`` on ``screen`` (its own, else the primary one), no larger than the
    screen's available area."""
    screen = screen or window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    if window.screen() is not screen:
        window.setScreen(screen)
    available = screen.availableGeometry()
    window.adjustSize()
    size = window.size().boundedTo(available.size() - FRAME)
    window.resize(size)
    place = QRect(QPoint(0, 0), size + FRAME)
    place.moveCenter(available.center())
    window.move(place.topLeft())
