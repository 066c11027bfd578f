"""Desktops driven as people drive them: `relais --data-dir …` in its own process, each
data folder with its own keychain entry (a file keyring, tests/sync/file_keyring.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ENV = dict(os.environ)  # before any test points HOME elsewhere (uv keeps its cache there)


def relais_command(*args: str) -> list[str]:
    uv = shutil.which("uv")
    if uv:
        return [uv, "run", "--no-sync", "relais", *args]
    return [sys.executable, "-m", "desktop", *args]


@dataclass
class Desktop:
    root: Path
    keyring: Path

    def run(self, *args: str, password: str | None = None, new_password: str | None = None,
            check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(relais_command("--data-dir", str(self.root), *args), cwd=ROOT,
                                env=self._env(password, new_password), capture_output=True,
                                text=True, timeout=180, stdin=subprocess.DEVNULL)
        if check:
            assert result.returncode == 0, (args, result.stdout, result.stderr)
        return result

    def start(self, *args: str, password: str | None = None) -> subprocess.Popen[str]:
        """The command in the background, to be killed by the test."""
        return subprocess.Popen(relais_command("--data-dir", str(self.root), *args), cwd=ROOT,
                                env=self._env(password, None), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, text=True,
                                start_new_session=True)  # uv and its Python: killed together

    def _env(self, password: str | None, new_password: str | None) -> dict[str, str]:
        env = {**ENV, "PYTHON_KEYRING_BACKEND": "tests.sync.file_keyring.FileKeyring",
               "RELAIS_TEST_KEYRING": str(self.keyring), "RELAIS_LANG": "en",
               "PYTHONPATH": str(ROOT)}
        for name, value in (("RELAIS_PASSWORD", password), ("RELAIS_NEW_PASSWORD", new_password)):
            env.pop(name, None)
            if value is not None:
                env[name] = value
        return env

    def json(self, *args: str, user: str, password: str) -> Any:
        out = self.run(*args, "--json", "--user", user, password=password).stdout
        return json.loads(out.strip().splitlines()[-1])


def desktops(tmp_path: Path, *names: str) -> list[Desktop]:
    return [Desktop(tmp_path / name, tmp_path / f"{name}-keyring.json") for name in names]
