"""A settings.json that is not what Relais writes never stops the window or a command: the
defaults apply, the file is kept aside and named once (issue 9, item 13)."""

import logging

import pytest

from desktop.cli.language import window_language
from desktop.paths import DataPaths
from desktop.settings import Settings, load_settings
from tests.test_cli import PASSWORD, cli

BROKEN = {
    "not json": "{ language: fr",
    "a list": '["fr"]',
    "a string": '"fr"',
    "not utf-8": b'{"language": "\xff"}',
    "minutes as text": '{"idle_lock_minutes": "five"}',
    "minutes as a float": '{"idle_lock_minutes": 1e308}',
    "minutes beyond the dialog": '{"idle_lock_minutes": 100000000}',
    "a language we do not have": '{"language": "xx"}',
    "a user name as a list": '{"last_username": ["admin"]}',
    "an endless name": '{"organisation_name": "' + "x" * 100_000 + '"}',
}


@pytest.fixture
def paths(tmp_path):
    paths = DataPaths.portable(tmp_path / "data")
    paths.root.mkdir(parents=True)
    return paths


@pytest.mark.parametrize("content", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_file_gives_the_defaults_and_is_kept_aside_once(paths, caplog, content):
    raw = content if isinstance(content, bytes) else content.encode()
    paths.settings.write_bytes(raw)
    with caplog.at_level(logging.WARNING):
        settings, kept = load_settings(paths.settings)
        assert settings == Settings()
        assert kept is not None and kept.name.startswith("settings.json.broken-")
        assert kept.read_bytes() == raw  # nothing lost for whoever wants to look
        assert not paths.settings.exists()
        assert Settings.load(paths.settings) == Settings()  # said once, not at every load
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and kept.name in warnings[0].getMessage()
    assert window_language(None, paths)  # the window's first step does not fail either


def test_a_good_file_loads_and_unknown_keys_are_ignored(paths):
    paths.settings.write_text('{"language": "nl", "idle_lock_minutes": 10, "newer": 1}')
    assert load_settings(paths.settings) == (Settings(language="nl", idle_lock_minutes=10),
                                             None)
    assert paths.settings.exists()


def test_init_says_which_file_was_set_aside(paths):
    paths.settings.write_text("[]")
    code, _out, err = cli("--data-dir", str(paths.root), "--lang", "en", "init", "--org-refnis",
                         "62063", "--admin", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert code == 0, err
    assert err.startswith(f"The settings file {paths.settings} could not be read: the default "
                          "settings apply, and the damaged file was kept as "
                          "settings.json.broken-")
    assert Settings.load(paths.settings).last_username == "admin"  # a good one written


SAVE_IDLE_MINUTES = """
import sys
from pathlib import Path
from desktop.settings import Settings
path = Path(sys.argv[1])
settings = Settings.load(path)
settings.idle_lock_minutes = 17
settings.save(path, "idle_lock_minutes")
"""


def test_two_processes_saving_settings_keep_each_others_changes(paths):
    import subprocess
    import sys

    Settings(language="nl").save(paths.settings)
    window = Settings.load(paths.settings)  # a window, open since before the command ran
    done = subprocess.run([sys.executable, "-c", SAVE_IDLE_MINUTES, str(paths.settings)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    window.last_username = "anna"  # the window then signs anna in and saves what it changed
    window.save(paths.settings, "last_username")
    saved = Settings.load(paths.settings)
    assert (saved.idle_lock_minutes, saved.last_username, saved.language) == (17, "anna", "nl")
