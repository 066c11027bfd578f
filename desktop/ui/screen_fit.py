"""Placing and sizing top-level windows within the available part of their screen.

A 1366x768 laptop at 125 % scaling offers 1093x614 pixels, less the task bar: a window opened
larger hides its buttons. A window shown without a position is placed by the window manager,
which may cascade it from the last window (a large main window, after a logout) partly off
the screen. Every window that chooses its own size or place does it here."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

# Room for the title bar and borders the window manager adds around the window.
FRAME = QSize(16, 60)
# The size a window is designed for, kept on it so that its size on any screen can be worked
# out again (the small-screen tests do, for the two laptop sizes).
DESIGNED_SIZE = "designedSize"


def _screen(window: QWidget, screen: QScreen | None = None) -> QScreen | None:
    return screen or window.screen() or QGuiApplication.primaryScreen()


def size_within(wanted: QSize, available: QRect) -> QSize:
    """``wanted``, reduced so that the window with its frame fits ``available``."""
    return wanted.boundedTo(available.size() - FRAME)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Opens ``window`` at the size it is designed for, or smaller on a smaller screen (Qt
    keeps it no smaller than its layout needs)."""
    screen = _screen(window)
    wanted = QSize(width, height)
    window.setProperty(DESIGNED_SIZE, wanted)
    window.resize(size_within(wanted, screen.availableGeometry()) if screen else wanted)


def centre_on_screen(window: QWidget, screen: QScreen | None = None) -> None:
    """Centres ``window`` whole on ``screen`` (its own, else the primary one), at the size its
    layout asks for, no larger than the screen's available area."""
    screen = _screen(window, screen)
    if screen is None:
        return
    if window.screen() is not screen:
        window.setScreen(screen)
    available = screen.availableGeometry()
    window.adjustSize()
    size = size_within(window.size(), available)
    window.resize(size)
    place = QRect(QPoint(0, 0), size + FRAME)
    place.moveCenter(available.center())
    window.move(place.topLeft())
