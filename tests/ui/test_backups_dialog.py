"""Tools › Backups for administrators, the status bar's warning, and restores from the window
and from the login screen (a database broken on purpose)."""

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop.core.enums import Role
from desktop.settings import Settings
from desktop.ui.backups_dialog import BackupsDialog
from desktop.ui.login import LoginWindow
from tests.conftest import ADMIN_PASSWORD, login_as


def test_the_status_bar_warns_until_a_backup_is_made(qtbot, make_main, services, tmp_path):
    settings = Settings(backup_folder=str(tmp_path))
    window = make_main(services, settings)
    assert window.status.backup_label.isVisible()
    assert window.status.backup_label.text() == "Aucune sauvegarde"
    dialog = window.open_backups()
    qtbot.mouseClick(dialog.now_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=30_000)
    assert settings.last_backup_at
    assert Settings.load(window.paths.settings).last_backup_at == settings.last_backup_at
    assert not window.status.backup_label.isVisible()
    assert "vérifiée" in dialog.message.text()


def test_settings_of_the_section_are_this_machines(qtbot, lang, services, paths, tasks,
                                                  tmp_path):
    settings = Settings()
    dialog = BackupsDialog(lang, services.backups, settings, paths, tasks)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    dialog.schedule.setCurrentIndex(dialog.schedule.findData("weekly"))
    dialog.warn_days.setValue(10)
    assert dialog.save()
    saved = Settings.load(paths.settings)
    assert (saved.backup_folder, saved.backup_schedule, saved.backup_warn_days) == (
        str(tmp_path), "weekly", 10)


def test_a_missing_folder_is_said_and_nothing_breaks(qtbot, lang, services, paths, tasks,
                                                     tmp_path):
    settings = Settings(backup_folder=str(tmp_path / "usb-key-unplugged"))
    dialog = BackupsDialog(lang, services.backups, settings, paths, tasks)
    qtbot.addWidget(dialog)
    assert "introuvable" in dialog.message.text()
    dialog.back_up_now()
    qtbot.waitUntil(lambda: dialog.now_button.isEnabled(), timeout=10_000)
    assert "introuvable" in dialog.message.text()


def test_only_administrators_see_backups(qtbot, make_main, vault, services):
    worker = login_as(vault, services, "marie", Role.SOCIAL_WORKER)
    assert not make_main(worker).menus.backups_action.isVisible()


def test_a_restore_confirmed_in_the_window_is_carried_out_at_the_login_screen(
        qtbot, lang, make_main, services, vault, tasks, tmp_path):
    settings = Settings(backup_folder=str(tmp_path))
    backup = services.backups.back_up(tmp_path).path
    services.demo.generate(3)  # newer data, which the restore replaces
    window = make_main(services, settings)
    dialog = window.open_backups()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)

    def confirm() -> None:
        box = getattr(dialog, "confirmation", None)
        if box is None or not box.isVisible():
            QTimer.singleShot(50, confirm)
            return
        assert "ne seront plus dans la base" in box.text()
        next(b for b in box.buttons()
             if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole).click()

    QTimer.singleShot(50, confirm)
    with qtbot.waitSignal(window.restore_requested, timeout=30_000) as requested:
        dialog.restore(dialog._selected())
    path, _key, username = requested.args[0]
    assert path == backup and username == "admin"
    services.session.close()  # as the window's close does (application.Relais._restore)
    login = LoginWindow(lang, vault, tasks, "admin", "CPAS")
    qtbot.addWidget(login)
    login.apply_restore(requested.args[0])
    qtbot.waitUntil(lambda: "restaurée" in login.notice.text(), timeout=30_000)
    session = vault.login("admin", ADMIN_PASSWORD)
    with session.engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM person").scalar_one() == 0
    session.close()


def test_a_broken_database_is_restored_from_the_login_screen(qtbot, lang, services, vault,
                                                             paths, tasks, tmp_path):
    services.demo.generate(2)
    backup = services.backups.back_up(tmp_path).path
    services.session.close()
    paths.database.write_bytes(b"\x00garbage" * 4096)
    login = LoginWindow(lang, vault, tasks, "admin", "CPAS")
    qtbot.addWidget(login)
    login.show()
    dialog = login.open_restore()
    dialog.file.setText(str(backup))
    dialog.password.setText(ADMIN_PASSWORD)
    dialog.check()
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=30_000)
    assert "illisible" in dialog.loss.text()
    dialog.restore()
    qtbot.waitUntil(lambda: dialog.restored is not None, timeout=30_000)
    assert "restaurée" in login.notice.text()
    assert any(".before-restore-" in p.name for p in Path(paths.root).iterdir())
    vault.login("admin", ADMIN_PASSWORD).close()


def test_a_wrong_password_for_the_backup_is_said(qtbot, lang, services, paths, tasks,
                                                 tmp_path):
    backup = services.backups.back_up(tmp_path).path
    from desktop.ui.restore_dialog import RestoreDialog

    dialog = RestoreDialog(lang, paths, tasks, "admin")
    qtbot.addWidget(dialog)
    dialog.file.setText(str(backup))
    dialog.password.setText("not it")
    dialog.check()
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=30_000)
    assert not dialog.restore_button.isEnabled()


def test_the_schedule_runs_when_due_and_nobody_is_typing(qtbot, make_main, services,
                                                        tmp_path):
    from datetime import UTC, datetime, timedelta

    settings = Settings(backup_folder=str(tmp_path))
    window = make_main(services, settings)
    settings.save(window.paths.settings)
    watch = window.backup_watch
    now = datetime.now(UTC)
    watch.last_activity = now  # someone at the keyboard: not now
    assert not watch.check(now)
    watch.last_activity = now - timedelta(minutes=5)
    assert watch.check(now)
    qtbot.waitUntil(lambda: not watch.running, timeout=30_000)
    assert len(list(tmp_path.glob("*.relaisbackup"))) == 1
    assert Settings.load(window.paths.settings).last_backup_at
    assert not window.status.backup_label.isVisible()
    assert not watch.check(now + timedelta(hours=1))  # done for today
