"""Modules imported after PySide6 leave no source in memory, and PySide6 still tells the
modules that use it from those that do not."""

import importlib
import linecache
import sys

import desktop.ui  # noqa: F401 (installs the check)


def _fresh_module(tmp_path, name: str, text: str):
    (tmp_path / f"{name}.py").write_text(text)
    sys.path.insert(0, str(tmp_path))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(tmp_path))


def test_a_module_imported_after_pyside6_is_not_kept_as_source_lines(tmp_path):
    module = _fresh_module(tmp_path, "relais_plain_module", "VALUE = 1\n" * 1000)
    assert module.VALUE == 1
    assert module.__file__ not in linecache.cache


def test_pyside6_still_knows_which_modules_use_it(tmp_path):
    feature = sys.modules["PySide6.support.feature"]
    uses = _fresh_module(tmp_path, "relais_qt_module", "import PySide6.QtCore\n")
    plain = _fresh_module(tmp_path, "relais_other_module", "import json\n")
    assert feature._mod_uses_pyside(uses) is True
    assert feature._mod_uses_pyside(plain) is False
