"""The quick intake and every page of the intake wizard fit a 1366x768 laptop at 125 %
(1093x614) in all five languages: no horizontal scroll bar, no label, check box, button or
choice cut short."""

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QLabel,
    QWidget,
)

from desktop.core.i18n import LANGUAGES
from desktop.ui.intake_wizard import IntakeWizard
from desktop.ui.quick_intake import QuickIntakeDialog
from tests.ui.test_quick_intake import fill_mother, type_text

SMALL = (1093, 614)


def what_does_not_fit(window: QWidget) -> list[str]:
    window.resize(*SMALL)
    QApplication.processEvents()
    wrong = []
    if (window.width(), window.height()) != SMALL:
        wrong.append(f"window is {window.width()}x{window.height()}")
    for area in window.findChildren(QAbstractScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            wrong.append(f"horizontal scroll bar in {type(area).__name__}")
    shown = [w for kind in (QLabel, QAbstractButton, QComboBox) for w in window.findChildren(kind)]
    for widget in shown:
        if not widget.isVisible() or (isinstance(widget, QLabel) and widget.wordWrap()):
            continue
        if widget.width() < widget.minimumSizeHint().width():
            text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            wrong.append(f"cut: {text!r} {widget.width()} < {widget.minimumSizeHint().width()}")
    return wrong


def add_child(row) -> None:
    type_text(row.fields["surname_cyr"], "Шевченко")
    type_text(row.fields["given_name_cyr"], "Андрій")
    type_text(row.fields["birth_date"], "2015")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_quick_intake_fits_a_small_laptop(qtbot, lang, services, language):
    lang.set_language(language)
    dialog = QuickIntakeDialog(lang, services)
    qtbot.addWidget(dialog)
    dialog.show()
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    dialog.add_person.click()
    dialog.register_button.click()  # messages under each row take room too
    assert what_does_not_fit(dialog) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_the_intake_wizard_fits_a_small_laptop(qtbot, lang, services,
                                                             language):
    lang.set_language(language)
    wizard = IntakeWizard(lang, services)
    qtbot.addWidget(wizard)
    wizard.show()
    screen = wizard.screen().availableGeometry()
    assert wizard.width() <= screen.width() and wizard.height() <= screen.height()
    members = wizard.members_page
    fill_mother(members.rows[0])
    members.add.click()
    add_child(members.rows[1])
    for page in (members, wizard.details_page, wizard.home_page, wizard.review_page):
        assert wizard.currentPage() is page
        assert (page.title(), what_does_not_fit(wizard)) == (page.title(), [])
        wizard.next()


@pytest.mark.parametrize("language", LANGUAGES)
def test_editing_a_person_fits_a_small_laptop(qtbot, lang, services, language):
    from desktop.core.intake_input import HouseholdInput
    from desktop.ui.person_dialog import PersonDialog
    from tests.core.test_intake import mother

    case_id = services.intake.register(HouseholdInput(members=[mother()]))
    [person] = services.case_files.open(case_id).members
    lang.set_language(language)
    dialog = PersonDialog(lang, services, person.person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert what_does_not_fit(dialog) == []
