"""Screens that are closed must not stay connected to objects that live on (the interface
language, the task runner): a later change of language would call into a deleted widget."""

from desktop.ui.application import Relais
from tests.conftest import ADMIN_PASSWORD


def _sign_in(qtbot, relais, login):
    login.username.setText("admin")
    login.password.setText(ADMIN_PASSWORD)
    with qtbot.waitSignal(login.signed_in, timeout=10_000):
        login.submit()
    qtbot.waitUntil(lambda: relais.main is not None, timeout=10_000)


def test_changing_language_after_several_logouts_raises_nothing(qtbot, lang, vault, created,
                                                                paths):
    created[0].close()
    relais = Relais(paths, lang, vault)
    login = relais.start()
    with qtbot.captureExceptions() as errors:
        for _ in range(3):
            _sign_in(qtbot, relais, login)
            relais.main.sign_out()
            login = relais.window
            qtbot.wait(10)  # lets deleteLater free the closed windows
        for code in ("nl", "de", "uk", "fr"):
            lang.set_language(code)
            qtbot.wait(1)
    assert [str(e[1]) for e in errors] == []
    assert login.sign_in.text() == lang.tr("login.sign_in")
    login.close()


def test_closed_screens_leave_no_connection_to_the_language(qtbot, lang, vault, created,
                                                            paths):
    import gc

    created[0].close()
    relais = Relais(paths, lang, vault)
    login = relais.start()
    _sign_in(qtbot, relais, login)
    relais.main.sign_out()
    qtbot.wait(10)
    gc.collect()
    baseline = lang.receivers("2changed(QString)")
    for _ in range(2):
        _sign_in(qtbot, relais, relais.window)
        relais.main.sign_out()
        qtbot.wait(10)
        gc.collect()
    assert baseline > 0
    assert lang.receivers("2changed(QString)") == baseline
    relais.window.close()


def test_a_login_window_deleted_while_signing_in_is_left_alone(qtbot, lang, vault, created,
                                                               tasks):
    from shiboken6 import delete

    from desktop.ui.login import LoginWindow

    created[0].close()
    window = LoginWindow(lang, vault, tasks, "admin")
    window.password.setText(ADMIN_PASSWORD)
    arrived = []
    window.signed_in.connect(arrived.append)
    with qtbot.captureExceptions() as errors:
        window.submit()
        delete(window)  # closed before the worker's answer is delivered on this thread
        tasks.wait()
        qtbot.wait(20)
    assert [str(e[1]) for e in errors] == []
    assert arrived == []


def test_no_screen_follows_the_language_through_a_lambda():
    """A lambda has no receiver, so Qt cannot drop it when its widget is deleted."""
    import re
    from pathlib import Path

    import desktop.ui

    folder = Path(desktop.ui.__file__).parent
    offenders = [f"{path.name}:{number}" for path in sorted(folder.glob("*.py"))
                 for number, line in enumerate(path.read_text().splitlines(), 1)
                 if re.search(r"lang\.changed\.connect\(\s*lambda", line)]
    assert offenders == []
