"""The home screen's worklists are tables (file, person, what is due, when): sortable, opened
with Enter or a double-click, never scrolled sideways, and saying what they are for when
empty."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView

from desktop.core.intake_input import HouseholdInput, PersonInput
from tests.ui.test_case_window import register

TODAY = date.today()


def cells(table, row: int) -> list[str]:
    model = table.model()
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_my_tasks_are_a_sortable_table_that_opens_the_case(qtbot, make_main, services):
    me = services.session.user.id
    shevchenko = register(services)
    koval = services.intake.register(HouseholdInput(members=[PersonInput(
        surname_lat="Koval", given_name_lat="Nazar", birth_date="1990")]))
    services.case_files.add_task(shevchenko, "Appeler l'école", TODAY + timedelta(days=3), me)
    services.case_files.add_task(koval, "Rendez-vous FOREM", TODAY - timedelta(days=2), me)
    window = make_main(services)
    table = window.home.boxes["worklist.my_tasks"].table
    assert [table.model().headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "N° dossier", "Personne", "À faire", "Quand"]
    overdue, due = TODAY - timedelta(days=2), TODAY + timedelta(days=3)
    # Sorted by date first; dates as written in Belgium, with the whole year.
    first, second = cells(table, 0), cells(table, 1)
    assert first[1:] == ["KOVAL Nazar", "Tâche en retard\u00a0: Rendez-vous FOREM",
                         f"{overdue:%d/%m/%Y}"]
    assert "SHEVCHENKO" in second[1] and second[2:] == [
        "Tâche\u00a0: Appeler l'école", f"{due:%d/%m/%Y}"]
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # by person, Z to A
    assert "SHEVCHENKO" in cells(table, 0)[1]
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # latest date first
    assert "SHEVCHENKO" in cells(table, 0)[1]

    table.setFocus()
    table.setCurrentIndex(table.model().index(1, 0))
    with qtbot.waitSignal(window.home.open_case) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args[0] == koval
    centre = QPoint(table.visualRect(table.model().index(0, 2)).center())
    with qtbot.waitSignal(window.home.open_case) as opened:
        # A real double-click: a first click, then the second one (QTest sends only this).
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert opened.args[0] == shevchenko
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers


def test_worklists_never_scroll_sideways_on_a_small_laptop(make_main, services, lang):
    case_id = register(services)
    services.case_files.add_task(case_id, "Accompagner Madame Chevtchenko au service "
                                 "population pour le renouvellement de sa carte A",
                                 TODAY, services.session.user.id)
    window = make_main(services)
    for code in ("fr", "uk"):
        lang.set_language(code)
        for width in (1093, 800):
            window.resize(width, 554)
            qtbot_process()
            for box in window.home.boxes.values():
                table = box.table
                assert table.horizontalScrollBar().maximum() == 0, (code, width, box.title())
                header = table.horizontalHeader()
                for column in (0, 3):  # the file and the date are always whole
                    assert header.sectionSize(column) >= header.sectionSizeHint(column)
    tasks = window.home.boxes["worklist.my_tasks"].table
    assert tasks.model().index(0, 2).data(Qt.ItemDataRole.ToolTipRole).endswith("carte A")


def qtbot_process() -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()


def test_an_empty_worklist_says_what_it_is_for(make_main, services, lang):
    window = make_main(services)
    box = window.home.boxes["worklist.my_tasks"]
    assert box.stack.currentWidget() is box.empty
    assert box.empty.text() == ("Vos tâches en retard ou à échéance dans les 7 jours "
                                "apparaissent ici.")
    assert box.title() == "Mes tâches à échéance (0)"
    lang.set_language("uk")
    assert box.empty.text().startswith("Тут з'являються ваші прострочені завдання")
    expiring = window.home.boxes["worklist.expiring"]
    assert "30" in expiring.empty.text()


@pytest.mark.parametrize(("language", "written"), [
    ("fr", "01/06/2026"), ("nl", "01/06/2026"), ("de", "01.06.2026"), ("uk", "01.06.2026")])
def test_dates_line_up_with_two_digit_days_and_months(qapp, language, written):
    from desktop.ui.worklist_table import short_date

    assert short_date(language, date(2026, 6, 1)) == written
