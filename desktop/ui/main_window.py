"""The main window: the case list with its filter, an empty state that says what to do next,
the dialogs it opens, and the idle lock. Its menus (by role) are ui/main_menus.py, its status
bar ui/status_bar.py."""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.core.drafts import DraftSummary
from desktop.core.enums import CaseStatus, DraftKind
from desktop.core.limits import QUERY_MAX
from desktop.core.roles import Permission
from desktop.core.text import clean_text
from desktop.paths import DataPaths
from desktop.services import Services
from desktop.settings import Settings
from desktop.sync.schedule import Timing
from desktop.ui.backup_watch import BackupWatch
from desktop.ui.backups_dialog import BackupsDialog
from desktop.ui.case_model import CaseTableModel
from desktop.ui.case_window import CaseWindow
from desktop.ui.demo_dialog import DemoDialog
from desktop.ui.documents_dialog import DocumentsDialog
from desktop.ui.drafts_dialog import DraftsDialog
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.home import HomePage
from desktop.ui.import_wizard import ImportWizard
from desktop.ui.intake_wizard import IntakeWizard
from desktop.ui.language import UiLanguage
from desktop.ui.lock_screen import IdleWatcher, LockScreen
from desktop.ui.main_menus import MainMenus
from desktop.ui.quick_intake import QuickIntakeDialog
from desktop.ui.retention_dialog import RetentionDialog
from desktop.ui.screen_fit import fit_to_screen
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.status_bar import StatusBar
from desktop.ui.sync.conflicts_dialog import open_conflicts
from desktop.ui.sync.problems_dialog import open_problems
from desktop.ui.sync.refresh import refresh_open_cases
from desktop.ui.sync.window import SyncInWindow
from desktop.ui.tasks import TaskRunner
from desktop.ui.transcription import TranscriptionDialog
from desktop.ui.unsaved import holds_unsaved
from desktop.ui.users_dialog import UsersDialog
from desktop.ui.widgets import emphasise

log = logging.getLogger(__name__)

# Designed widths of the case list's columns; a header that needs more in some language
# gets what it needs.
COLUMN_WIDTHS = (110, 340, 60, 220, 100, 160)
# How much of a filter that matches nothing is quoted back: a label cannot wrap a long word,
# and the whole 200 characters widened the window past a 1366-pixel screen for good.
QUOTED_MAX = 40


def quoted_filter(text: str) -> str:
    """The filter as said back: without controls or bidi overrides (which reversed the rest
    of the message), and shortened with an ellipsis."""
    text = clean_text(text).strip()
    return text if len(text) <= QUOTED_MAX else text[:QUOTED_MAX - 1] + "…"


class EmptyState(QWidget):
    """Shown instead of an empty table: what this list is and what to do next."""

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        emphasise(self.title, 4)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.users_button = QPushButton()
        self.demo_button = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.users_button)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.body)
        layout.addLayout(buttons)
        layout.addStretch(2)
        layout.setContentsMargins(80, 20, 80, 20)


