"""Import wizard: file → column mapping → dry-run report → import. Reading, checking and
writing run off the GUI thread (a large file never freezes the window); the import can be
cancelled and then writes nothing."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.exchange.cells import unguard
from desktop.exchange.columns import CANONICAL, Mapping, column_letter
from desktop.exchange.ignored import IgnoredColumn, ignored_columns, missing_text
from desktop.exchange.importer import GROUPINGS, ImportPlan, ImportResult
from desktop.exchange.mappings import load_mapping, save_mapping, saved_names
from desktop.exchange.summaries import import_done, import_summary
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.ui.file_dialogs import ask_open_path
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text, fit_columns

# Bare patterns: file_dialogs describes them in the interface language ("Spreadsheet",
# "Excel workbook"…). Every kind exchange/sheets.py reads first, then each on its own.
SPREADSHEET_FILES = ("*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt;;*.xlsx *.xlsm *.xls;;"
                     "*.ods;;*.csv")

WIDEST_TEXT = 40  # characters of a header or of examples shown before the column cuts them
WRAPPED_LINES = 300  # problems each sized to its text; beyond, cut (whole in the tooltip)


class ImportWizard(QWizard):
    imported = Signal(object)  # ImportResult

    def __init__(self, lang: UiLanguage, services: Services, paths: DataPaths,
                 tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.paths, self.tasks = lang, services, paths, tasks
        self.table_rows: list[list[Any]] = []
        self.mapping: Mapping | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.cancel_flag = threading.Event()
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.report_page = ReportPage(self)
        self.run_page = RunPage(self)
        for page in (self.file_page, self.mapping_page, self.report_page, self.run_page):
            self.addPage(page)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        # The last page runs the import: Cancel stops it, going back makes no sense.
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        fit_to_screen(self, 980, 640)
        tr = lang.tr
        self.setWindowTitle(tr("importer.window_title"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("setup.next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("setup.back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("setup.finish_close"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("setup.cancel"))

    def reject(self) -> None:
        self.cancel_flag.set()  # an import under way stops and writes nothing
        super().reject()


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        tr = wizard.lang.tr
        self.setTitle(tr("importer.file_title"))
        self.setSubTitle(tr("importer.file_intro"))
        self.path = QLineEdit()
        self.path.setAccessibleName(tr("importer.file_title"))
        browse = QPushButton(tr("importer.browse"))
        browse.clicked.connect(self._browse)
        self.saved = QComboBox()
        self.saved.addItem(tr("importer.mapping_automatic"), "")
        for name in saved_names(wizard.paths):
            self.saved.addItem(name, name)
        self.saved.setAccessibleName(tr("importer.mapping_saved"))
        self.error = ErrorLabel()
        # While the file is read: said in words (a moving bar shows no text) and moving.
        self.reading_label = QLabel(tr("importer.reading"))
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(tr("importer.reading"))
        self.reading_label.hide()
        self.busy.hide()
        self.browse = browse
        self.reading = False
        self.ready: tuple[list[list[Any]], Mapping] | None = None  # read, not yet shown
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(QLabel(tr("importer.mapping_saved")))
        layout.addWidget(self.saved)
        layout.addWidget(self.reading_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        chosen = ask_open_path(self, self.w.lang, self.w.lang.tr("importer.file_title"),
                               SPREADSHEET_FILES)
        if chosen is not None:
            self.path.setText(str(chosen))

    def isComplete(self) -> bool:
        return bool(self.path.text().strip()) and not self.reading

    def validatePage(self) -> bool:
        """Next starts reading the file in the background and stays here; when the file is
        read, the wizard moves on by itself (or says why not, under the file name)."""
        if self.ready is not None:
            (self.w.table_rows, self.w.mapping), self.ready = self.ready, None
            return True
        if not self.reading:
            self._read(Path(self.path.text().strip()), self.saved.currentData())
        return False

    def _read(self, path: Path, saved_name: str) -> None:
        imports, paths = self.w.services.imports, self.w.paths

        def work(_progress: Any) -> tuple[list[list[Any]], Mapping]:
            table, mapping = imports.read(path)
            if saved_name:
                saved = load_mapping(paths, saved_name)
                mapping = Mapping.from_saved(saved, table.rows[mapping.header_row],
                                             mapping.header_row)
            return table.rows, mapping

        self._busy(True)
        self.error.show_message("")
        self.w.tasks.run(work, self._read_done, self._read_failed)

    def _busy(self, reading: bool) -> None:
        self.reading = reading
        self.busy.setVisible(reading)
        self.reading_label.setVisible(reading)
        for widget in (self.path, self.browse, self.saved):
            widget.setEnabled(not reading)  # what is being read stays what was chosen
        self.completeChanged.emit()

    def _read_done(self, result: tuple[list[list[Any]], Mapping]) -> None:
        self._busy(False)
        if self.w.currentPage() is not self or not self.w.isVisible():
            return  # the wizard was cancelled while reading
        self.ready = result
        self.w.next()

    def _read_failed(self, error: BaseException) -> None:
        self._busy(False)  # said under the file name, which stays
        self.error.show_message(error_text(self.w.lang, error))


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        tr = wizard.lang.tr
        self.setTitle(tr("importer.mapping_title"))
        self.setSubTitle(tr("importer.mapping_intro"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([tr("importer.col_header"),
                                              tr("importer.col_examples"),
                                              tr("importer.col_meaning")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(tr("importer.mapping_title"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("importer.mapping_name"))
        self.name.setAccessibleName(tr("importer.mapping_name"))
        save = QPushButton(tr("importer.mapping_save"))
        save.clicked.connect(self._save)
        self.saved = QLabel()
        self.error = ErrorLabel()
        self.ignored = IgnoredNotice(wizard)
        self.missing = IgnoredNotice(wizard)  # saved-mapping columns this file lacks
        row = QHBoxLayout()
        row.addWidget(self.name, 1)
        row.addWidget(save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)
        layout.addWidget(self.ignored)
        layout.addLayout(row)
        layout.addWidget(self.saved)
        layout.addWidget(self.error)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        tr = self.w.lang.tr
        mapping = self.w.mapping
        assert mapping is not None
        rows = self.w.table_rows
        headers = rows[mapping.header_row] if rows else []
        # As wide as the widest row: a column with data but no header is choosable too.
        width = max([len(headers), *(len(r) for r in rows[mapping.header_row + 1:])])
        self.table.setRowCount(width)
        self.table.setVerticalHeaderLabels([column_letter(i) for i in range(width)])
        self.combos = []
        for index in range(width):
            header = headers[index] if index < len(headers) else None
            self.table.setItem(index, 0, QTableWidgetItem(str(header or "")))
            # As the import will read them (an export's quote before "=…" taken off).
            examples = [str(unguard(r[index])) for r in rows[mapping.header_row + 1:
                                                    mapping.header_row + 4]
                        if index < len(r) and r[index] not in (None, "")]
            shown = QTableWidgetItem(" · ".join(examples))
            shown.setToolTip(shown.text())  # whole, when the column cuts it
            self.table.setItem(index, 1, shown)
            combo = QComboBox()
            combo.addItem(tr("importer.ignore"), "")
            for name in CANONICAL:
                combo.addItem(tr(f"importer.column_{name}"), name)
            # A second column with a known meaning shows it, and is listed as a duplicate.
            meaning = mapping.columns.get(index) or mapping.duplicates.get(index, "")
            combo.setCurrentIndex(max(0, combo.findData(meaning)))
            combo.setAccessibleName(  # the letter too: a column may have no header
                f"{tr('importer.col_meaning')} {column_letter(index)} {header or ''}".strip())
            combo.currentIndexChanged.connect(self._show_ignored)
            self.table.setCellWidget(index, 2, combo)
            self.combos.append(combo)
        fit_columns(self.table)  # the meanings column still reaches the right edge
        # A long header or remark must not push the meanings off a small screen: cut, and
        # whole in the tooltip.
        widest = self.table.fontMetrics().averageCharWidth() * WIDEST_TEXT
        for column in (0, 1):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))
        self.missing.show_missing(mapping.missing)
        self._show_ignored()

    def chosen(self) -> Mapping:
        """What the combos say; a meaning chosen twice is kept from its first column and
        the other column is reported, not dropped silently."""
        assert self.w.mapping is not None
        mapping = Mapping(header_row=self.w.mapping.header_row)
        for index, combo in enumerate(self.combos):
            if combo.currentData():
                mapping.assign(index, combo.currentData())
        mapping.missing = dict(self.w.mapping.missing)
        return mapping

    def _show_ignored(self) -> None:
        ignored = ignored_columns(self.w.table_rows, self.chosen())
        self.ignored.show_columns(ignored)
        left_out = {column.index: column for column in ignored}
        for index in range(self.table.rowCount()):
            item = self.table.item(index, 0)
            font = item.font()
            font.setItalic(index in left_out)  # besides the notice, not instead of it
            item.setFont(font)
            item.setToolTip(left_out[index].describe(self.w.lang.tr) if index in left_out
                            else item.text())

    def _save(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        rows = self.w.table_rows
        mapping = self.chosen()
        try:
            save_mapping(self.w.paths, name, mapping, rows[mapping.header_row])
        except OSError as exc:
            self.error.show_message(error_text(self.w.lang, exc))
            return
        self.saved.setText(self.w.lang.tr("importer.mapping_saved_as", name=name))

    def validatePage(self) -> bool:
        self.w.mapping = self.chosen()
        return True


class IgnoredNotice(QLabel):
    """The columns an import leaves out, by letter and header, where the person decides."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setWordWrap(True)
        self.setStyleSheet("color: #8a4b00;")  # amber: to read, not an error
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_columns(self, ignored: list[IgnoredColumn]) -> None:
        """Letters and headers in the text (short, so forty columns still fit); why each
        one is left out in the tooltip and for screen readers."""
        tr = self.w.lang.tr
        short = ", ".join(column.short(tr) for column in ignored)
        self.setText(tr("importer.ignored_notice", columns=short) if ignored else "")
        why = "\n".join(column.describe(tr) for column in ignored)
        self.setToolTip(why)
        self.setAccessibleName(self.text())
        self.setAccessibleDescription(why)
        self.setVisible(bool(ignored))

    def show_missing(self, missing: dict[str, str]) -> None:
        """Headers a saved mapping names that this file does not have."""
        tr = self.w.lang.tr
        columns = ", ".join(missing_text(h, m, tr) for h, m in missing.items())
        self.setText(tr("importer.missing_notice", columns=columns) if missing else "")
        self.setToolTip("")
        self.setAccessibleName(self.text())
        self.setVisible(bool(missing))


class ReportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        tr = wizard.lang.tr
        self.setTitle(tr("importer.report_title"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.ignored = IgnoredNotice(wizard)
        self.missing = IgnoredNotice(wizard)  # saved-mapping columns this file lacks
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.problems = QTableWidget(0, 2)
        self.problems.setHorizontalHeaderLabels([tr("importer.col_line"),
                                                 tr("importer.col_reason")])
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.verticalHeader().hide()
        self.problems.setAccessibleName(tr("importer.report_title"))
        self.grouping = QComboBox()
        for mode in GROUPINGS:
            self.grouping.addItem(tr(f"importer.grouping_{mode}"), mode)
        self.grouping.setAccessibleName(tr("importer.grouping"))
        self.grouping.currentIndexChanged.connect(lambda _i: self.initializePage())
        self.households = QTableWidget(0, 2)
        self.households.setHorizontalHeaderLabels([tr("importer.col_lines"),
                                                   tr("importer.col_members")])
        self.households.horizontalHeader().setStretchLastSection(True)
        self.households.verticalHeader().hide()
        self.households.setAccessibleName(tr("importer.households"))
        self.skip_invalid = QCheckBox(tr("importer.skip_invalid"))
        self.skip_invalid.toggled.connect(self.completeChanged)
        self.error = ErrorLabel()
        grouping_row = QHBoxLayout()
        grouping_label = QLabel(tr("importer.grouping"))
        grouping_label.setBuddy(self.grouping)
        grouping_row.addWidget(grouping_label)
        grouping_row.addWidget(self.grouping, 1)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.missing, self.ignored, self.busy):
            layout.addWidget(widget)
        layout.addLayout(grouping_row)
        for widget in (self.households, self.problems, self.skip_invalid, self.error):
            layout.addWidget(widget)
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("importer.import_now"))

    def initializePage(self) -> None:
        self.w.plan = None
        self.busy.show()
        self.summary.setText(self.w.lang.tr("importer.checking"))
        path = Path(self.w.file_page.path.text().strip())
        mapping, grouping = self.w.mapping, self.grouping.currentData()
        self.w.tasks.run(lambda _p: self.w.services.imports.plan(path, mapping,
                                                                 grouping=grouping),
                         self._planned, self._failed)

    def _planned(self, plan: ImportPlan) -> None:
        tr = self.w.lang.tr
        self.w.plan = plan
        self.busy.hide()
        self.summary.setText(import_summary(tr, plan.persons, plan.new_households,
                                            len(plan.duplicates), len(plan.rejected)))
        self.missing.show_missing(plan.mapping.missing)
        self.ignored.show_columns(plan.ignored_columns)
        lines = [(r.line, tr(r.key, **r.params)) for r in plan.rejected + plan.notices]
        lines += [(d.line, tr(d.reason) + (tr("importer.same_as_line", line=d.other_line)
                                          if d.other_line else "")) for d in plan.duplicates]
        lines.sort()
        self.problems.setRowCount(len(lines))
        for row, (line, reason) in enumerate(lines):
            self.problems.setItem(row, 0, QTableWidgetItem(str(line)))
            why = QTableWidgetItem(reason)
            why.setToolTip(reason)
            self.problems.setItem(row, 1, why)
        self.problems.resizeColumnToContents(0)
        if len(lines) <= WRAPPED_LINES:  # a reason is read whole, on as many lines as it needs
            self.problems.resizeRowsToContents()
        shown = plan.households[:500]  # the first ones: enough to see how rows were grouped
        self.households.setRowCount(len(shown))
        for row, planned in enumerate(shown):
            self.households.setItem(row, 0, QTableWidgetItem(", ".join(map(str, planned.lines))))
            names = [f"{m.surname_lat or m.surname_cyr} {m.given_name_lat or m.given_name_cyr}"
                     f" ({tr.choice('relationship', m.relationship)})"
                     for m in planned.household.members]
            members = QTableWidgetItem(" · ".join(names))
            members.setToolTip(members.text())
            self.households.setItem(row, 1, members)
        self.households.resizeColumnToContents(0)
        self.skip_invalid.setVisible(bool(plan.rejected))
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.busy.hide()
        self.error.show_message(error_text(self.w.lang, error))

    def isComplete(self) -> bool:
        plan = self.w.plan
        return plan is not None and plan.persons > 0 and (
            not plan.rejected or self.skip_invalid.isChecked())


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle(wizard.lang.tr("importer.run_title"))
        self.progress = QProgressBar()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.error = ErrorLabel()
        self.finished = False
        layout = QVBoxLayout(self)
        for widget in (self.progress, self.label, self.error):
            layout.addWidget(widget)
        layout.addStretch(1)

    def initializePage(self) -> None:
        plan = self.w.plan
        assert plan is not None
        self.finished = False
        self.progress.setRange(0, max(1, len(plan.households)))
        self.label.setText(self.w.lang.tr("importer.running"))
        skip = self.w.report_page.skip_invalid.isChecked()
        self.w.tasks.run(
            lambda progress: self.w.services.imports.run(
                plan, skip_invalid=skip, progress=progress,
                cancelled=self.w.cancel_flag.is_set),
            self._done, self._failed, lambda done, _total: self.progress.setValue(done))

    def _done(self, result: ImportResult) -> None:
        self.finished = True
        self.w.result = result
        self.progress.setValue(self.progress.maximum())
        tr = self.w.lang.tr
        text = import_done(tr, result.created, result.households)
        left_out = sorted({problem.line for problem in result.plan.rejected})
        if left_out:  # skipped on the report page: said again, with their line numbers
            lines = ", ".join(map(str, left_out[:20])) + (" …" if len(left_out) > 20 else "")
            text += "\n" + tr.plural("importer.lines_left_out", len(left_out), lines=lines)
        self.label.setText(text)
        # Done: nothing left to cancel, and no way back to import the same file twice.
        self.w.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.w.imported.emit(result)
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self.finished = True
        self.error.show_message(error_text(self.w.lang, error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished
