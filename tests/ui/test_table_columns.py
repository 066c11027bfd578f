"""Tables whose last column stretches keep reaching the right edge after the language
changes or a row is added (W1-66, W1-11)."""

from desktop.core.enums import Role
from desktop.ui.users_dialog import UsersDialog
from tests.ui.test_case_window import register


def reaches_right_edge(table) -> bool:
    return table.horizontalHeader().length() >= table.viewport().width()


def test_search_results_fill_the_width_after_a_language_switch(qtbot, lang, services,
                                                               make_main):
    register(services)
    window = make_main(services)
    window.resize(1093, 614)
    window.home.search.setText("Shevchenko")
    window.home.run_search()
    qtbot.wait(10)
    assert reaches_right_edge(window.home.results)
    lang.set_language("nl")  # the results are searched and sized again
    qtbot.wait(10)
    assert reaches_right_edge(window.home.results)


def test_the_users_table_fills_the_width_after_a_user_is_added(qtbot, lang, services):
    dialog = UsersDialog(lang, services.users)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.wait(10)
    assert reaches_right_edge(dialog.table)
    services.users.add_user("annabelle", Role.SOCIAL_WORKER, "Correct-horse-9",
                            display_name="Annabelle Van den Broeck-Dupont", language="nl")
    dialog.refresh()  # as after the Add user dialog
    qtbot.wait(10)
    assert reaches_right_edge(dialog.table)
