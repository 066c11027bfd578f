"""Opening sizes that never exceed the screen: a 1366x768 laptop at 125 % scaling offers
1093x614 pixels, less the task bar."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """The preferred size, reduced to the available part of the window's screen."""
    screen = window.screen()
    if screen is not None:
        available = screen.availableGeometry()
        width, height = min(width, available.width()), min(height, available.height())
    window.resize(width, height)
