"""The Users dialog gives a new user the organisation's language (a Flemish colleague's window
opens in Dutch, not French) and lets the administrator change it."""

import pytest

from desktop.core.enums import Role
from desktop.services import Services
from desktop.store.vault import NewOrganisation
from desktop.ui.users_dialog import UsersDialog
from tests.conftest import ADMIN_PASSWORD, USER_PASSWORD


@pytest.fixture
def gent(vault):
    session, _ = vault.create(NewOrganisation("OCMW Gent", "44021", "nl"), "admin",
                              ADMIN_PASSWORD, language="fr")
    yield Services.for_session(session)
    session.close()


def test_a_user_added_in_the_dialog_gets_the_organisations_language(qtbot, lang, gent, vault):
    dialog = UsersDialog(lang, gent.users)  # the administrator works in French
    qtbot.addWidget(dialog)
    form = dialog.add_user()
    languages = [form.language.itemText(i) for i in range(form.language.count())]
    assert languages == ["Français", "Nederlands", "Deutsch", "English", "Українська"]
    assert form.language.currentData() == "nl"  # Gent speaks Dutch
    form.username.setText("an")
    form.password.setText(USER_PASSWORD)
    form.confirm.setText(USER_PASSWORD)
    with qtbot.waitSignal(form.accepted):
        form._submit()
    session = vault.login("an", USER_PASSWORD)
    assert session.user.language == "nl"
    session.close()


def test_the_administrator_picks_another_language_and_changes_it_later(qtbot, lang, gent):
    dialog = UsersDialog(lang, gent.users)
    qtbot.addWidget(dialog)
    form = dialog.add_user()
    form.username.setText("olena")
    form.role.setCurrentIndex(form.role.findData(Role.VOLUNTEER))
    form.language.setCurrentIndex(form.language.findData("uk"))
    form.password.setText(USER_PASSWORD)
    form.confirm.setText(USER_PASSWORD)
    form._submit()
    olena = next(u for u in gent.users.list_users() if u.username == "olena")
    assert olena.language == "uk"
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, 0).text() == "olena")
    assert dialog.table.item(row, 3).text() == "Українська"
    dialog.table.selectRow(row)
    chosen = next(a for a in dialog.language_actions.actions() if a.isChecked())
    assert chosen.data() == "uk"
    english = next(a for a in dialog.language_actions.actions() if a.data() == "en")
    english.trigger()
    assert next(u for u in gent.users.list_users() if u.username == "olena").language == "en"
    assert dialog.table.item(row, 3).text() == "English"
    assert dialog.table.currentRow() == row  # still selected for the next change