class MainWindow(QMainWindow):
    signed_out = Signal()
    restore_requested = Signal(object)  # (backup, data key, username): see backups_dialog

    def __init__(self, lang: UiLanguage, services: Services, settings: Settings,
                 paths: DataPaths, tasks: TaskRunner, sync_timing: Timing | None = None
                 ) -> None:
        super().__init__()
        # Qt deletes the window when it closes: leaving it to Python's garbage collector
        # corrupted memory in PySide6 6.12 at teardown.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.lang, self.services, self.settings = lang, services, settings
        self.paths, self.tasks = paths, tasks
        self.actor = services.session.actor
        self.model = CaseTableModel(services.cases, lang)
        self._hidden_for_lock: list[QWidget] = []
        self._leaving = False  # signing out: the close that follows is not asked again
        self._build()
        self.sync = SyncInWindow(self, sync_timing)  # by itself, shown in the status bar
        self.sync.open_conflicts = lambda _parent: self.open_sync_conflicts()
        self.sync.open_problems = lambda _parent: self.open_sync_problems()
        self.idle = IdleWatcher(settings.idle_lock_minutes)
        self.idle.idle.connect(self.lock)
        self.backup_watch = BackupWatch(lang, services.backups, settings, paths, tasks,
                                        self.status)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
            app.installEventFilter(self.backup_watch)
        lang.changed.connect(self.retranslate)
        self.retranslate()
        self.model.ensure_loaded()
        self._update_state()
        # A new installation starts where its empty state says what to do; then, at home.
        self.sections.setCurrentIndex(1 if self.model.total == 0 else 0)
        if self.model.total:
            self.home.search.setFocus()  # the first thing done at a desk: find someone
        fit_to_screen(self, 1100, 700)

    # -- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.setMaxLength(QUERY_MAX)  # what the search reads of a query (limits.py)
        self.status_filter = QComboBox()
        self.filter_timer = QTimer(self)
        self.filter_timer.setSingleShot(True)
        self.filter_timer.setInterval(200)
        self.filter_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _t: self.filter_timer.start())
        self.status_filter.currentIndexChanged.connect(self._apply_filter)
        top = QHBoxLayout()
        top.addWidget(self.filter, 3)
        top.addWidget(self.status_filter, 1)

        self.table = QTableView()
        self.table.setModel(self.model)
        # The indicator first: enabling sorting sorts at once, by Qt's default (descending),
        # and the list of 100,000 ids would be read twice.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.empty = EmptyState()
        self.no_match = QLabel()
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)
        self.content = QStackedWidget()
        for widget in (self.table, self.empty, self.no_match):
            self.content.addWidget(widget)
        self.empty.users_button.clicked.connect(self.open_users)
        self.empty.demo_button.clicked.connect(self.open_demo)
        is_admin = self.actor.can(Permission.MANAGE_USERS)
        self.empty.users_button.setVisible(is_admin)
        self.empty.demo_button.setVisible(self.actor.can(Permission.GENERATE_DEMO_DATA))

        cases_page = QWidget()
        cases_layout = QVBoxLayout(cases_page)
        cases_layout.addLayout(top)
        cases_layout.addWidget(self.content)
        self.home = HomePage(self.lang, self.services, self.tasks)
        self.home.open_case.connect(self.open_case)
        self.table.activated.connect(
            lambda index: self.open_case(self.model.case_id(index.row())))
        self.sections = QTabWidget()
        self.sections.addTab(self.home, "")
        self.sections.addTab(cases_page, "")
        workspace = QWidget()
        layout = QVBoxLayout(workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.sections)
        self.lock_screen = LockScreen(self.lang, self.services.session.confirm_password,
                                      self.actor.username)
        self.lock_screen.unlocked.connect(self.unlock)
        self.lock_screen.sign_out.connect(self.sign_out)
        self.pages = QStackedWidget()
        self.pages.addWidget(workspace)
        self.pages.addWidget(self.lock_screen)
        self.setCentralWidget(self.pages)

        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.menus = MainMenus(self)

    # -- behaviour --------------------------------------------------------------------------

    def _status_choice(self) -> CaseStatus | None:
        return self.status_filter.currentData()

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter.text(), self._status_choice())
        self._update_state()

    def _update_state(self) -> None:
        tr = self.lang.tr
        if self.model.total == 0:
            self.content.setCurrentWidget(self.empty)
        elif self.model.rowCount() == 0:
            self.no_match.setText(tr("cases.no_match", text=quoted_filter(self.filter.text())))
            self.content.setCurrentWidget(self.no_match)
        else:
            self.content.setCurrentWidget(self.table)
        self.status.set_count(tr.plural("cases.count", self.model.total,
                                           shown=tr.count(self.model.rowCount())))

    def refresh(self) -> None:
        self.model.reload()
        self._update_state()
        self.home.refresh_worklists()

    # Dialogs are opened with open(), not exec(): no nested event loop, so the idle lock can
    # hide them and show them again with everything typed in them.

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_settings(self) -> QDialog:
        dialog = SettingsDialog(self.lang, self.settings, self.paths, self.services.secrets, self,
                                self.services.documents, self.services.session, self.tasks)
        dialog.accepted.connect(
            lambda: self.apply_settings(dialog.chosen_language(), dialog.chosen_idle_minutes())
        )
        if dialog.sync_section is not None:
            dialog.sync_section.enrolment_changed.connect(self.sync.enrolment_changed)
        return self._open_dialog(dialog)

    def apply_settings(self, language: str, idle_minutes: int) -> None:
        # Only a language picked here is saved: an untouched picker must not turn this run's
        # --lang into the person's preference.
        picked = language != self.lang.code
        self.settings.idle_lock_minutes = idle_minutes
        if picked:
            self.settings.language = language
        self.idle.set_minutes(idle_minutes)
        try:
            self.settings.save(self.paths.settings, "idle_lock_minutes",
                               *(["language"] if picked else []))
            if picked:
                self.services.users.set_language(language)
        except OSError:
            self.status.say(self.lang.tr("settings.not_saved"), 8000)
        self.lang.set_language(language)

    def open_quick_intake(self, draft_id: uuid.UUID | None = None) -> QuickIntakeDialog:
        dialog = QuickIntakeDialog(self.lang, self.services, self, draft_id)
        dialog.registered.connect(self._registered)
        dialog.open_case.connect(self.open_case)
        self._open_dialog(dialog)
        return dialog

    def open_case(self, case_id: uuid.UUID) -> CaseWindow:
        window = CaseWindow(self.lang, self.services, case_id, self, self.tasks)
        window.changed.connect(self.refresh)
        window.show()
        return window

    def open_intake(self, draft_id: uuid.UUID | None = None) -> IntakeWizard:
        wizard = IntakeWizard(self.lang, self.services, self, draft_id)
        wizard.registered.connect(self._registered)
        wizard.registered.connect(self.open_case)
        wizard.open_case.connect(self.open_case)
        self._open_dialog(wizard)
        return wizard

    def open_transcription(self, from_pdf: bool = False, path: Path | None = None
                           ) -> TranscriptionDialog | None:
        dialog = TranscriptionDialog(self.lang, self.services, self)
        dialog.registered.connect(self._registered)
        dialog.open_case.connect(self.open_case)
        if from_pdf and not dialog.load_pdf(path) and not dialog.error.text():
            dialog.deleteLater()  # no file chosen; a file that could not be read is said
            return None
        self._open_dialog(dialog)
        return dialog

    def open_forms(self) -> DocumentsDialog:
        return self._open_dialog(DocumentsDialog(self.lang, self.services, None, self,
                                                 self.tasks))

    def open_import(self) -> ImportWizard:
        wizard = ImportWizard(self.lang, self.services, self.paths, self.tasks, self)
        wizard.imported.connect(lambda _result: self.refresh())
        self._open_dialog(wizard)
        return wizard

    def open_export(self) -> ExportDialog:
        dialog = ExportDialog(self.lang, self.services, self.tasks, self)
        self._open_dialog(dialog)
        return dialog

    def _resume(self, summary: DraftSummary) -> None:
        if summary.kind == DraftKind.INTAKE and self.actor.can(Permission.EDIT_CASES):
            self.open_intake(summary.draft_id)
        else:
            self.open_quick_intake(summary.draft_id)

    def _registered(self, case_id: uuid.UUID) -> None:
        self.refresh()
        row = self.services.cases.rows([case_id.hex]).get(case_id.hex)
        if row is not None:
            self.status.say(self.lang.tr("cases.registered", file=row.file_number), 10_000)

    def offer_drafts(self) -> QDialog | None:
        """After login: unfinished intakes of this user, to resume or discard."""
        if not self.services.drafts.mine():
            return None
        dialog = DraftsDialog(self.lang, self.services.drafts, self._resume, self)
        return self._open_dialog(dialog)

    def open_sync_conflicts(self) -> QDialog:
        dialog = open_conflicts(self, self.lang, self.services, self.tasks)
        dialog.resolved.connect(self.refresh)
        dialog.resolved.connect(lambda: refresh_open_cases(self))
        return dialog

    def open_sync_problems(self) -> QDialog:
        dialog = open_problems(self, self.lang, self.services, self.tasks, self.open_case)
        dialog.changed.connect(self.refresh)
        dialog.changed.connect(lambda: refresh_open_cases(self))
        return dialog

    def open_users(self) -> QDialog:
        return self._open_dialog(UsersDialog(self.lang, self.services.users, self))

    def open_partners(self) -> QDialog:
        from desktop.ui.partners.dialog import PartnersDialog

        return self._open_dialog(PartnersDialog(self.lang, self.services, self.tasks, self))

    def open_retention(self) -> QDialog:
        return self._open_dialog(RetentionDialog(self.lang, self.services.retention,
                                                 self.tasks, self.refresh, self))

    def open_audit(self) -> QDialog:
        from desktop.ui.audit_dialog import AuditDialog

        return self._open_dialog(AuditDialog(self.lang, self.services, self.tasks, self))

    def open_backups(self) -> BackupsDialog:
        dialog = BackupsDialog(self.lang, self.services.backups, self.settings, self.paths,
                               self.tasks, self)
        dialog.backed_up.connect(self.backup_watch.show_warning)
        dialog.restore_requested.connect(self.restore)
        self._open_dialog(dialog)
        return dialog

    def restore(self, request: tuple) -> None:
        """A confirmed restore: this session ends (the login screen carries it out)."""
        if not self.nothing_unsent():
            return
        self._leaving = True
        for widget in self._hidden_for_lock:
            widget.close()
        self._hidden_for_lock = []
        self.restore_requested.emit(request)

    def open_figures(self) -> QDialog:
        from desktop.ui.figures_dialog import FiguresDialog

        return self._open_dialog(FiguresDialog(self.lang, self.services.figures_export,
                                               self.services.secrets, self.tasks, self))

    def open_demo(self) -> QDialog:
        return self._open_dialog(
            DemoDialog(self.lang, self.services.demo, self.tasks, self.refresh, self,
                       before=self.services.partners.load_examples)
        )

    def about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.lang.tr("about.title"),
                          self.lang.tr("about.text", version=__version__),
                          QMessageBox.StandardButton.Close, self)
        self._open_dialog(box)
        return box

    def lock(self) -> None:
        if self.pages.currentWidget() is self.lock_screen:
            return
        # Dialogs stay open (with what was typed in them) but hidden while locked.
        self._hidden_for_lock = [
            widget for widget in QApplication.topLevelWidgets()
            if widget is not self and widget.isVisible() and widget.isWindow()
        ]
        for widget in self._hidden_for_lock:
            widget.hide()
        self.menuBar().setEnabled(False)
        self.pages.setCurrentWidget(self.lock_screen)
        log.info("window locked")
        self.services.session.record_lock()
        self.lock_screen.password.setFocus()

    def unlock(self) -> None:
        self.pages.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        for widget in self._hidden_for_lock:
            widget.show()
        self._hidden_for_lock = []
        self.idle.set_minutes(self.settings.idle_lock_minutes)

    def is_locked(self) -> bool:
        return self.pages.currentWidget() is self.lock_screen

    def sign_out(self) -> None:
        """Back to the login screen (which then closes this window)."""
        if not self.is_locked() and not self.nothing_unsent():
            return
        self._leaving = True
        for widget in self._hidden_for_lock:
            widget.close()
        self._hidden_for_lock = []
        self.signed_out.emit()

    def nothing_unsent(self) -> bool:
        """True when no open window (case window, person dialog, users dialog…) holds
        something typed and not saved; otherwise that window comes forward and asks "Discard
        your changes?" (the person then closes or signs out again). Dialogs first: a person
        dialog sits on top of its case window."""
        waiting = [w for w in QApplication.topLevelWidgets()
                   if w is not self and w.isVisible() and holds_unsaved(w)]
        waiting.sort(key=lambda w: not isinstance(w, QDialog))
        window = waiting[0] if waiting else None
        if window is None:
            return True
        window.raise_()
        window.activateWindow()
        window.close()
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._leaving and not self.nothing_unsent():
            event.ignore()
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
            app.removeEventFilter(self.backup_watch)
        self.idle.timer.stop()
        self.backup_watch.timer.stop()
        self.sync.stop()  # before the database closes: the page under way ends whole
        self.tasks.wait()
        self.services.session.close()
        super().closeEvent(event)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))

    def retranslate(self) -> None:
        tr = self.lang.tr
        org = self.services.session.organisation.name
        self.setWindowTitle(f"Relais — {org}")
        self.sections.setTabText(0, tr("home.tab"))
        self.sections.setTabText(1, tr("cases.table"))
        self.filter.setPlaceholderText(tr("cases.filter_placeholder"))
        self.filter.setAccessibleName(tr("cases.filter_placeholder"))
        current = self.status_filter.currentIndex()
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        self.status_filter.addItem(tr("cases.all_statuses"), None)
        for status in CaseStatus:
            self.status_filter.addItem(tr.choice("case_status", status), status)
        self.status_filter.setCurrentIndex(max(0, current))
        self.status_filter.blockSignals(False)
        self.status_filter.setAccessibleName(tr("cases.status_filter"))
        self.table.setAccessibleName(tr("cases.table"))
        self._size_columns()
        self.empty.title.setText(tr("cases.empty_title"))
        self.empty.body.setText(tr("cases.empty_admin" if self.actor.can(
            Permission.MANAGE_USERS) else "cases.empty_other"))
        self.empty.users_button.setText(tr("menu.users"))
        self.empty.demo_button.setText(tr("menu.demo"))
        self.status.retranslate(tr, self.actor)
        self.backup_watch.show_warning()
        self.menus.retranslate(tr)
        self._update_state()
