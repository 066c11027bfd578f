"""The person's own copy of their data (GDPR art. 15 and 20): choose a folder and the two
languages, make the PDF and the JSON file off the GUI thread (the same
``SubjectCopyExport`` as ``relais person export-data``), then offer to open the folder.
Shown to administrators and social workers; the service refuses anyone else anyway."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import RelaisError
from desktop.core.i18n import LANGUAGE_NAMES
from desktop.core.limits import FIELD_MAX
from desktop.documents.base import DOCUMENT_LANGUAGES, WITH_LANGUAGES
from desktop.documents.subject_access import WrittenCopy
from desktop.services import Services
from desktop.ui.file_dialogs import file_dialog
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text


class SubjectCopyDialog(QDialog):
    def __init__(self, lang: UiLanguage, services: Services, person_id: uuid.UUID, name: str,
                 parent: QWidget | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.person_id = lang, services, person_id
        self.tasks = tasks or TaskRunner()
        self.written: WrittenCopy | None = None
        tr = lang.tr
        self.setWindowTitle(tr("subject.dialog_title"))
        intro = QLabel(tr("subject.intro", name=name))
        intro.setWordWrap(True)
        self.folder = QLineEdit(str(Path.home()))
        self.folder.setMaxLength(FIELD_MAX)
        self.folder.setAccessibleName(tr("subject.folder"))
        self.choose = QPushButton(tr("subject.choose_folder"))
        self.choose.clicked.connect(self.choose_folder)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose)
        self.main_language = QComboBox()
        for code in DOCUMENT_LANGUAGES:
            self.main_language.addItem(LANGUAGE_NAMES[code], code)
        self.main_language.setCurrentIndex(max(0, self.main_language.findData(
            services.documents.document_language)))
        self.beside_language = QComboBox()
        for code in WITH_LANGUAGES:
            self.beside_language.addItem(LANGUAGE_NAMES[code], code)
        self.beside_language.addItem(tr("doc.beside_none"), "none")
        form = QFormLayout()
        folder_label = QLabel(tr("subject.folder"))
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, where)
        for key, combo in (("doc.main_language", self.main_language),
                           ("doc.beside_language", self.beside_language)):
            label = QLabel(tr(key))
            label.setBuddy(combo)
            combo.setAccessibleName(tr(key))
            form.addRow(label, combo)
        self.error = ErrorLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the copy has no steps worth counting
        self.progress.setAccessibleName(tr("subject.working"))
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.make = QPushButton(tr("subject.make"))
        self.make.setDefault(True)
        self.make.clicked.connect(self.make_copy)
        self.open_folder = QPushButton(tr("subject.open_folder"))
        self.open_folder.clicked.connect(self.show_folder)
        self.open_folder.hide()
        close = QPushButton(tr("exporter.close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.make)
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addLayout(buttons)
        fit_to_screen(self, 640, 280)

    def choose_folder(self) -> None:
        dialog = file_dialog(self, self.lang, self.lang.tr("subject.choose_folder_title"), "",
                             Path(self.folder.text()) if self.folder.text() else None)
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
        try:
            if dialog.exec() == QFileDialog.DialogCode.Accepted and dialog.selectedFiles():
                self.folder.setText(dialog.selectedFiles()[0])
        finally:
            dialog.deleteLater()

    def make_copy(self) -> bool:
        """Starts the copy in the background; False (with the reason shown) when the fields
        do not allow it. Nothing typed is cleared."""
        tr = self.lang.tr
        self.error.show_message("")
        self.status.clear()
        self.open_folder.hide()
        folder = self.folder.text().strip()
        if not folder:
            self.error.show_message(tr("subject.folder_required"))
            self.folder.setFocus()
            return False
        try:
            languages = self.services.documents.languages(
                self.main_language.currentData(), self.beside_language.currentData())
        except RelaisError as exc:
            self.error.show_message(error_text(self.lang, exc))
            return False
        copies, person = self.services.subject_copies, self.person_id
        self.make.setEnabled(False)
        self.progress.show()
        self.status.setText(tr("subject.working"))
        self.tasks.run(lambda _progress: copies.export(person, Path(folder), languages),
                       self._done, self._failed)
        return True

    def _done(self, written: WrittenCopy) -> None:
        self.written = written
        self.progress.hide()
        self.make.setEnabled(True)
        self.status.setText(self.lang.tr("subject.done", pdf=written.pdf.name,
                                         json=written.json.name) + "\n" +
                            self.lang.tr("subject.open_folder_question"))
        self.open_folder.show()
        self.open_folder.setFocus()

    def _failed(self, error: BaseException) -> None:
        self.progress.hide()
        self.status.clear()
        self.make.setEnabled(True)
        self.error.show_message(error_text(self.lang, error))

    def show_folder(self) -> bool:
        if self.written is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.pdf.parent)))
