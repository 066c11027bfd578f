"""Open conflicts, one section per field: the value before, mine and the other desktop's,
each with who and when; keep mine, take theirs, or type a value. The choice is an ordinary
local change (it works offline and goes with the next sync); it is written off the GUI
thread. Of one case (from its case file) or of all cases (from the menu)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.services import Services
from desktop.sync.conflict_view import ConflictView, Side, conflict_views
from desktop.sync.conflicts import resolve
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.sync.shown_values import entity_label, field_label, moment_text, value_text
from desktop.ui.sync.value_editor import ValueEditor
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, emphasise, error_text


def breakable(text: str, run: int = 40) -> str:
    """Long runs without a space (a key, a pasted address) given places to wrap: a word-
    wrapped label cannot break them and would widen the dialog past the screen."""
    words = text.split(" ")
    return " ".join(
        "\u200b".join(word[i:i + run] for i in range(0, len(word), run)) if len(word) > run
        else word for word in words)


class ConflictSection(QGroupBox):
    """One conflicting field and the choice about it."""

    chosen = Signal(object, str, object)  # the section, keep (mine|theirs|value), value

    def __init__(self, lang: UiLanguage, view: ConflictView, show_record: bool) -> None:
        super().__init__()
        self.view = view
        tr = lang.tr
        label = tr("conflicts.deleted_or_edited") if view.deletion else field_label(tr, view.field)
        where = f"{entity_label(tr, view.entity)} · {view.place.label}" if show_record \
            else entity_label(tr, view.entity)
        self.setTitle(f"{label} — {where}")
        grid = QGridLayout()
        for column, key in enumerate(("conflicts.value", "conflicts.who", "conflicts.when"), 1):
            grid.addWidget(emphasise(QLabel(tr(key)), 0), 0, column)
        rows: list[tuple[str, Any, Side | None]] = [
            ("conflicts.base", view.base, None), ("conflicts.mine", view.mine.value, view.mine),
            ("conflicts.theirs", view.theirs.value, view.theirs)]
        for row, (key, value, side) in enumerate(rows, 1):
            grid.addWidget(QLabel(tr(key)), row, 0)
            shown = QLabel(tr("case.restricted") if view.masked
                           else breakable(self._text(lang, value)))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(shown, row, 1)
            if side is not None:
                grid.addWidget(QLabel(side.by or "—"), row, 2)
                grid.addWidget(QLabel(moment_text(lang.code, side.at) if side.at else "—"),
                               row, 3)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        self.keep_mine = QRadioButton(tr("conflicts.keep_mine"))
        self.take_theirs = QRadioButton(tr("conflicts.take_theirs"))
        self.edit_value = QRadioButton(tr("conflicts.edit_value"))
        self.group = QButtonGroup(self)
        choices = QHBoxLayout()
        for button in (self.keep_mine, self.take_theirs, self.edit_value):
            self.group.addButton(button)
            choices.addWidget(button)
        choices.addStretch(1)
        layout.addLayout(choices)
        self.editor: ValueEditor | None = None
        if view.kind is not None and view.kind.editable and not view.masked:
            self.editor = ValueEditor(lang, view.kind, view.field, view.mine.value)
            self.editor.set_name(f"{label}: {tr('conflicts.edit_value')}")
            self.editor.setEnabled(False)
            self.edit_value.toggled.connect(self._editing)
            layout.addWidget(self.editor)
        else:
            self.edit_value.hide()
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.apply = QPushButton(tr("conflicts.apply"))
        self.apply.setEnabled(False)
        self.apply.clicked.connect(self._apply)
        self.group.buttonToggled.connect(lambda *_: self.apply.setEnabled(view.may_resolve))
        line = QHBoxLayout()
        if view.may_resolve:
            line.addStretch(1)
            line.addWidget(self.apply)
        else:  # said, not offered: the service would refuse the choice anyway
            note = QLabel(tr("conflicts.not_yours" if view.masked
                             else "conflicts.not_yours_to_decide"))
            note.setWordWrap(True)
            line.addWidget(note, 1)
            for widget in (self.keep_mine, self.take_theirs, self.edit_value, self.apply,
                           *([self.editor] if self.editor else [])):
                widget.setEnabled(False)
                widget.hide()
        layout.addLayout(line)

    def _text(self, lang: UiLanguage, value: Any) -> str:
        if self.view.deletion and isinstance(value, bool):  # deleted, or not yet
            return lang.tr("conflicts.deleted" if value else "conflicts.not_deleted")
        return value_text(lang.tr, self.view.field, value)

    def _editing(self, on: bool) -> None:
        if self.editor is not None:
            self.editor.setEnabled(on)
            if on:
                self.editor.focus()

    def _apply(self) -> None:
        if self.keep_mine.isChecked():
            self.chosen.emit(self, self.view.mine_key, None)
        elif self.take_theirs.isChecked():
            self.chosen.emit(self, self.view.theirs_key, None)
        elif self.edit_value.isChecked() and self.editor is not None:
            self.chosen.emit(self, "value", self.editor.value())

    def busy(self, on: bool) -> None:
        for widget in (self.apply, self.keep_mine, self.take_theirs, self.edit_value):
            widget.setEnabled(not on)


class ConflictsDialog(QDialog):
    """``case_id``: only that case's conflicts (from its case file); None: every case's."""

    resolved = Signal()

    def __init__(self, lang: UiLanguage, services: Services, tasks: TaskRunner,
                 case_id: uuid.UUID | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.tasks, self.case_id = lang, services, tasks, case_id
        self.engine, self.actor = services.session.engine, services.session.actor
        tr = lang.tr
        self.setWindowTitle(tr("conflicts.title"))
        intro = QLabel(tr("conflicts.intro"))
        intro.setWordWrap(True)
        self.empty = QLabel(tr("conflicts.none"))
        self.empty.setWordWrap(True)
        self.sections_box = QWidget()
        self.sections = QVBoxLayout(self.sections_box)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.sections_box)
        self.scroll.setAccessibleName(tr("conflicts.title"))
        self.said = QLabel()
        self.said.setWordWrap(True)
        self.error = ErrorLabel()
        close = QPushButton(tr("conflicts.close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.said, 1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        for widget in (intro, self.empty, self.scroll, self.error):
            layout.addWidget(widget)
        # The list takes the room; once it is empty, the room stays below the words
        # instead of spreading them down the dialog.
        layout.setStretchFactor(self.scroll, 1)
        layout.addStretch(0)
        layout.addLayout(buttons)
        self.load()
        fit_to_screen(self, 820, 600)

    def load(self) -> None:
        while self.sections.count():
            item = self.sections.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        try:
            views = conflict_views(self.engine, self.actor, self.case_id)
        except Exception as exc:  # noqa: BLE001 (said in the dialog)
            self.error.show_message(error_text(self.lang, exc))
            views = []
        self.views = views
        for view in views:
            section = ConflictSection(self.lang, view, show_record=self.case_id is None)
            section.chosen.connect(self._chosen)
            self.sections.addWidget(section)
        self.sections.addStretch(1)
        self.empty.setVisible(not views)
        self.scroll.setVisible(bool(views))

    def section_widgets(self) -> list[ConflictSection]:
        return [self.sections.itemAt(i).widget() for i in range(self.sections.count())
                if isinstance(self.sections.itemAt(i).widget(), ConflictSection)]

    def _chosen(self, section: ConflictSection, keep: str, value: Any) -> None:
        section.busy(True)
        section.error.show_message("")
        engine, actor, conflict_id = self.engine, self.actor, str(section.view.id)

        def work(_progress: Callable[[int, int], None]) -> None:
            resolve(engine, actor, conflict_id, keep, value)

        self.tasks.run(work, lambda _result: self._done(), lambda exc: self._failed(section, exc),
                       owner=self)

    def _done(self) -> None:
        self.said.setText(self.lang.tr("conflicts.resolved"))
        self.load()
        self.resolved.emit()

    def _failed(self, section: ConflictSection, error: BaseException) -> None:
        section.busy(False)
        section.error.show_message(error_text(self.lang, error))  # what was typed stays


def open_conflicts(parent: QWidget | None, lang: UiLanguage, services: Services,
                   tasks: TaskRunner, case_id: uuid.UUID | None = None) -> ConflictsDialog:
    """Open (not exec) the conflicts dialog; it deletes itself when closed."""
    dialog = ConflictsDialog(lang, services, tasks, case_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
