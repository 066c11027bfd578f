"""The status bar keeps the number of case files and the signed-in user apart."""

from PySide6.QtWidgets import QFrame

from tests.ui.test_case_window import register


def test_the_count_and_the_user_are_told_apart(qtbot, make_main, services, lang):
    register(services)
    window = make_main(services)
    lang.set_language("de")
    assert window.count_label.text() == "1 von 1 Akte"
    assert window.user_label.text() == "Benutzer: admin (Administrator)"
    bar = window.statusBar()
    between = window.status_separator
    assert isinstance(between, QFrame) and between.frameShape() == QFrame.Shape.VLine
    assert between.isVisible()
    left = window.count_label.geometry().right()
    right = window.user_label.geometry().left()
    assert left < between.geometry().center().x() < right
    bar.grab().save("/tmp/J-status.png")
