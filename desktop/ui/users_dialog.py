"""User management for administrators: add, reset a password, choose a user's language,
disable or enable. The service refuses these actions to other roles; the menu entry is hidden
for them too."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import Role
from desktop.core.i18n import LANGUAGE_NAMES, LANGUAGES
from desktop.core.passwords import normalise_username
from desktop.core.users import UserService
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.unsaved import UnsavedChanges
from desktop.ui.widgets import (
    ErrorLabel,
    PasswordField,
    PasswordRules,
    error_text,
    fit_columns,
)


class UsersDialog(QDialog):
    def __init__(self, lang: UiLanguage, users: UserService, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang, self.users = lang, users
        tr = lang.tr
        self.setWindowTitle(tr("users.window_title"))
        self.table = QTableWidget(0, 5)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setHorizontalHeaderLabels([tr("users.username"), tr("users.display_name"),
                                              tr("users.role"), tr("users.language"),
                                              tr("users.state")])
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(tr("users.window_title"))
        self.add_button = QPushButton(tr("users.add"))
        self.reset_button = QPushButton(tr("users.reset_password"))
        self.toggle_button = QPushButton(tr("users.disable"))
        # the language a user's window opens in, each language in its own name
        self.language_button = QPushButton(tr("users.change_language"))
        self.language_menu = QMenu(self.language_button)
        self.language_actions = QActionGroup(self)
        for code in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[code], self.language_menu, checkable=True)
            action.setData(code)
            self.language_actions.addAction(action)
            self.language_menu.addAction(action)
        self.language_actions.triggered.connect(self._language_chosen)
        self.language_button.setMenu(self.language_menu)
        self.error = ErrorLabel()
        buttons = QHBoxLayout()
        for button in (self.add_button, self.reset_button, self.language_button,
                       self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.toggle_button.clicked.connect(self._toggle)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        fit_to_screen(self, 680, 420)
        self.refresh()

    def refresh(self) -> None:
        tr = self.lang.tr
        accounts = self.users.list_users()
        self.table.setRowCount(len(accounts))
        for row, user in enumerate(accounts):
            values = [user.username, user.display_name, tr.choice("role", user.role),
                      LANGUAGE_NAMES.get(user.language, user.language),
                      tr("user.active") if user.active else tr("user.disabled")]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole,
                             (user.id, user.active, user.username, user.language))
                self.table.setItem(row, column, item)
        fit_columns(self.table)
        self._selection_changed()

    def _selected(self) -> tuple[uuid.UUID, bool, str, str] | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _selection_changed(self) -> None:
        selected = self._selected()
        self.reset_button.setEnabled(selected is not None)
        self.toggle_button.setEnabled(selected is not None)
        self.language_button.setEnabled(selected is not None)
        if selected is not None:
            self.toggle_button.setText(self.lang.tr("users.disable" if selected[1]
                                                    else "users.enable"))
            for action in self.language_actions.actions():
                action.setChecked(action.data() == selected[3])

    def _open(self, dialog: PasswordDialog) -> PasswordDialog:
        # open(), not exec(): the idle lock may hide the dialog and bring it back intact.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self.refresh)
        dialog.open()
        return dialog

    def add_user(self) -> PasswordDialog:
        dialog = PasswordDialog(self.lang, self, with_identity=True,
                                language=self.users.default_language(self.lang.code))
        dialog.on_submit = lambda: self.users.add_user(
            dialog.username.text(), dialog.role.currentData(), dialog.password.text(),
            display_name=dialog.display_name.text(), language=dialog.language.currentData())
        return self._open(dialog)

    def reset_password(self) -> PasswordDialog | None:
        selected = self._selected()
        if selected is None:
            return None
        user_id, _, username, _ = selected
        dialog = PasswordDialog(self.lang, self, with_identity=False, username=username)
        dialog.on_submit = lambda: self.users.reset_password(user_id, dialog.password.text())
        return self._open(dialog)

    def _toggle(self) -> None:
        selected = self._selected()
        if selected is not None:
            self._apply(lambda: self.users.set_active(selected[0], not selected[1]))

    def _language_chosen(self, action: QAction) -> None:
        selected = self._selected()
        if selected is not None:
            self._apply(lambda: self.users.set_user_language(selected[0], action.data()))

    def _apply(self, change) -> None:
        """Makes a change to the selected user, keeping them selected."""
        row = self.table.currentRow()
        try:
            change()
        except Exception as exc:  # noqa: BLE001 (shown next to the fields, which stay filled)
            self.error.show_message(error_text(self.lang, exc))
            return
        self.error.show_message("")
        self.refresh()
        self.table.selectRow(row)


class PasswordDialog(QDialog):
    """Add a user (identity, role, temporary password) or set a temporary password."""

    def __init__(self, lang: UiLanguage, parent: QWidget, with_identity: bool,
                 username: str = "", language: str = "") -> None:
        super().__init__(parent)
        self.lang = lang
        tr = lang.tr
        self.on_submit = lambda: None
        self.setWindowTitle(tr("users.add_title" if with_identity else "users.reset_title",
                               username=username))
        self.username = QLineEdit(username)
        self.display_name = QLineEdit()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(tr.choice("role", role), role)
        self.role.setCurrentIndex(list(Role).index(Role.SOCIAL_WORKER))
        self.language = QComboBox()  # each language in its own name
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        self.password, self.confirm = PasswordField(), PasswordField()
        self.rules = PasswordRules(lang)
        self.error = ErrorLabel()
        form = QFormLayout()
        if with_identity:
            form.addRow(tr("setup.username"), self.username)
            form.addRow(tr("setup.display_name"), self.display_name)
            form.addRow(tr("users.role"), self.role)
            form.addRow(tr("users.language"), self.language)
        form.addRow(tr("users.temporary_password"), self.password)
        form.addRow(tr("setup.confirm_password"), self.confirm)
        self.username.setAccessibleName(tr("setup.username"))
        self.password.setAccessibleName(tr("users.temporary_password"))
        self.confirm.setAccessibleName(tr("setup.confirm_password"))
        self.role.setAccessibleName(tr("users.role"))
        self.language.setAccessibleName(tr("users.language"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rules)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for field in (self.username, self.password):
            field.textChanged.connect(self._changed)
        self.unsaved = UnsavedChanges(lang, self)

    def reject(self) -> None:
        # Escape, Cancel and the close button: what was typed is not dropped unasked.
        if self.unsaved.confirm_close(super().reject):
            super().reject()

    def _changed(self) -> None:
        self.rules.update_rules(self.password.text(), normalise_username(self.username.text()))

    def _submit(self) -> None:
        if self.password.text() != self.confirm.text():
            self.error.show_message(self.lang.tr("password.mismatch"))
            return
        try:
            self.on_submit()
        except Exception as exc:  # noqa: BLE001 (shown next to the fields, which stay filled)
            self.error.show_message(error_text(self.lang, exc))
            return
        self.accept()
