"""``relais --self-test``: proves an installation (or a PyInstaller bundle) works end to end:
an encrypted database in a temporary folder, the main window rendered offscreen with demo
data, a PDF written with the shipped fonts, and a blank paper form (QR code) rendered back
by PDFium as the preview does; a logo read (Pillow) and a fillable form (pypdf), as a login
reaches them; printing, a file dialog and the five languages (platform_checks). Exit code 0
when all of it worked."""

from __future__ import annotations

import io
import os
import sys
import tempfile
from datetime import date
from pathlib import Path


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent

    from desktop.core.i18n import Translator
    from desktop.documents.recovery_sheet import write_recovery_sheet
    from desktop.paths import DataPaths
    from desktop.services import Services
    from desktop.settings import Settings
    from desktop.store.vault import NewOrganisation, Vault
    from desktop.ui.application import make_application
    from desktop.ui.language import UiLanguage
    from desktop.ui.main_window import MainWindow
    from desktop.ui.pdf_pages import page_images
    from desktop.ui.selftest.platform_checks import (
        check_file_dialog,
        check_languages,
        check_printing,
    )
    from desktop.ui.tasks import TaskRunner

    steps: list[str] = []
    with tempfile.TemporaryDirectory(prefix="relais-self-test-") as folder:
        paths = DataPaths.portable(Path(folder))
        try:
            app = make_application()
            session, code = Vault(paths).create(
                NewOrganisation("CPAS de Liège", "62063", "fr"), "selftest",
                "self-test password 1", language="uk")  # the language the window opens in
            steps.append("encrypted database")
            services = Services.for_session(session)
            services.demo.generate(200, seed=1)
            steps.append("demo data")
            window = MainWindow(UiLanguage("uk"), services, Settings(), paths, TaskRunner())
            window.show()
            app.processEvents()
            image = window.grab()
            if image.isNull() or window.model.rowCount() == 0:
                raise RuntimeError("main window did not render")
            steps.append("main window")
            pdf = write_recovery_sheet(Path(folder) / "sheet.pdf", Translator("uk"),
                                       session.organisation.name, code, date.today())
            if pdf.stat().st_size < 1000:
                raise RuntimeError("PDF too small")
            steps.append("PDF")
            form = io.BytesIO()
            services.documents.blank_intake(form, services.documents.languages("fr", "uk"))
            if page_images(form.getvalue(), 30)[0].isNull():
                raise RuntimeError("preview did not render")
            steps.append("form preview")
            logo = Path(folder) / "logo.png"
            window.grab().scaledToWidth(64).save(str(logo), "PNG")
            services.documents.set_logo(logo)
            fillable = io.BytesIO()
            services.documents.fillable_intake(fillable, services.documents.languages("nl", "uk"))
            if not fillable.getvalue().startswith(b"%PDF"):
                raise RuntimeError("fillable form not written")
            steps.append("logo and fillable form")
            check_printing()
            steps.append("printing")
            check_file_dialog(UiLanguage("uk"), Path(folder))
            steps.append("file dialog")
            check_languages()
            steps.append("five languages")
            window.close()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        except Exception as exc:  # noqa: BLE001 (the self-test reports, never raises)
            print(f"self-test FAILED after {', '.join(steps) or 'start'}: {exc!r}",
                  file=sys.stderr)
            return 1
    print("self-test ok: " + ", ".join(steps))
    return 0
