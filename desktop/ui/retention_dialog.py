"""The administrator's retention dialog: the rules (off until turned on, with suggested
values), a preview of what they would anonymise today and why, and Apply, which asks once
more naming the count and then runs off the GUI thread with its progress."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.core.enums import RetentionKind
from desktop.core.retention.candidates import RetentionPreview
from desktop.core.retention.rules import LIMITS
from desktop.core.retention.service import RetentionResult, RetentionService
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text

COLUMNS = ("retention.column.file", "retention.column.person", "retention.column.why")
SHOWN_ROWS = 2000  # the list shows this many; the count and Apply cover them all


class RetentionDialog(QDialog):
    def __init__(self, lang: UiLanguage, retention: RetentionService, tasks: TaskRunner,
                 on_done: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.retention, self.tasks, self.on_done = lang, retention, tasks, on_done
        self.preview: RetentionPreview | None = None
        tr = lang.tr
        self.setWindowTitle(tr("retention.dialog_title"))
        hint = QLabel(tr("retention.hint"))
        hint.setWordWrap(True)
        rules_box = QGroupBox(tr("retention.rules_heading"))
        grid = QGridLayout(rules_box)
        self.enabled: dict[RetentionKind, QCheckBox] = {}
        self.after: dict[RetentionKind, QSpinBox] = {}
        for row, (kind, rule) in enumerate(retention.rules().items()):
            check = QCheckBox(tr(f"retention.rule.{kind.value}"))
            check.setChecked(rule.enabled)
            spin = QSpinBox()
            spin.setRange(*LIMITS[kind])
            spin.setValue(rule.after)
            spin.setAccessibleName(tr(f"retention.rule.{kind.value}") + " — "
                                   + tr(f"retention.unit.{rule.unit}"))
            unit = QLabel(tr(f"retention.unit.{rule.unit}"))
            unit.setBuddy(spin)
            grid.addWidget(check, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(unit, row, 2)
            self.enabled[kind], self.after[kind] = check, spin
        grid.setColumnStretch(2, 1)
        self.save_button = QPushButton(tr("retention.save_rules"))
        self.save_button.clicked.connect(self.save_rules)
        grid.addWidget(self.save_button, len(self.enabled), 0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(key) for key in COLUMNS])
        self.table.setAccessibleName(tr("retention.list_name"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("retention.progress_name"))
        self.progress.hide()
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.preview_button = self.buttons.addButton(tr("retention.preview_button"),
                                                     QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = self.buttons.addButton(tr("retention.apply_button"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button.setEnabled(False)  # only once a preview shows what it will do
        self.preview_button.clicked.connect(self.run_preview)
        self.apply_button.clicked.connect(self.ask_to_apply)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(rules_box)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 820, 600)

    # -- rules ----------------------------------------------------------------------------

    def save_rules(self) -> bool:
        try:
            for kind, check in self.enabled.items():
                self.retention.set_rule(kind, self.after[kind].value(), check.isChecked())
        except Exception as exc:  # noqa: BLE001 (said in the dialog, the values stay)
            self.error.show_message(error_text(self.lang, exc))
            return False
        self.error.show_message("")
        self.status.setText(self.lang.tr("retention.saved"))
        self._forget_preview()
        return True

    def _forget_preview(self) -> None:
        """A preview made under other rules must not be applied."""
        self.preview = None
        self.apply_button.setEnabled(False)

    # -- preview --------------------------------------------------------------------------

    def run_preview(self) -> None:
        if not self.save_rules():
            return
        self._busy(self.lang.tr("retention.preview_running"))
        self.tasks.run(lambda _progress: self.retention.preview(), self._previewed,
                       self._failed)

    def _previewed(self, preview: RetentionPreview) -> None:
        tr = self.lang.tr
        self._idle()
        self.preview = preview
        rows = [(due.file_number, due.name or tr("person.anonymised"),
                 tr(f"retention.why.{due.rule.value}",
                    status=tr.choice("case_status", due.status),
                    since=tr.date(due.since)))
                for due in preview.persons]
        rows += [("", tr("retention.rule.drafts"),
                  tr("retention.draft_line", user=draft.username,
                     saved=tr.date(draft.saved_at.date())))
                 for draft in preview.drafts]
        self.table.setRowCount(min(len(rows), SHOWN_ROWS))
        for row, values in enumerate(rows[:SHOWN_ROWS]):
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(text)  # the reason is long: read whole where it is cut
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.status.setText(self._summary(preview) if preview.count
                            else tr("retention.nothing_due"))
        self.apply_button.setEnabled(preview.count > 0)

    def _summary(self, preview: RetentionPreview) -> str:
        tr = self.lang.tr
        return tr("retention.summary",
                  anonymised=tr.plural("retention.persons", len(preview.persons)),
                  deleted=tr.plural("retention.drafts", len(preview.drafts)))

    # -- apply ----------------------------------------------------------------------------

    def ask_to_apply(self) -> QMessageBox | None:
        if self.preview is None or not self.preview.count:
            return None
        tr = self.lang.tr
        box = QMessageBox(QMessageBox.Icon.Warning, tr("retention.confirm_title"),
                          tr("retention.confirm_text", summary=self._summary(self.preview)),
                          QMessageBox.StandardButton.Cancel, self)
        confirm = box.addButton(tr("retention.confirm_button"),
                                QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter never anonymises
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.apply() if button is confirm else None)
        box.open()
        return box

    def apply(self) -> None:
        preview = self.preview
        if preview is None:
            return
        self._busy(self.lang.tr("retention.running"))
        self.progress.setRange(0, max(1, preview.count))
        self.progress.setValue(0)
        self.progress.show()
        self.tasks.run(lambda progress: self.retention.apply(preview, progress),
                       self._applied, self._failed, self._progressed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)

    def _applied(self, result: RetentionResult) -> None:
        tr = self.lang.tr
        self._idle()
        self.progress.hide()
        self._forget_preview()
        self.table.setRowCount(0)
        self.status.setText(tr("retention.done",
                               anonymised=tr.plural("retention.persons",
                                                    sum(result.persons.values())),
                               deleted=tr.plural("retention.drafts", result.drafts)))
        self.on_done()

    # -- state ----------------------------------------------------------------------------

    def _busy(self, text: str) -> None:
        self.error.show_message("")
        self.status.setText(text)
        for widget in (self.preview_button, self.apply_button, self.save_button):
            widget.setEnabled(False)

    def _idle(self) -> None:
        self.preview_button.setEnabled(True)
        self.save_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self._idle()
        self.progress.hide()
        self.status.setText("")
        self.error.show_message(error_text(self.lang, error))
