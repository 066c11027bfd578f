"""Without a screen, `relais` says so instead of Qt's advice about libxcb-cursor0."""

import subprocess
import sys

from desktop.display import display_problem


def test_no_display_on_linux_is_named_as_such():
    assert display_problem({}, platform="linux") == "app.no_display"


def test_a_display_or_an_explicit_qt_platform_is_enough():
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert display_problem({"WAYLAND_DISPLAY": "wayland-0"}, platform="linux") is None


def test_windows_and_macos_are_never_refused():
    assert display_problem({}, platform="win32") is None
    assert display_problem({}, platform="darwin") is None


def test_the_app_without_a_screen_explains_in_the_chosen_language(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "desktop.app", "--data-dir", str(tmp_path), "--lang", "nl"],
        env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 1
    assert "scherm" in result.stderr
    assert "xcb" not in result.stderr
    assert not (tmp_path / "relais.db").exists()
