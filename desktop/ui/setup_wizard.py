"""First run: interface language, then either a new organisation (organisation, first
administrator) or joining the organisation's central (desktop/ui/sync/join_page.py), and
the recovery sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from desktop.core.errors import RelaisError
from desktop.core.file_names import suggested_name
from desktop.core.i18n import LANGUAGE_NAMES, LANGUAGES
from desktop.core.organisation import organisation_name
from desktop.core.passwords import normalise_username
from desktop.core.reference import Municipality, ReferenceData
from desktop.documents.recovery_sheet import write_recovery_sheet
from desktop.store.vault import NewOrganisation, Vault
from desktop.sync.setup import Joined, join_pending
from desktop.ui.enter_key import is_plain_enter
from desktop.ui.file_dialogs import ask_save_path
from desktop.ui.language import UiLanguage
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.sync.choice_page import ChoicePage
from desktop.ui.sync.join_page import JoinPage
from desktop.ui.tasks import TaskRunner
from desktop.ui.widgets import ErrorLabel, PasswordField, PasswordRules, emphasise, error_text

if TYPE_CHECKING:
    from desktop.store.database import WorkSession

# Page ids: the two ways part after the choice and meet again on the recovery page.
LANGUAGE, CHOICE, ORGANISATION, ADMIN, RECOVERY, JOIN = range(6)


class LanguagePage(QWizardPage):
    def __init__(self, lang: UiLanguage) -> None:
        super().__init__()
        self.lang = lang
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.choices = QListWidget()
        self.choices.setAccessibleName("language")
        for code in LANGUAGES:
            item = QListWidgetItem(LANGUAGE_NAMES[code])
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.choices.addItem(item)
            if code == lang.code:
                self.choices.setCurrentItem(item)
        self.choices.currentItemChanged.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.choices)
        self.retranslate()

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.lang.set_language(item.data(Qt.ItemDataRole.UserRole))

    def retranslate(self) -> None:
        self.setTitle(self.lang.tr("setup.language_title"))
        self.intro.setText(self.lang.tr("setup.language_intro"))


class OrganisationPage(QWizardPage):
    def __init__(self, lang: UiLanguage, reference: ReferenceData) -> None:
        super().__init__()
        self.lang, self.reference = lang, reference
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.search = QLineEdit()
        self.search.setAccessibleName("municipality search")
        self.results = QListWidget()
        self.results.setAccessibleName("municipalities")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.search.textChanged.connect(self._refresh)
        self.results.currentItemChanged.connect(self._selected)
        # Enter chooses and stays (the preview is seen before Next); Up and Down move in
        # the list from the search, as in the intake's municipality picker.
        self.search.installEventFilter(self)
        self.results.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.search)
        layout.addWidget(self.results)
        layout.addWidget(self.preview)
        self.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or watched not in (self.search, self.results):
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
        if watched is self.search and step and self.results.count():
            row = self.results.currentRow() + step
            self.results.setCurrentRow(max(0, min(row, self.results.count() - 1)))
            return True
        if is_plain_enter(event):
            if self.results.currentItem() is None and self.results.count():
                self.results.setCurrentRow(0)  # the best match, as before
            return True  # never presses Next: a page is not skipped unseen
        return super().eventFilter(watched, event)

    def municipality(self) -> Municipality | None:
        item = self.results.currentItem()
        return self.reference.municipality(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _refresh(self) -> None:
        # What was typed names one municipality (4000, Luik): chosen as typed, no Enter needed.
        chosen = self.reference.unambiguous(self.search.text()) or self.municipality()
        self.results.blockSignals(True)
        self.results.clear()
        for municipality in self.reference.find_municipalities(self.search.text(), limit=50):
            item = QListWidgetItem(municipality.label(self.lang.code))
            item.setData(Qt.ItemDataRole.UserRole, municipality.refnis)
            self.results.addItem(item)
            if chosen and chosen.refnis == municipality.refnis:
                self.results.setCurrentItem(item)
        self.results.blockSignals(False)
        self._selected()

    def _selected(self, *_: object) -> None:
        municipality = self.municipality()
        if municipality is None:
            self.preview.setText(self.lang.tr("setup.organisation_none"))
        else:
            self.preview.setText(self.lang.tr(
                "setup.organisation_preview",
                name=organisation_name(municipality),
                refnis=municipality.refnis,
                language=LANGUAGE_NAMES[municipality.document_language],
            ))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.municipality() is not None

    def retranslate(self) -> None:
        self.setTitle(self.lang.tr("setup.organisation_title"))
        self.intro.setText(self.lang.tr("setup.organisation_intro"))
        self.search.setPlaceholderText(self.lang.tr("setup.organisation_placeholder"))
        self._refresh()


class AdministratorPage(QWizardPage):
    def __init__(self, lang: UiLanguage, wizard: SetupWizard) -> None:
        super().__init__()
        self.lang, self.setup = lang, wizard
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.password = PasswordField()
        self.confirm = PasswordField()
        self.rules = PasswordRules(lang)
        self.error = ErrorLabel()
        self.form = QFormLayout()
        self.labels = [QLabel() for _ in range(4)]
        for label, field in zip(self.labels, [self.username, self.display_name, self.password,
                                              self.confirm], strict=True):
            label.setBuddy(field)
            self.form.addRow(label, field)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.rules)
        layout.addWidget(self.error)
        for field in (self.username, self.password, self.confirm):
            field.textChanged.connect(self._changed)
        self.setCommitPage(True)
        self.retranslate()

    def _changed(self) -> None:
        self.rules.update_rules(self.password.text(), normalise_username(self.username.text()))
        confirm = self.confirm.text()
        mismatch = bool(confirm) and not self.password.text().startswith(confirm)
        self.error.show_message(self.lang.tr("password.mismatch") if mismatch else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (
            bool(normalise_username(self.username.text()))
            and self.rules.acceptable()
            and self.password.text() == self.confirm.text()
        )

    def validatePage(self) -> bool:
        """Create the database here; on failure say why and keep every field as typed."""
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.setup.create_database(
                self.username.text(), self.display_name.text(), self.password.text()
            )
        except Exception as exc:  # noqa: BLE001 (shown to the user; unexpected ones are logged)
            self.error.show_message(error_text(self.lang, exc))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.error.show_message("")
        return True

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.setTitle(tr("setup.admin_title"))
        self.intro.setText(tr("setup.admin_intro"))
        for label, key in zip(self.labels, ["setup.username", "setup.display_name",
                                            "setup.password", "setup.confirm_password"],
                              strict=True):
            label.setText(tr(key))
        self.username.setAccessibleName(tr("setup.username"))
        self.password.setAccessibleName(tr("setup.password"))
        self.confirm.setAccessibleName(tr("setup.confirm_password"))
        self.setButtonText(QWizard.WizardButton.CommitButton, tr("setup.create"))
        self.rules.retranslate()


class RecoveryPage(QWizardPage):
    def __init__(self, lang: UiLanguage, wizard: SetupWizard) -> None:
        super().__init__()
        self.lang, self.setup = lang, wizard
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.code = QLabel()
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        emphasise(self.code, 6)
        self.code.setAccessibleName("recovery code")
        self.save = QPushButton()
        self.save.clicked.connect(self._save_sheet)
        self.saved = QLabel()
        self.saved.setWordWrap(True)
        self.confirm = QCheckBox()
        self.confirm.toggled.connect(self.completeChanged)
        self.error = ErrorLabel()
        self.summary = QLabel()  # what a join brought, above the code
        self.summary.setWordWrap(True)
        self.summary.hide()
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.intro, self.code, self.save, self.saved,
                       self.confirm, self.error):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def nextId(self) -> int:
        return -1

    def initializePage(self) -> None:
        self.code.setText(self.setup.recovery_code or "")
        joined = self.setup.joined
        if joined is not None:
            tr = self.lang.tr
            self.summary.setText(tr("setup.join_done", org=joined.organisation_name,
                                    n=tr.count(joined.report.pulled),
                                    users=tr.count(joined.users)))
            self.summary.show()

    def _save_sheet(self) -> None:
        name = suggested_name(self.lang.tr, "recovery_sheet", "pdf")
        target = ask_save_path(self, self.lang, self.lang.tr("setup.save_sheet"), name,
                               "*.pdf")
        if target is None:
            return
        try:
            self.setup.save_recovery_sheet(target)
        except Exception as exc:  # noqa: BLE001 (shown to the user; unexpected ones are logged)
            self.error.show_message(error_text(self.lang, exc))
            return
        self.error.show_message("")
        self.saved.setText(self.lang.tr("setup.sheet_saved", path=target))

    def isComplete(self) -> bool:
        return self.confirm.isChecked()

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.setTitle(tr("setup.recovery_title"))
        self.intro.setText(tr("setup.recovery_intro"))
        self.save.setText(tr("setup.save_sheet"))
        self.confirm.setText(tr("setup.recovery_confirm"))


class SetupWizard(QWizard):
    created = Signal(object)  # WorkSession
    joined_organisation = Signal(str)  # the organisation's name; its users then log in

    def __init__(self, lang: UiLanguage, vault: Vault, reference: ReferenceData,
                 tasks: TaskRunner | None = None) -> None:
        """Opens on "continue downloading" when a join in this data folder was cut."""
        super().__init__()
        self.lang, self.vault, self.reference = lang, vault, reference
        self.tasks = tasks or TaskRunner()
        self.session: WorkSession | None = None
        self.joined: Joined | None = None
        self.recovery_code: str | None = None
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.language_page = LanguagePage(lang)
        self.choice_page = ChoicePage(lang, ORGANISATION, JOIN)
        self.organisation_page = OrganisationPage(lang, reference)
        self.admin_page = AdministratorPage(lang, self)
        self.recovery_page = RecoveryPage(lang, self)
        self.join_page = JoinPage(lang, vault, self.tasks, self._joined, RECOVERY)
        for page_id, page in self._pages():
            self.setPage(page_id, page)
        if join_pending(vault):
            self.setStartId(JOIN)
        fit_to_screen(self, 720, 560)
        lang.changed.connect(self.retranslate)
        self.retranslate()

    def _pages(self) -> list[tuple[int, QWizardPage]]:
        return [(LANGUAGE, self.language_page), (CHOICE, self.choice_page),
                (ORGANISATION, self.organisation_page), (ADMIN, self.admin_page),
                (RECOVERY, self.recovery_page), (JOIN, self.join_page)]

    def _joined(self, joined: Joined) -> None:
        self.joined, self.recovery_code = joined, joined.recovery_code

    def organisation_name(self) -> str:
        if self.session is not None:
            return self.session.organisation.name
        return self.joined.organisation_name if self.joined is not None else ""

    def create_database(self, username: str, display_name: str, password: str) -> None:
        if self.session is not None:
            return
        municipality = self.organisation_page.municipality()
        assert municipality is not None
        self.session, self.recovery_code = self.vault.create(
            NewOrganisation(
                name=organisation_name(municipality),
                refnis=municipality.refnis,
                document_language=municipality.document_language,
            ),
            admin_username=username,
            admin_password=password,
            admin_display_name=display_name,
            language=self.lang.code,
        )

    def save_recovery_sheet(self, target: Path) -> Path:
        if (self.session is None and self.joined is None) or self.recovery_code is None:
            raise RelaisError("store.not_initialised", path=str(self.vault.paths.root))
        return write_recovery_sheet(target, self.lang.tr, self.organisation_name(),
                                    self.recovery_code, date.today())

    def accept(self) -> None:
        super().accept()
        self.recovery_code = None  # shown once; not kept in memory longer than needed
        if self.session is not None:
            self.created.emit(self.session)
        elif self.joined is not None:
            self.joined_organisation.emit(self.joined.organisation_name)

    def reject(self) -> None:
        """Escape or the window's close button. On the recovery page the code is shown only
        once: the window stays until the person says they kept it."""
        page = self.recovery_page
        if self.currentPage() is page and not page.confirm.isChecked():
            page.error.show_message(self.lang.tr("setup.recovery_keep_first"))
            return
        super().reject()

    def done(self, result: int) -> None:
        self.join_page.stop()  # closed mid-download: it stops, and continues next time
        super().done(result)

    def retranslate(self) -> None:
        tr = self.lang.tr
        self.setWindowTitle(tr("setup.window_title"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("setup.next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("setup.back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("setup.finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("setup.cancel"))
        for _, page in self._pages():
            page.retranslate()  # type: ignore[attr-defined]
