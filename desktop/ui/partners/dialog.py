"""Cases → Partner services: the directory, filtered; administrators add, edit and unlist the
CPAS's own entries, import and export lists, and load the examples into an empty directory.
Regional entries are shown, never editable here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.file_names import suggested_name
from desktop.services import Services
from desktop.ui.file_dialogs import ask_open_path, ask_save_path
from desktop.ui.language import UiLanguage
from desktop.ui.partners.browser import PartnerBrowser
from desktop.ui.partners.editor import PartnerEditor
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text


class PartnersDialog(QDialog):
    def __init__(self, lang: UiLanguage, services: Services, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.tasks = lang, services, tasks
        self.directory = services.partners
        tr = lang.tr
        self.browser = PartnerBrowser(lang, self.directory, services.reference,
                                      show_unlisted_box=self.directory.can_edit())
        self.add_button = QPushButton(tr("partners.add"))
        self.edit_button = QPushButton(tr("partners.edit"))
        self.listed_button = QPushButton(tr("partners.unlist"))
        self.import_button = QPushButton(tr("partners.import"))
        self.export_button = QPushButton(tr("partners.export"))
        self.examples_button = QPushButton(tr("partners.load_examples"))
        self.close_button = QPushButton(tr("partners.close"))
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(lambda: self.edit())
        self.listed_button.clicked.connect(lambda: self.toggle_listed())
        self.import_button.clicked.connect(lambda: self.ask_and_import())
        self.export_button.clicked.connect(lambda: self.ask_and_export())
        self.examples_button.clicked.connect(lambda: self.load_examples())
        self.close_button.clicked.connect(self.accept)
        self.browser.selected.connect(self._follow_selection)
        self.browser.activated.connect(lambda: self.edit())
        self.empty = QLabel(tr("partners.empty"))
        self.empty.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.error = ErrorLabel()
        keeping = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.listed_button,
                       self.examples_button):
            keeping.addWidget(button)
        keeping.addStretch(1)
        files = QHBoxLayout()
        for button in (self.import_button, self.export_button):
            files.addWidget(button)
        files.addStretch(1)
        files.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        layout.addLayout(keeping)
        layout.addLayout(files)
        editor = self.directory.can_edit()
        for button in (self.add_button, self.edit_button, self.listed_button,
                       self.import_button, self.examples_button):
            button.setVisible(editor)
        self.setWindowTitle(tr("partners.title"))
        fit_to_screen(self, 1000, 680)
        self.refresh()

    # -- state ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.browser.reload()
        empty = self.directory.is_empty()
        self.empty.setVisible(empty)
        self.examples_button.setVisible(empty and self.directory.can_edit())
        self._follow_selection()

    def _follow_selection(self) -> None:
        partner = self.browser.current()
        editable = partner is not None and self.directory.can_edit(partner)
        self.edit_button.setEnabled(editable)
        self.listed_button.setEnabled(editable)
        tr = self.lang.tr
        self.listed_button.setText(tr("partners.list_again" if partner is not None
                                      and not partner.listed else "partners.unlist"))
        if partner is not None and not editable and self.directory.can_edit():
            self.message.setText(tr("partners.regional_read_only"))
        else:
            self.message.setText("")

    # -- actions ----------------------------------------------------------------------------

    def add(self) -> PartnerEditor:
        editor = PartnerEditor(self.lang, self.directory, self.services.reference, None, self)
        editor.accepted.connect(lambda: self._saved(editor))
        editor.open()
        return editor

    def edit(self) -> PartnerEditor | None:
        partner = self.browser.current()
        if partner is None or not self.directory.can_edit(partner):
            return None
        editor = PartnerEditor(self.lang, self.directory, self.services.reference, partner,
                               self)
        editor.accepted.connect(lambda: self._saved(editor))
        editor.open()
        return editor

    def _saved(self, editor: PartnerEditor) -> None:
        self.refresh()
        if editor.partner_id is not None:
            self.browser.select(editor.partner_id)

    def toggle_listed(self) -> None:
        partner = self.browser.current()
        if partner is None:
            return
        self.browser.unlisted.setChecked(self.browser.unlisted.isChecked() or partner.listed)
        self._run(lambda: self.directory.set_listed(partner.id, not partner.listed))
        self.browser.select(partner.id)

    def load_examples(self) -> None:
        count = self._run(self.directory.load_examples)
        if count:
            self.message.setText(self.lang.tr.plural("partners.import_written", count))

    def ask_and_import(self) -> None:
        tr = self.lang.tr
        path = ask_open_path(self, self.lang, tr("partners.import_title"),
                             "*.xlsx *.ods *.csv;;*.xlsx;;*.ods;;*.csv")
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """Reads the list off the GUI thread; writes the readable rows only when every row
        can be read (else says which cannot, nothing written)."""
        imports = self.services.partner_imports
        self.error.show_message("")
        self.message.setText(self.lang.tr("partners.reading"))

        def work(_progress: object) -> tuple[object, int | None]:
            plan = imports.plan(path)
            return plan, (imports.run(plan) if not plan.rejected else None)

        self.tasks.run(work, self._imported, self._failed)

    def _imported(self, result: tuple) -> None:
        from desktop.exchange.ignored import report_lines
        from desktop.exchange.partners import problem_text

        plan, written = result
        tr = self.lang.tr
        lines = [problem_text(tr, p) for p in plan.rejected[:20]]
        if written is None:
            lines.append(tr("partners.import_nothing_written_window"))
        else:
            lines.append(tr.plural("partners.import_written", written))
        lines += report_lines(plan.ignored_columns, tr)
        self.message.setText("\n".join(lines))
        self.refresh()

    def ask_and_export(self) -> None:
        tr = self.lang.tr
        name = suggested_name(tr, "export_partners", "xlsx", date.today())
        target = ask_save_path(self, self.lang, tr("partners.export_title"), name,
                               "*.xlsx;;*.csv")
        if target is not None:
            self.export_file(target)

    def export_file(self, target: Path) -> None:
        fmt = "csv" if target.suffix.lower() == ".csv" else "xlsx"
        tr = self.lang.tr
        self.error.show_message("")
        self.tasks.run(lambda _p: self.services.partner_exports.export(target, fmt, tr=tr),
                       lambda count: self.message.setText(
                           tr.plural("export.done", count, path=str(target))), self._failed)

    def _failed(self, error: BaseException) -> None:
        self.message.setText("")
        self.error.show_message(error_text(self.lang, error))

    def _run(self, action):  # type: ignore[no-untyped-def]
        self.error.show_message("")
        try:
            result = action()
        except Exception as exc:  # noqa: BLE001 (said; nothing else changes)
            self.error.show_message(error_text(self.lang, exc))
            return None
        self.refresh()
        return result
