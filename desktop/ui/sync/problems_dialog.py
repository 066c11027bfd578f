"""Changes the central refused: the reason in the user's words, the record, and two ways out.
Edit and send again (a simple field right here, a person in their usual edit screen, any
other record in its case file), or discard (the record goes back to the central's version;
audited). Writes run off the GUI thread; one refused change never holds back the others."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.roles import Permission
from desktop.services import Services
from desktop.sync.entities import model_of
from desktop.sync.field_values import field_kind
from desktop.sync.problems import MASK, Problem, discard, problems, reason_message, resend
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.sync.shown_values import entity_label, field_label, moment_text, value_text
from desktop.ui.sync.value_editor import ValueEditor
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text

COLUMNS = ("problems.col_record", "problems.col_change", "problems.col_reason",
           "problems.col_when")


def _short(text: str, limit: int = 120) -> str:
    """A long value (the very long text the central refused) cut for reading."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def reason_text(lang: UiLanguage, reason: str) -> str:
    key, params = reason_message(reason)
    return lang.tr(key, **params)


class ProblemsDialog(QDialog):
    """``open_case``: how to open a case file (the main window's), for a record that is
    edited there; None hides that way."""

    changed = Signal()

    def __init__(self, lang: UiLanguage, services: Services, tasks: TaskRunner,
                 open_case: Callable[[uuid.UUID], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.tasks, self.open_case = lang, services, tasks, open_case
        self.engine, self.actor = services.session.engine, services.session.actor
        tr = lang.tr
        self.setWindowTitle(tr("problems.title"))
        intro = QLabel(tr("problems.intro"))
        intro.setWordWrap(True)
        self.empty = QLabel(tr("problems.none"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(key) for key in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # Record and change keep their width; the reason takes the rest, elided (whole in the
        # tooltip and below the table), so the list never scrolls sideways.
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 2
                                        else QHeaderView.ResizeMode.Interactive)
        self.table.setAccessibleName(tr("problems.title"))
        self.table.currentCellChanged.connect(lambda *_: self._show_current())
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor_box = QVBoxLayout()
        self.editor: ValueEditor | None = None
        self.send_value = QPushButton(tr("problems.send_value"))
        self.send_value.clicked.connect(self._send_value)
        self.edit_button = QPushButton(tr("problems.edit"))
        self.edit_button.clicked.connect(self.edit_current)
        self.resend_button = QPushButton(tr("problems.resend"))
        self.resend_button.clicked.connect(lambda: self._act("resend"))
        self.discard_button = QPushButton(tr("problems.discard"))
        self.discard_button.clicked.connect(self._ask_discard)
        self.confirm = QLabel(tr("problems.discard_question"))
        self.confirm.setWordWrap(True)
        self.confirm_button = QPushButton(tr("problems.discard_confirm"))
        self.confirm_button.clicked.connect(lambda: self._act("discard"))
        self.error = ErrorLabel()
        self.said = QLabel()
        self.said.setWordWrap(True)
        close = QPushButton(tr("conflicts.close"))
        close.clicked.connect(self.accept)
        for button in (self.send_value, self.edit_button, self.resend_button,
                       self.discard_button, self.confirm_button, close):
            button.setAutoDefault(False)  # Enter in the editor never discards
        actions = QHBoxLayout()
        for button in (self.edit_button, self.resend_button, self.discard_button):
            actions.addWidget(button)
        actions.addStretch(1)
        confirm = QHBoxLayout()
        confirm.addWidget(self.confirm, 1)
        confirm.addWidget(self.confirm_button)
        value_line = QHBoxLayout()
        value_line.addLayout(self.editor_box, 1)
        value_line.addWidget(self.send_value)
        bottom = QHBoxLayout()
        bottom.addWidget(self.said, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addLayout(value_line)
        layout.addLayout(actions)
        layout.addLayout(confirm)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.load()
        fit_to_screen(self, 860, 560)

    # -- the list ----------------------------------------------------------------------------

    def load(self) -> None:
        try:
            self.problems = problems(self.engine, self.actor)
        except Exception as exc:  # noqa: BLE001 (said in the dialog)
            self.error.show_message(error_text(self.lang, exc))
            self.problems = []
        tr = self.lang.tr
        self.table.setRowCount(len(self.problems))
        for row, problem in enumerate(self.problems):
            record = f"{entity_label(tr, problem.entity)} · {problem.place.label or '—'}"
            change = tr(f"problems.op_{problem.op}")
            if problem.fields and problem.op == "update":
                change = tr.labelled(change, ", ".join(field_label(tr, name)
                                                       for name in problem.fields))
            for column, text in enumerate((record, change, reason_text(self.lang, problem.reason),
                                           moment_text(self.lang.code, problem.at))):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        for column in (0, 1, 3):
            self.table.resizeColumnToContents(column)
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 300))
        self.empty.setVisible(not self.problems)
        self.table.setVisible(bool(self.problems))
        if self.problems:
            self.table.setCurrentCell(0, 0)
        self._show_current()

    def current(self) -> Problem | None:
        row = self.table.currentRow()
        return self.problems[row] if 0 <= row < len(self.problems) else None

    def _show_current(self) -> None:
        problem = self.current()
        tr = self.lang.tr
        self._hide_confirm()
        if self.editor is not None:  # out of sight now, deleted when Qt gets round to it
            self.editor_box.removeWidget(self.editor)
            self.editor.hide()
            self.editor.deleteLater()
            self.editor = None
        may = problem is not None and problem.may_act
        for button in (self.edit_button, self.resend_button, self.discard_button):
            button.setVisible(problem is not None)
            button.setEnabled(may)
        self.send_value.setVisible(False)
        if problem is None:
            self.details.setText("")
            return
        lines = [reason_text(self.lang, problem.reason)]
        for name, (old, new) in problem.fields.items():
            shown = [tr("case.restricted") if v is MASK else _short(value_text(tr, name, v))
                     for v in (old, new)]
            lines.append(tr("problems.field_change", field=field_label(tr, name),
                            old=shown[0], new=shown[1]) if problem.op == "update" else
                         f"{field_label(tr, name)}: {shown[1]}")
        if problem.by:
            lines.append(tr("problems.made_by", who=problem.by))
        self.details.setText("\n".join(lines[:12]))
        name = problem.editable_field
        model = model_of(problem.entity)
        if may and name is not None and model is not None:
            self.editor = ValueEditor(self.lang, field_kind(model, name), name,
                                      problem.fields[name][1])
            self.editor.set_name(field_label(tr, name))
            self.editor_box.addWidget(self.editor)
            self.send_value.setVisible(True)
        self.edit_button.setVisible(self._edit_screen(problem) is not None)

    def _edit_screen(self, problem: Problem) -> str | None:
        if problem.entity == "person" and self.actor.can(Permission.EDIT_CASES):
            return "person"
        if problem.place.case_id is not None and self.open_case is not None:
            return "case"
        return None

    # -- the ways out ------------------------------------------------------------------------

    def edit_current(self) -> QDialog | None:
        """The record's usual edit screen; a person saved there is sent again at once."""
        problem = self.current()
        if problem is None:
            return None
        if self._edit_screen(problem) == "person":
            from desktop.ui.person_dialog import PersonDialog

            dialog = PersonDialog(self.lang, self.services, problem.entity_id, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            change_id = str(problem.change_id)
            dialog.accepted.connect(lambda: self._run(lambda: resend(
                self.engine, self.actor, change_id), "problems.resent"))
            dialog.open()
            return dialog
        if self._edit_screen(problem) == "case" and self.open_case is not None:
            self.open_case(problem.place.case_id)  # type: ignore[arg-type]
            self.said.setText(self.lang.tr("problems.edit_in_case"))
        return None

    def _send_value(self) -> None:
        problem = self.current()
        if problem is None or self.editor is None or problem.editable_field is None:
            return
        change_id, name, value = str(problem.change_id), problem.editable_field, \
            self.editor.value()
        self._run(lambda: resend(self.engine, self.actor, change_id, name, value),
                  "problems.resent")

    def _ask_discard(self) -> None:
        self.confirm.show()
        self.confirm_button.show()
        self.confirm_button.setFocus()

    def _hide_confirm(self) -> None:
        self.confirm.hide()
        self.confirm_button.hide()

    def _act(self, what: str) -> None:
        problem = self.current()
        if problem is None:
            return
        change_id = str(problem.change_id)
        if what == "discard":
            self._run(lambda: discard(self.engine, self.actor, change_id), "problems.discarded")
        else:
            self._run(lambda: resend(self.engine, self.actor, change_id), "problems.resent")

    def _run(self, write: Callable[[], None], said: str) -> None:
        self.error.show_message("")
        self._busy(True)

        def work(_progress: Callable[[int, int], None]) -> None:
            write()

        self.tasks.run(work, lambda _r: self._done(said), self._failed, owner=self)

    def _busy(self, on: bool) -> None:
        for button in (self.send_value, self.edit_button, self.resend_button,
                       self.discard_button, self.confirm_button):
            button.setEnabled(not on)

    def _done(self, said: str) -> None:
        self._busy(False)
        self.said.setText(self.lang.tr(said))
        self.load()
        self.changed.emit()

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.error.show_message(error_text(self.lang, error))  # the typed value stays


def open_problems(parent: QWidget | None, lang: UiLanguage, services: Services,
                  tasks: TaskRunner, open_case: Callable[[uuid.UUID], Any] | None = None
                  ) -> ProblemsDialog:
    """Open (not exec) the problems panel; it deletes itself when closed."""
    dialog = ProblemsDialog(lang, services, tasks, open_case, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
