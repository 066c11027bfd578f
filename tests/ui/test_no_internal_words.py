"""What the windows show holds no internal word (item 5): the case window, every tab, in
each language, on a case with something everywhere; and home search results."""

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from desktop.core.i18n import LANGUAGES
from desktop.ui.case_window import CaseWindow
from tests.rich_case import raw_words, rich_case


def shown_texts(root: QWidget) -> list[str]:
    """Every text a person can read in a window: labels, buttons, hints, tabs, combo items,
    table cells and headers, list items, tooltips."""
    found = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        found.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found += [widget.text(), widget.placeholderText()]
        if isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += model_texts(widget.model())
    return [text for text in found if text]


def model_texts(model: QAbstractItemModel, rows: int = 100) -> list[str]:
    """Headers and cells (display text and tooltips) of any list, table or tree view."""
    horizontal, root = Qt.Orientation.Horizontal, QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model (completers) keeps its one column private
        columns = 1
    found = [str(model.headerData(c, horizontal) or "") for c in range(columns)]
    for row in range(min(model.rowCount(root), rows)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                found.append(value if isinstance(value, str) else "")
    return found


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_case_window_shows_no_internal_word(qtbot, lang, services, code):
    case_id = rich_case(services)
    lang.set_language(code)
    window = CaseWindow(lang, services, case_id)
    qtbot.addWidget(window)
    window.show()
    shown = shown_texts(window)
    # The case is rich: needs, history with changed fields, aid, tasks, referrals.
    assert window.history.rowCount() >= 10 and window.aid.rowCount() == 1
    assert window.tasks.rowCount() == 2 and window.referrals.rowCount() == 2
    assert lang.tr("need_area.psychosocial") in window.summary.text()
    notes = [window.notes.item(row, 2).text() for row in range(window.notes.rowCount())]
    assert any("0499 99 88 77" in note for note in notes)  # the merge's differing phone
    assert raw_words(shown, code) == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_main_window_shows_no_internal_word(qtbot, lang, make_main, services, code):
    rich_case(services)
    lang.set_language(code)
    window = make_main(services)
    window.home.search.setText("Bondarenko")
    window.home.run_search()
    shown = shown_texts(window)
    window.sections.setCurrentIndex(1)  # the case list
    shown += shown_texts(window)
    assert raw_words(shown, code) == []


def test_home_search_results_say_which_spelling_met(qtbot, make_main, services):
    rich_case(services)
    window = make_main(services)
    window.home.search.setText("Bondarenko Iryna")
    window.home.run_search()
    said = window.home.results.item(0, 3).text()
    assert said == "Bondarenko ≈ БОНДАРЕНКО; Iryna ≈ Ірина"
    window.home.search.setText("Бондаренко")
    window.home.run_search()
    assert window.home.results.item(0, 3).text() == "БОНДАРЕНКО"
    window.home.search.setText("0470 11 22 33")
    window.home.run_search()
    assert window.home.results.item(0, 3).text() == "téléphone …2233"
    assert raw_words(shown_texts(window), "fr") == []


def test_possible_duplicates_and_merge_candidates_say_what_met(qtbot, lang, services):
    from desktop.core.intake_input import PersonInput
    from desktop.ui.duplicate_list import DuplicateList
    from desktop.ui.merge_dialog import MergeDialog

    rich_case(services)
    typed = PersonInput(surname_lat="Bondarenko", given_name_lat="Irina",
                        birth_date="12/03/1988")
    duplicates = DuplicateList(lang)
    qtbot.addWidget(duplicates)
    duplicates.show_found([(typed, d) for d in services.duplicates.find(typed)])
    assert "Bondarenko ≈ БОНДАРЕНКО; Irina ≈ Ірина" in duplicates.text()
    dialog = MergeDialog(lang, services, None, "—")
    qtbot.addWidget(dialog)
    dialog.search.setText("Бондаренко Максим")
    dialog.find()
    assert dialog.results.item(0).text().endswith("— БОНДАРЕНКО; Максим")


def test_the_case_summary_counts_persons_with_the_plural_rules(qtbot, lang, services):
    from desktop.core.intake_input import HouseholdInput, PersonInput

    one = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Melnyk", given_name_lat="Olena", sex="F", birth_date="1990")]))
    window = CaseWindow(lang, services, one)
    qtbot.addWidget(window)
    assert window.summary.text().splitlines()[0].endswith("· 1 personne")
    lang.set_language("uk")
    two = rich_case(services)
    window = CaseWindow(lang, services, two)
    qtbot.addWidget(window)
    assert window.summary.text().splitlines()[0].endswith("· 2 особи")


def test_the_case_list_counts_with_the_plural_rules(qtbot, lang, make_main, services):
    from desktop.core.intake_input import HouseholdInput, PersonInput

    services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Melnyk", given_name_lat="Olena", sex="F", birth_date="1990")]))
    window = make_main(services)
    assert window.status.count_label.text() == "1 dossier sur 1"
    lang.set_language("uk")
    assert window.status.count_label.text() == "1 з 1 справи"
