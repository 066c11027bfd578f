"""The GUI's flow: setup on first run, then login, then the main window; back to login on
sign-out. Builds each screen with the services it needs (nothing global)."""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.core.errors import RelaisError
from desktop.core.i18n import LANGUAGES, best_language
from desktop.paths import DataPaths
from desktop.settings import Settings
from desktop.store.vault import Vault
from desktop.ui.fonts import install_fonts
from desktop.ui.language import UiLanguage
from desktop.ui.login import ChangePasswordDialog, LoginWindow
from desktop.ui.screen_fit import centre_on_screen
from desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from desktop.store.database import WorkSession
    from desktop.ui.main_window import MainWindow

# What the main window needs but the login screen does not: imported in the background while
# the password is typed (the import lock makes a login that finishes first simply wait).
HEAVY_MODULES = ("desktop.services", "desktop.ui.main_window", "desktop.store.database")


def preload() -> None:
    """What the main window needs and the login screen does not (also the login bench's
    start, to measure what the user waits for after the password)."""
    for name in HEAVY_MODULES:
        importlib.import_module(name)
    # Read once per process (postal codes, municipalities): every session's services take
    # it, so it is read while the password is typed, not after.
    from desktop.core.reference import reference_data

    reference_data()


def preload_heavy_modules() -> None:
    threading.Thread(target=preload, name="relais-preload", daemon=True).start()

log = logging.getLogger(__name__)


class Relais:
    def __init__(self, paths: DataPaths, lang: UiLanguage, vault: Vault | None = None,
                 language_given: bool = False) -> None:
        """``language_given``: the language came from the command line (--lang): it is the
        language of every window of this run, over the user's saved preference, as --lang is
        for the CLI; it is never saved (neither as the user's preference nor as the window's
        language in settings.json). A language picked on the login screen is saved."""
        self.paths, self.lang = paths, lang
        self.language_given = language_given
        self.vault = vault or Vault(paths)
        self.settings = Settings.load(paths.settings)
        self.tasks = TaskRunner()
        self.window: QWidget | None = None
        self.main: MainWindow | None = None

    def start(self) -> QWidget:
        from desktop.sync.joining import join_pending

        # A join cut mid-download opens nobody's login: the wizard continues it first.
        if self.vault.is_initialised() and not join_pending(self.paths):
            return self.show_login()
        from desktop.core.reference import reference_data
        from desktop.ui.setup_wizard import SetupWizard

        wizard = SetupWizard(self.lang, self.vault, reference_data(), self.tasks)
        wizard.created.connect(self._created)
        wizard.joined_organisation.connect(self._joined)
        return self._show(wizard)

    def _show(self, window: QWidget) -> QWidget:
        previous, self.window = self.window, window
        window.show()
        if previous is not None and previous is not window:
            previous.close()
            previous.deleteLater()  # Qt, not Python's collector, frees closed windows
        return window

    def _created(self, session: WorkSession) -> None:
        self.settings.language = self.lang.code
        self.settings.last_username = session.user.username
        self._save_settings("language", "last_username")
        self.open_main(session)

    def _joined(self, organisation_name: str) -> None:
        """Joined: the organisation's people log in with their own names and passwords."""
        self.settings.language = self.lang.code
        self.settings.organisation_name = organisation_name
        self._save_settings("language", "organisation_name")
        self.show_login()

    def show_login(self) -> QWidget:
        self.main = None
        login = LoginWindow(self.lang, self.vault, self.tasks, self.settings.last_username,
                            self.settings.organisation_name)
        login.signed_in.connect(lambda session: self.open_main(
            session, login.language_chosen))
        # On the screen of the window it replaces, whole (not cascaded from the main window).
        centre_on_screen(login, self.window.screen() if self.window is not None else None)
        return self._show(login)

    def open_main(self, session: WorkSession, language_chosen: bool = False) -> None:
        """``language_chosen``: the person picked the language on the login screen; it becomes
        their preference. Otherwise a --lang of this run applies, else their saved one."""
        from desktop.services import Services
        from desktop.ui.main_window import MainWindow

        user = session.user
        if (not language_chosen and not self.language_given and user.language in LANGUAGES
                and user.language != self.lang.code):
            self.lang.set_language(user.language)  # their own language, from the first dialog
        if user.must_change_password:
            # the session serves nothing else until the user has chosen their own password
            dialog = ChangePasswordDialog(self.lang, user.username,
                                          session.change_own_password, self.window)
            if not dialog.exec():
                session.close()
                return
        services = Services.for_session(session)
        if language_chosen:
            services.users.set_language(self.lang.code)
            self.language_given = False  # the person's choice now outranks --lang
        self.settings.last_username = user.username
        self.settings.organisation_name = session.organisation.name
        changed = ["last_username", "organisation_name"]
        if not self.language_given:
            self.settings.language = self.lang.code
            changed.append("language")
        self._save_settings(*changed)
        log.info("signed in (role %s)", user.role)
        self.main = MainWindow(self.lang, services, self.settings, self.paths, self.tasks)
        self.main.signed_out.connect(self.show_login)
        self.main.restore_requested.connect(self._restore)
        self._show(self.main)
        self.main.offer_drafts()

    def _restore(self, request: tuple) -> None:
        """Confirmed in the window: back to the login screen (the window's close ends its
        session, so nothing holds the database), which then carries the restore out."""
        login = self.show_login()
        login.apply_restore(request)  # type: ignore[attr-defined]

    def _save_settings(self, *names: str) -> None:
        try:
            self.settings.save(self.paths.settings, *names)
        except (OSError, RelaisError):  # a read-only folder, or another Relais holding it
            log.warning("settings could not be saved")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("Relais")
    app.setOrganizationName("Relais")
    install_fonts(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def run_gui(paths: DataPaths, lang_code: str | None, language_given: bool = False) -> int:
    app = make_application()
    code = lang_code or best_language([QLocale.system().name()])
    lang = UiLanguage(code)
    relais = Relais(paths, lang, language_given=language_given)

    def report(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unhandled error", exc_info=(kind, error, tb))
        QMessageBox.critical(None, "Relais", lang.tr("error.unexpected"))

    sys.excepthook = report
    relais.start()
    preload_heavy_modules()
    return app.exec()
