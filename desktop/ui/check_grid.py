"""Check boxes in a grid instead of one long row: a row of nine needs or seven languages is
wider than a 1093-pixel screen (1366x768 at 125 %) in Ukrainian or German."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QGridLayout, QWidget


def check_grid(boxes: Iterable[QWidget], columns: int) -> QGridLayout:
    grid = QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    for index, box in enumerate(boxes):
        grid.addWidget(box, index // columns, index % columns)
    grid.setColumnStretch(columns, 1)  # boxes keep to the left
    return grid
