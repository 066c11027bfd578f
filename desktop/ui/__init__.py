"""PySide6 user interface. The only package (with desktop/app.py) that imports Qt."""

import PySide6.QtCore  # noqa: F401 (loads PySide6's import hook, which pyside_imports tunes)

from desktop.ui import pyside_imports

pyside_imports.install()
