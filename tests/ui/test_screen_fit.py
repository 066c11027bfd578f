"""Windows choose their size and place in one module, and open whole on their screen."""

from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.ui.screen_fit import FRAME, centre_on_screen, fit_to_screen

UI = Path(__file__).parents[2] / "desktop" / "ui"


def test_only_screen_fit_reads_the_screen_geometry():
    readers = sorted(path.name for path in UI.glob("*.py")
                     if "availableGeometry" in path.read_text(encoding="utf-8"))
    assert readers == ["screen_fit.py"]


def test_a_window_larger_than_the_screen_opens_whole_with_its_frame(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    fit_to_screen(window, 5000, 5000)
    available = window.screen().availableGeometry()
    assert window.width() + FRAME.width() <= available.width()
    assert window.height() + FRAME.height() <= available.height()
    small = QWidget()
    qtbot.addWidget(small)
    fit_to_screen(small, 300, 200)  # a window that fits keeps its designed size
    assert (small.width(), small.height()) == (300, 200)
    centre_on_screen(window)
    assert available.contains(window.geometry())
