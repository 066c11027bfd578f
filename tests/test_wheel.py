"""The wheel, installed alone in a fresh environment with only its declared dependencies (at
the versions uv.lock pins, so they come from uv's cache), passes `relais --self-test`:
nothing a login reaches is imported from a package that only the test or dev extras bring.

Needs uv and its package index (or cache); `-m "not wheel"` leaves it out."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
UV = shutil.which("uv")

pytestmark = [pytest.mark.wheel, pytest.mark.skipif(UV is None, reason="needs uv")]


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"{args[:3]} failed:\n{result.stdout}\n{result.stderr}"
    return result


def test_the_wheel_alone_passes_its_self_test(tmp_path):
    # outside the checkout, so neither its sources nor its uv settings are picked up
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    _run(UV, "build", "--wheel", "--out-dir", tmp_path / "dist", ROOT, cwd=tmp_path, env=env)
    wheel = next((tmp_path / "dist").glob("relais-*.whl"))
    pins = tmp_path / "pins.txt"
    _run(UV, "export", "--project", ROOT, "--frozen", "--no-dev", "--no-hashes",
         "--no-emit-project", "-o", pins, cwd=tmp_path, env=env)
    venv = tmp_path / "venv"
    _run(UV, "venv", "--python", sys.executable, venv, cwd=tmp_path, env=env)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    _run(UV, "pip", "install", "--python", python, "-c", pins, wheel, cwd=tmp_path, env=env)

    test_only = subprocess.run([python, "-c", "import pytest"], cwd=tmp_path, env=env,
                               capture_output=True)
    assert test_only.returncode != 0  # the environment holds the declared dependencies only
    result = _run(bin_dir / "relais", "--self-test", cwd=tmp_path,
                  env={**env, "QT_QPA_PLATFORM": "offscreen"})
    assert result.stdout.startswith("self-test ok:")
    assert "logo and fillable form" in result.stdout  # Pillow and pypdf, declared
