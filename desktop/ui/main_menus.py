"""The main window's menus: what each role may open, with their shortcuts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

from desktop.core.i18n import Translator
from desktop.core.roles import Permission

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class MainMenus:
    def __init__(self, window: MainWindow) -> None:
        can = window.actor.can
        bar = window.menuBar()
        self.file_menu = bar.addMenu("")
        self.settings_action = QAction(window)
        self.settings_action.triggered.connect(window.open_settings)
        self.lock_action = QAction(window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(window.lock)
        self.sign_out_action = QAction(window)
        self.sign_out_action.triggered.connect(window.sign_out)
        self.quit_action = QAction(window)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(window.close)
        for action in (self.settings_action, self.lock_action, self.sign_out_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.cases_menu = bar.addMenu("")
        self.quick_intake_action = QAction(window)
        self.quick_intake_action.setShortcut(QKeySequence("Ctrl+N"))
        self.quick_intake_action.triggered.connect(lambda: window.open_quick_intake())
        self.intake_action = QAction(window)
        self.intake_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.intake_action.triggered.connect(lambda: window.open_intake())
        self.intake_action.setVisible(can(Permission.EDIT_CASES))
        self.cases_menu.addAction(self.intake_action)
        self.cases_menu.addAction(self.quick_intake_action)
        self.cases_menu.addSeparator()
        self.import_action = QAction(window)
        self.import_action.triggered.connect(lambda: window.open_import())
        self.import_action.setVisible(can(Permission.EDIT_CASES))
        self.export_action = QAction(window)
        self.export_action.triggered.connect(lambda: window.open_export())
        self.transcribe_action = QAction(window)
        self.transcribe_action.triggered.connect(lambda: window.open_transcription())
        self.pdf_form_action = QAction(window)
        self.pdf_form_action.triggered.connect(lambda: window.open_transcription(from_pdf=True))
        for action in (self.transcribe_action, self.pdf_form_action):
            action.setVisible(can(Permission.EDIT_CASES))
            self.cases_menu.addAction(action)
        self.forms_action = QAction(window)
        self.forms_action.triggered.connect(lambda: window.open_forms())
        self.cases_menu.addAction(self.forms_action)
        # The directory of partner services: everyone reads it, administrators keep it.
        self.partners_action = QAction(window)
        self.partners_action.triggered.connect(lambda: window.open_partners())
        self.cases_menu.addAction(self.partners_action)
        self.cases_menu.addSeparator()
        self.cases_menu.addAction(self.import_action)
        self.cases_menu.addAction(self.export_action)
        self.cases_menu.menuAction().setVisible(can(Permission.QUICK_INTAKE))

        self.tools_menu = bar.addMenu("")
        self.users_action = QAction(window)
        self.users_action.triggered.connect(window.open_users)
        self.demo_action = QAction(window)
        self.demo_action.triggered.connect(window.open_demo)
        self.retention_action = QAction(window)
        self.retention_action.triggered.connect(window.open_retention)
        self.audit_action = QAction(window)
        self.audit_action.triggered.connect(lambda: window.open_audit())
        self.backups_action = QAction(window)
        self.backups_action.triggered.connect(lambda: window.open_backups())
        # A month's figures as a signed file, for a CPAS that does not sync (administrators).
        self.figures_action = QAction(window)
        self.figures_action.triggered.connect(lambda: window.open_figures())
        self.tools_menu.addAction(self.users_action)
        self.tools_menu.addAction(self.audit_action)
        self.tools_menu.addAction(self.backups_action)
        self.tools_menu.addAction(self.retention_action)
        self.tools_menu.addAction(self.figures_action)
        self.tools_menu.addAction(self.demo_action)
        self.audit_action.setVisible(can(Permission.VIEW_AUDIT))
        self.backups_action.setVisible(can(Permission.MANAGE_BACKUPS))
        self.users_action.setVisible(can(Permission.MANAGE_USERS))
        self.retention_action.setVisible(can(Permission.MANAGE_RETENTION))
        self.demo_action.setVisible(can(Permission.GENERATE_DEMO_DATA))
        self.figures_action.setVisible(can(Permission.MANAGE_USERS)
                                       and can(Permission.VIEW_SOCIAL_NOTES))
        self.tools_menu.menuAction().setVisible(can(Permission.MANAGE_USERS))

        # Sync: open conflicts and refused changes; "Sync now" and the sync panel are put
        # first by ui/sync/window.py.
        self.sync_menu = bar.addMenu("")
        self.sync_conflicts_action = self.sync_menu.addAction("")
        self.sync_conflicts_action.triggered.connect(lambda: window.open_sync_conflicts())
        self.sync_problems_action = self.sync_menu.addAction("")
        self.sync_problems_action.triggered.connect(lambda: window.open_sync_problems())

        self.help_menu = bar.addMenu("")
        self.about_action = QAction(window)
        self.about_action.triggered.connect(window.about)
        self.help_menu.addAction(self.about_action)

    def retranslate(self, tr: Translator) -> None:
        self.file_menu.setTitle(tr("menu.file"))
        self.settings_action.setText(tr("menu.settings"))
        self.lock_action.setText(tr("menu.lock"))
        self.sign_out_action.setText(tr("menu.sign_out"))
        self.quit_action.setText(tr("menu.quit"))
        self.cases_menu.setTitle(tr("menu.cases"))
        self.quick_intake_action.setText(tr("menu.quick_intake"))
        self.intake_action.setText(tr("menu.intake"))
        self.import_action.setText(tr("menu.import"))
        self.transcribe_action.setText(tr("menu.transcribe"))
        self.forms_action.setText(tr("menu.forms"))
        self.partners_action.setText(tr("menu.partners"))
        self.pdf_form_action.setText(tr("menu.import_pdf_form"))
        self.export_action.setText(tr("menu.export"))
        self.tools_menu.setTitle(tr("menu.tools"))
        self.users_action.setText(tr("menu.users"))
        self.retention_action.setText(tr("menu.retention"))
        self.demo_action.setText(tr("menu.demo"))
        self.audit_action.setText(tr("menu.audit"))
        self.backups_action.setText(tr("menu.backups"))
        self.figures_action.setText(tr("menu.figures"))
        self.sync_menu.setTitle(tr("menu.sync"))
        self.sync_conflicts_action.setText(tr("menu.sync_conflicts"))
        self.sync_problems_action.setText(tr("menu.sync_problems"))
        self.help_menu.setTitle(tr("menu.help"))
        self.about_action.setText(tr("menu.about"))
