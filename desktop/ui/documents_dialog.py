"""Documents: for one case (intake form, summary, letter, slip) or, without a case, the
blank paper form, the fillable form and the monthly figures. Choose which and in which two
languages, preview, print or save. The PDF is made in memory by the same DocumentService as
``relais pdf`` and ``relais report``."""

from __future__ import annotations

import io
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.core.errors import RelaisError
from desktop.core.file_names import suggested_name
from desktop.core.i18n import LANGUAGE_NAMES
from desktop.core.roles import Permission
from desktop.documents.base import DOCUMENT_LANGUAGES, WITH_LANGUAGES
from desktop.documents.case_documents import Appointment
from desktop.private_files import make_private
from desktop.services import Services
from desktop.ui.file_dialogs import ask_save_path
from desktop.ui.language import UiLanguage
from desktop.ui.pdf_pages import page_images, print_pdf
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, error_text

CASE_KINDS = ("intake", "summary", "referral", "slip")
GENERAL_KINDS = ("blank", "fillable", "monthly")
PREVIEW_DPI = 60
T = TypeVar("T")


class DocumentsDialog(QDialog):
    def __init__(self, lang: UiLanguage, services: Services, case_id: uuid.UUID | None,
                 parent: QWidget | None = None, tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.lang, self.services, self.case_id, self.tasks = lang, services, case_id, tasks
        self.shown_pages = 0
        self.documents = services.documents
        tr = lang.tr
        self.setWindowTitle(tr("doc.dialog_title" if case_id else "doc.forms_title"))
        self.kind = QComboBox()
        kinds = CASE_KINDS if case_id else GENERAL_KINDS
        for kind in kinds:
            if kind != "monthly" or services.session.actor.can(Permission.VIEW_SOCIAL_NOTES):
                self.kind.addItem(tr(f"doc.kind_{kind}"), kind)
        self.main_language = QComboBox()
        for code in DOCUMENT_LANGUAGES:
            self.main_language.addItem(LANGUAGE_NAMES[code], code)
        self.main_language.setCurrentIndex(
            max(0, self.main_language.findData(self.documents.document_language)))
        self.beside_language = QComboBox()
        for code in WITH_LANGUAGES:
            self.beside_language.addItem(LANGUAGE_NAMES[code], code)
        self.beside_language.addItem(tr("doc.beside_none"), "none")
        self.partner, self.purpose = QLineEdit(), QLineEdit()
        # The directory entry the letter is for (its address, hours and languages printed);
        # typing over its name makes the partner free text again.
        self.partner_id: uuid.UUID | None = None
        self.partner.textEdited.connect(lambda _text: self._forget_partner())
        self.choose_partner = QPushButton(tr("partners.choose_partner"))
        self.choose_partner.clicked.connect(lambda: self.open_partner_choice())
        self.what, self.where, self.when, self.bring = (QLineEdit(), QLineEdit(), QLineEdit(),
                                                        QLineEdit())
        self.copies = QSpinBox()
        self.copies.setRange(1, 500)
        self.month = QLineEdit(f"{date.today():%Y-%m}")
        self.month.setPlaceholderText("YYYY-MM")
        self.table_button = QPushButton(tr("doc.save_table"))
        self.table_button.clicked.connect(lambda: self.save_table())
        form = QFormLayout()
        self.rows: dict[str, list[QWidget]] = {"referral": [], "slip": [], "blank": [],
                                               "monthly": []}
        for key, widget, kind in (
            ("doc.kind_label", self.kind, None), ("doc.main_language", self.main_language, None),
            ("doc.beside_language", self.beside_language, None),
            ("doc.partner", self.partner, "referral"),
            ("doc.partner_directory", self.choose_partner, "referral"),
            ("doc.purpose", self.purpose, "referral"),
            ("doc.what", self.what, "slip"), ("doc.where", self.where, "slip"),
            ("doc.when", self.when, "slip"), ("doc.bring", self.bring, "slip"),
            ("doc.copies", self.copies, "blank"), ("doc.month", self.month, "monthly"),
            ("doc.spreadsheet", self.table_button, "monthly"),
        ):
            label = QLabel(tr(key))
            label.setBuddy(widget)
            form.addRow(label, widget)
            if kind:
                self.rows[kind] += [label, widget]
        self.kind.currentIndexChanged.connect(self._show_fields)
        self.choice = 0  # bumped when what the preview shows no longer matches the fields
        for combo in (self.kind, self.main_language, self.beside_language):
            combo.currentIndexChanged.connect(self._forget_preview)
        self.month.textChanged.connect(self._forget_preview)
        self.error = ErrorLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the report has no steps to count
        self.progress.hide()
        self.status = QLabel()
        self.pages = QVBoxLayout()
        # pages keep their size: the scroll area scrolls instead of squeezing them together
        self.pages.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        holder = QWidget()
        holder.setLayout(self.pages)
        self.scroll = QScrollArea()
        self.scroll.setWidget(holder)
        self.scroll.setWidgetResizable(True)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.preview_button = QPushButton(tr("doc.preview"))
        self.print_button = QPushButton(tr("doc.print"))
        self.save_button = QPushButton(tr("doc.save"))
        close = QPushButton(tr("exporter.close"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button.clicked.connect(lambda: self.save())
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.scroll, 1)
        self._show_fields()
        fit_to_screen(self, 720, 860)

    def preset_referral(self, partner: str, purpose: str,
                        partner_id: uuid.UUID | None) -> None:
        """The letter of a referral already recorded: its partner and purpose filled in."""
        self.kind.setCurrentIndex(max(0, self.kind.findData("referral")))
        self.partner.setText(partner)
        self.purpose.setText(purpose)
        self._take_partner(partner_id)

    def open_partner_choice(self) -> QDialog:
        from desktop.ui.partners.picker import ChoosePartnerDialog

        dialog = ChoosePartnerDialog(self.lang, self.services.partners,
                                     self.services.reference, parent=self)
        dialog.accepted.connect(lambda: self._chosen(dialog))
        dialog.open()
        return dialog

    def _chosen(self, dialog: QDialog) -> None:
        partner = dialog.chosen  # type: ignore[attr-defined]
        if partner is not None:
            self.partner.setText(partner.name)
            self._take_partner(partner.id)

    def _take_partner(self, partner_id: uuid.UUID | None) -> None:
        """The entry's id kept for the letter; the letter's language follows the entry's
        municipality when it is an official one (a partner in Gent reads Dutch)."""
        self.partner_id = partner_id
        self._forget_preview()
        if partner_id is None:
            return
        try:
            entry = self.services.partners.get(partner_id)
        except RelaisError:
            self.partner_id = None
            return
        place = self.services.reference.municipality(entry.municipality_refnis)
        if place is not None and place.document_language in DOCUMENT_LANGUAGES:
            self.main_language.setCurrentIndex(
                max(0, self.main_language.findData(place.document_language)))

    def _forget_partner(self) -> None:
        if self.partner_id is not None:
            self.partner_id = None
            self._forget_preview()

    def _show_fields(self) -> None:
        kind = self.kind.currentData()
        for owner, widgets in self.rows.items():
            for widget in widgets:
                widget.setVisible(owner == kind)

    def _forget_preview(self) -> None:
        """Another document, language or month: the pages shown, the "saved" line and the
        last error were about the previous choice; a preview still being made is dropped."""
        self.choice += 1
        self._clear_pages()
        self.shown_pages = 0
        self.status.clear()
        self.error.show_message("")

    def _clear_pages(self) -> None:
        while self.pages.count():
            item = self.pages.takeAt(0)
            if item.widget():
                item.widget().deleteLater()

    def _job(self) -> Callable[[], bytes] | None:
        """What the chosen document needs, read from the fields now, as work that makes the
        PDF bytes (on this thread or a worker's); None with the reason shown."""
        self.error.show_message("")
        docs = self.documents
        try:
            languages = docs.languages(self.main_language.currentData(),
                                       self.beside_language.currentData())
        except RelaisError as exc:
            self.error.show_message(error_text(self.lang, exc))
            return None
        kind, case_id = self.kind.currentData(), self.case_id
        partner, purpose, partner_id = self.partner.text(), self.purpose.text(), self.partner_id
        appointment = Appointment(self.what.text(), self.where.text(), self.when.text(),
                                  self.bring.text())
        copies, month = self.copies.value(), self.month.text().strip()

        def work() -> bytes:
            buffer = io.BytesIO()
            if kind == "referral":
                docs.referral(case_id, buffer, languages, partner, purpose, partner_id)
            elif kind == "slip":
                docs.appointment(case_id, buffer, languages, appointment)
            elif kind == "blank":
                docs.blank_intake(buffer, languages, copies)
            elif kind == "fillable":
                docs.fillable_intake(buffer, languages)
            elif kind == "monthly":
                docs.monthly(month, languages, pdf=buffer)
            else:
                docs.case_document(kind, case_id, buffer, languages)
            return buffer.getvalue()

        return work

    def make(self) -> bytes | None:
        """The chosen document as PDF bytes, made here, or None with the reason shown; what
        was typed stays in the fields either way."""
        job = self._job()
        made: list[bytes] = []
        if job is not None:
            self._run(job, made.append, background=False)
        return made[0] if made else None

    def _with_document(self, then: Callable[[bytes], object]) -> None:
        """Makes the document and hands it to ``then``. The monthly report reads the whole
        database, so it is made on the worker; single documents take a few tens of
        milliseconds and are made at once."""
        job = self._job()
        if job is not None:
            self._run(job, then, background=self.kind.currentData() == "monthly")

    def _run(self, work: Callable[[], T], then: Callable[[T], object],
             background: bool) -> None:
        """Runs ``work`` here, or on the task runner with a busy bar when asked and one was
        given; a failure is said in the error line, what was typed stays."""
        if not background or self.tasks is None:
            try:
                result = work()
            except (RelaisError, OSError) as exc:
                self.error.show_message(error_text(self.lang, exc))
                return
            then(result)
            return
        self._busy(True)

        def done(result: T) -> None:
            if isValid(self):  # the dialog may have been closed meanwhile
                self._busy(False)
                then(result)

        self.tasks.run(lambda _progress: work(), done, self._failed)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(not busy)

    def _failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._busy(False)
        self.error.show_message(error_text(self.lang, error))

    def preview(self) -> int:
        """Shows the pages; returns how many were shown now (0 while a worker makes them:
        they appear when it is done)."""
        shown: list[int] = []
        asked = self.choice

        def show(data: bytes) -> None:
            if asked == self.choice:  # not if the choice changed while it was being made
                shown.append(self._show_pages(data))

        self._with_document(show)
        return shown[0] if shown else 0

    def _show_pages(self, data: bytes) -> int:
        self._clear_pages()
        images = page_images(data, PREVIEW_DPI * self.devicePixelRatioF())
        for image in images:
            page = QLabel()
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(self.devicePixelRatioF())
            page.setPixmap(pixmap)
            page.setFixedSize(pixmap.deviceIndependentSize().toSize())  # whole page, scrolled
            page.setStyleSheet("border: 1px solid #999; background: white;")
            self.pages.addWidget(page, 0, Qt.AlignmentFlag.AlignHCenter)
        self.pages.addStretch(1)
        self.shown_pages = len(images)
        return len(images)

    def print_document(self, printer: QPrinter | None = None) -> int:
        """Asks for a printer unless one is given (tests print to a PDF file); returns the
        pages printed now (0 while a worker makes the document)."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return 0
        printed: list[int] = []
        self._with_document(lambda data: printed.append(self._print(data, printer)))
        return printed[0] if printed else 0

    def _print(self, data: bytes, printer: QPrinter) -> int:
        try:
            pages = print_pdf(data, printer)
        except OSError as exc:
            self.error.show_message(error_text(self.lang, exc))
            return 0
        self.status.setText(self.lang.tr.plural("doc.printed", pages))
        return pages

    def save_table(self, target: Path | None = None) -> Path | None:
        """The monthly figures as XLSX or CSV, by the chosen file's extension."""
        if target is None:
            name = suggested_name(self.lang.tr, "doc_monthly", "xlsx",
                                  self.month.text().strip())
            target = ask_save_path(self, self.lang, self.lang.tr("doc.save_table"), name,
                                   "*.xlsx;;*.csv")
            if target is None:
                return None
        self.error.show_message("")
        spreadsheet = {"csv": target} if target.suffix.lower() == ".csv" else {"xlsx": target}
        try:
            languages = self.documents.languages(self.main_language.currentData(), "none")
        except RelaisError as exc:
            self.error.show_message(error_text(self.lang, exc))
            return None
        month = self.month.text().strip()
        saved: list[Path] = []

        def written(_paths: list[Path]) -> None:
            self.status.setText(self.lang.tr("doc.saved", path=str(target)))
            saved.append(target)

        self._run(lambda: self.documents.monthly(month, languages, **spreadsheet), written,
                  background=True)
        return saved[0] if saved else None

    def save(self, target: Path | None = None) -> Path | None:
        """Asks where unless told; returns the file when written now (None when refused, or
        while a worker makes the document: the status line says when it is saved)."""
        if target is None:
            kind = self.kind.currentData()
            when = self.month.text().strip() if kind == "monthly" else date.today()
            name = suggested_name(self.lang.tr, f"doc_{kind}", "pdf", when,
                                  self._file_number())
            target = ask_save_path(self, self.lang, self.lang.tr("doc.save"), name, "*.pdf")
            if target is None:
                return None
        saved: list[Path] = []
        self._with_document(lambda data: self._write(data, target, saved))
        return saved[0] if saved else None

    def _file_number(self) -> str:
        """The case's file number for the suggested name; none for the forms and figures."""
        if self.case_id is None:
            return ""
        try:
            return self.services.case_files.open(self.case_id).case.file_number or ""
        except RelaisError:
            return ""  # the name is only a suggestion

    def _write(self, data: bytes, target: Path, saved: list[Path]) -> None:
        try:
            make_private(target).write_bytes(data)  # a document about a person: owner only
        except OSError as exc:
            self.error.show_message(error_text(self.lang, exc))
            return
        self.status.setText(self.lang.tr("doc.saved", path=str(target)))
        saved.append(target)
