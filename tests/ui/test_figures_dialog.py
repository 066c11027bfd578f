"""Tools → Figures for the coordinator: the signed file is made off the GUI thread, the key
typed once is kept in the keychain and not asked again; a wrong key is said, nothing
written."""

from __future__ import annotations

import secrets

from PySide6.QtCore import Qt

from desktop.exchange.figures_file import KEY_SECRET
from desktop.ui.figures_dialog import FiguresDialog
from figures.document import read_signed

MONTH = "2026-11"


def dialog(qtbot, lang, services, tasks) -> FiguresDialog:
    shown = FiguresDialog(lang, services.figures_export, services.secrets, tasks)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def sign(qtbot, shown: FiguresDialog, output, key: str = "") -> None:
    tasks = shown.tasks
    shown.month.setText(MONTH)
    shown.key.setText(key)
    shown.output.setText(str(output))
    qtbot.mouseClick(shown.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown.saved.isVisible() or shown.error.isVisible(), timeout=30_000)
    tasks.wait()  # the worker has left its job before the widgets go


def test_the_key_typed_once_signs_and_is_kept(qtbot, lang, services, tasks, tmp_path):
    services.demo.generate(20, seed=4)
    key = secrets.token_hex(32)
    first = dialog(qtbot, lang, services, tasks)
    assert first.key.placeholderText() == ""
    sign(qtbot, first, tmp_path / "bad.json", "not a key")
    assert first.error.isVisible() and not (tmp_path / "bad.json").exists()
    assert services.secrets.get(KEY_SECRET) is None

    sign(qtbot, first, tmp_path / "a.json", key)
    assert first.saved.isVisible(), first.error.text()
    assert services.secrets.get(KEY_SECRET) == key
    read_signed((tmp_path / "a.json").read_bytes(), lambda _: bytes.fromhex(key))

    again = dialog(qtbot, lang, services, tasks)
    assert again.key.placeholderText() == lang.tr("figures_window.key_kept")
    sign(qtbot, again, tmp_path / "b.json")
    assert again.saved.isVisible(), again.error.text()
    read_signed((tmp_path / "b.json").read_bytes(), lambda _: bytes.fromhex(key))


def test_nothing_is_made_without_a_file_or_a_key(qtbot, lang, services, tasks, tmp_path):
    shown = dialog(qtbot, lang, services, tasks)
    shown.output.setText("")
    qtbot.mouseClick(shown.export_button, Qt.MouseButton.LeftButton)
    assert shown.error.text() == lang.tr("figures_window.no_file")
    shown.output.setText(str(tmp_path / "f.json"))
    qtbot.mouseClick(shown.export_button, Qt.MouseButton.LeftButton)
    assert shown.error.text() == lang.tr("figures_window.no_key")
    assert not (tmp_path / "f.json").exists()
