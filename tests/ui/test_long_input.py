"""A name too long and a birth date before 1900 are said next to their fields in the quick
intake, and nothing is registered."""

from PySide6.QtWidgets import QLabel
from sqlmodel import Session, select

from desktop.core.enums import Role
from desktop.core.models import Person
from desktop.ui.quick_intake import QuickIntakeDialog
from tests.conftest import login_as


def test_a_huge_surname_and_a_birth_in_1800_are_said_not_registered(qtbot, lang, services,
                                                                   vault):
    volunteer = login_as(vault, services, "vera", Role.VOLUNTEER)
    dialog = QuickIntakeDialog(lang, volunteer)
    qtbot.addWidget(dialog)
    dialog.show()
    mother = dialog.rows[0]
    mother.fields["surname_lat"].setText("S" * 40_000)  # pasted
    mother.fields["given_name_lat"].setText("Olena")
    mother.fields["birth_date"].setText("01/01/1800")
    dialog.register_button.click()
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel)
                     if label.isVisible())
    assert "100 au maximum" in shown and "01/01/1900" in shown  # the French interface
    dialog.grab().save("/tmp/R-quick-intake-limits.png")
    with Session(services.session.engine) as db:
        assert db.exec(select(Person)).all() == []
