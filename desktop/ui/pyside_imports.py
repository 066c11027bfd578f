"""Imports after PySide6 without every module's source kept in memory.

PySide6 (6.12) looks at each module imported after it for the word "PySide6", to know which
modules may use its ``__feature__`` switches, with ``inspect.getsource``: that reads the
source through ``linecache``, which keeps every line of every module for the life of the
process (385,000 lines, about 7 MB that Python never gives back, and 0.15 s, at login). The
same question is answered here from the file itself, read and let go; anything else (no
source file, an archive) still goes to PySide6's own check.
"""

from __future__ import annotations

import sys
from types import ModuleType


def install() -> None:
    feature = sys.modules.get("PySide6.support.feature") or sys.modules.get(
        "shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None or getattr(original, "_relais", False):
        return  # another PySide6 version: its own check stays

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return original(module)

    uses_pyside._relais = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[union-attr]
