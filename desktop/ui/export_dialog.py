"""Export persons, households or cases to CSV or XLSX, choosing the columns. Restricted
columns are not offered to roles that may not read them (and refused by the service)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.file_names import suggested_name
from desktop.exchange.exporter import KINDS, column_label_key
from desktop.services import Services
from desktop.ui.file_dialogs import ask_save_path
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text, wrapped_entries


class ExportDialog(QDialog):
    def __init__(self, lang: UiLanguage, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.tasks = lang, services, tasks
        tr = lang.tr
        self.setWindowTitle(tr("exporter.window_title"))
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(tr(f"exporter.kind_{kind}"), kind)
        self.format = QComboBox()
        self.format.addItem("Excel (.xlsx)", "xlsx")
        self.format.addItem("CSV (UTF-8)", "csv")
        # For another program: canonical column names, stored codes and ISO dates.
        self.codes = QCheckBox(tr("exporter.codes"))
        self.codes.setToolTip(tr("exporter.codes_hint"))
        self.columns = wrapped_entries(QListWidget())
        self.kind.currentIndexChanged.connect(self._fill_columns)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.done_label = QLabel()
        self.done_label.setWordWrap(True)
        self.error = ErrorLabel()
        self.export_button = QPushButton(tr("exporter.export"))
        self.export_button.clicked.connect(self.ask_and_export)
        close = QPushButton(tr("exporter.close"))
        close.clicked.connect(self.reject)
        form = QFormLayout()
        labels = []
        for key, widget in (("exporter.what", self.kind), ("exporter.format", self.format),
                            ("exporter.columns", self.columns)):
            label = QLabel(tr(key))
            label.setBuddy(widget)
            labels.append(label)
            form.addRow(label, widget)
        form.addRow("", self.codes)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.progress, self.done_label, self.error):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self._fill_columns()
        fit_to_screen(self, 560, 560)

    def _fill_columns(self) -> None:
        self.columns.clear()
        for column in self.services.exports.allowed_columns(self.kind.currentData()):
            item = QListWidgetItem(self.lang.tr(column_label_key(column)))
            item.setData(Qt.ItemDataRole.UserRole, column)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.columns.addItem(item)

    def chosen_columns(self) -> list[str]:
        return [self.columns.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.columns.count())
                if self.columns.item(i).checkState() == Qt.CheckState.Checked]

    def ask_and_export(self) -> None:
        """The button's slot. It takes no argument on purpose: ``clicked`` passes ``checked``
        (False) to a slot that accepts one, which once became a file named "False"."""
        kind, fmt = self.kind.currentData(), self.format.currentData()
        name = suggested_name(self.lang.tr, f"export_{kind}", fmt, date.today())
        target = ask_save_path(self, self.lang, self.lang.tr("exporter.window_title"),
                               name, f"*.{fmt}")
        if target is not None:
            self.export(target)

    def export(self, target: Path) -> None:
        kind, fmt = self.kind.currentData(), self.format.currentData()
        columns = self.chosen_columns()
        self.export_button.setEnabled(False)
        self.progress.show()
        self.error.show_message("")
        tr = self.lang.tr  # the file is written in the interface language
        codes = self.codes.isChecked()
        self.tasks.run(lambda _p: self.services.exports.export(kind, target, fmt, columns,
                                                               tr=tr, codes=codes),
                       lambda count: self._done(count, target), self._failed)

    def _done(self, count: int, target: Path) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.done_label.setText(self.lang.tr.plural("export.done", count, path=str(target)))

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.error.show_message(error_text(self.lang, error))
