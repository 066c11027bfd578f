"""Enter in the municipality search or list chooses a municipality and stays on the page:
the preview (organisation, official language) is seen before Next, as in the intake's
municipality picker (ui/municipality_picker.py)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from desktop.core.reference import reference_data
from desktop.ui.setup_wizard import SetupWizard


def press(widget, key=Qt.Key.Key_Return) -> None:
    for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


def organisation_page(qtbot, lang, vault) -> SetupWizard:
    wizard = SetupWizard(lang, vault, reference_data())
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    wizard.next()  # a new organisation: the choice's default
    assert wizard.currentPage() is wizard.organisation_page
    return wizard


def test_enter_in_the_search_chooses_and_stays_on_the_page(qtbot, lang, vault):
    wizard = organisation_page(qtbot, lang, vault)
    page = wizard.organisation_page
    page.search.setFocus()
    page.search.setText("Luik")  # names one municipality: chosen as typed
    press(page.search)
    assert wizard.currentPage() is page
    assert page.municipality().refnis == "62063" and "CPAS de Liège" in page.preview.text()
    page.search.clear()
    page.search.setText("Li")  # several matches, none chosen yet
    press(page.search, Qt.Key.Key_Down)  # Down moves in the list from the search
    press(page.search, Qt.Key.Key_Down)
    assert page.results.currentRow() == 1
    press(page.search)
    assert wizard.currentPage() is page
    assert page.municipality().refnis == page.results.item(1).data(Qt.ItemDataRole.UserRole)


def test_enter_in_the_list_chooses_and_stays_on_the_page(qtbot, lang, vault):
    wizard = organisation_page(qtbot, lang, vault)
    page = wizard.organisation_page
    page.search.setText("Luik")
    page.results.setFocus()
    page.results.setCurrentRow(0)
    press(page.results)
    assert wizard.currentPage() is page
    assert page.municipality().refnis == "62063"
    wizard.next()  # Next itself still goes on
    assert wizard.currentPage() is wizard.admin_page
