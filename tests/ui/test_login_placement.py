"""After a logout the login window opens whole on the screen; the recovery code fits its field."""

from desktop.ui.application import Relais
from tests.ui.test_signals_outlive import _sign_in


def test_the_login_window_after_a_logout_is_whole_on_the_screen(qtbot, lang, vault, created,
                                                                paths):
    created[0].close()
    relais = Relais(paths, lang, vault)
    _sign_in(qtbot, relais, relais.start())
    screen = relais.main.screen().availableGeometry()
    relais.main.move(screen.right() - 300, screen.bottom() - 200)  # moved aside by the person
    relais.main.sign_out()
    login = relais.window
    qtbot.waitExposed(login)
    assert screen.contains(login.frameGeometry())
    assert abs(login.frameGeometry().center().x() - screen.center().x()) <= 16
    assert abs(login.frameGeometry().center().y() - screen.center().y()) <= 32
    # and it stays whole when a language with longer words is chosen there
    login.picker.setCurrentIndex(login.picker.findData("uk"))
    assert screen.contains(login.frameGeometry())
    login.close()


def test_the_recovery_code_fits_its_field(qtbot, lang, vault, created):
    from PySide6.QtWidgets import QStyle

    from desktop.ui.login import RecoveryDialog

    code = created[1]
    dialog = RecoveryDialog(lang, vault, "admin", None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.code.setText(code)
    field = dialog.code
    frame = field.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, field)
    inner = field.width() - 2 * frame - 4  # QLineEdit keeps 2 px on each side of the text
    assert field.fontMetrics().horizontalAdvance(code) <= inner
    assert field.fontMetrics().horizontalAdvance("WWWW-" * 7 + "WWWW") <= inner
