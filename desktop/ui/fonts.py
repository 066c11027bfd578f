"""Use the shipped DejaVu Sans, so Ukrainian shows even on a machine without system fonts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.paths import FONTS

log = logging.getLogger(__name__)
FAMILY = "DejaVu Sans"


def install_fonts(app: QApplication, point_size: int = 10) -> str:
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        if QFontDatabase.addApplicationFont(str(FONTS / name)) < 0:
            log.warning("could not load the shipped font %s", name)
    font = QFont(FAMILY, point_size)
    app.setFont(font)
    return FAMILY
