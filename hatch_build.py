"""Compiles the checkout's own bytecode when `uv sync` installs it in development mode.

uv's ``compile-bytecode`` compiles what it installs into site-packages; a development
install puts only a path there, so the sources themselves would be compiled at every launch
where PYTHONDONTWRITEBYTECODE is set (0.4 s of the way to the login window). Compiling them
here, next to the sources as Python itself would, keeps edits effective: Python checks
each .pyc against its source's time stamp and recompiles in memory what was edited since.
uv rebuilds the development install, so runs this again, at the first `uv run` after each
commit (``cache-keys`` in pyproject.toml). A wheel (``uv build``) is compiled by whoever
installs it, so nothing is done for it.
"""

from __future__ import annotations

import compileall
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileCheckout(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if version != "editable":
            return
        for package in self.build_config.target_config.get("packages", []):
            compileall.compile_dir(Path(self.root) / package, quiet=1, workers=0)
