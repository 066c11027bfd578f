"""PySide6 user interface. The only package (with desktop/app.py) that imports Qt."""
