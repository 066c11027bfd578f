"""Anonymous monthly figures for coordination, shared by the desktop and the central.

Both sides count through the same code (``compute.py`` over a ``Source`` each side
provides), suppress small cells the same way (``suppression.py``) and write the same
documented schema (``document.py``, docs/figures-schema.md). This package imports neither
``desktop`` nor ``central`` (tests/test_layers.py)."""
