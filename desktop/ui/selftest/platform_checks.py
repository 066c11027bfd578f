"""The parts of ``relais --self-test`` that prove what a slimmed bundle could lose: Qt's
print-support plugins load (CUPS comes from the system), a file dialog lists a folder, and
each of the five languages has Qt's translations, our catalog and ICU's collation, and
Babel formats numbers for every document language. Each
check raises RuntimeError saying what is missing."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QDir,
    QLibraryInfo,
    QLocale,
    QPluginLoader,
    QThread,
    QTranslator,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileSystemModel

from desktop.core.i18n import (
    LANGUAGES,
    NUMBER_LOCALES,
    Translator,
    format_count,
    plural_categories,
)
from desktop.ui.file_dialogs import file_dialog
from desktop.ui.language import UiLanguage

# Pairs a code-point comparison orders the wrong way round: only ICU's collation data puts
# "é" before "f" and the Ukrainian "ґ" before "д".
_COLLATED = {"uk": ("ґава", "дах")} | dict.fromkeys(("fr", "nl", "de", "en"), ("élan", "fable"))


def check_printing() -> None:
    """Every print-support plugin shipped loads (none on macOS: Cocoa's is built in), and a
    print dialog can be built on it."""
    folder = QDir(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath) + "/printsupport")
    names = folder.entryList(QDir.Filter.Files)
    if not names and sys.platform != "darwin":
        raise RuntimeError(f"no print plugin in {folder.path()}")
    for name in names:
        loader = QPluginLoader(folder.filePath(name))
        if not loader.load():
            raise RuntimeError(f"print plugin {name}: {loader.errorString()}")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    QPrintDialog(printer).deleteLater()


def check_file_dialog(lang: UiLanguage, folder: Path) -> None:
    """The application's own file dialog (Qt's, now the GTK theme is left out) opens on a
    folder and lists what is in it."""
    (folder / "listed.pdf").write_bytes(b"%PDF-1.4\n")
    dialog = file_dialog(None, lang, "self-test", "*.pdf", folder)
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    for _ in range(200):  # the model lists the folder on its own thread
        QCoreApplication.processEvents()
        if model is not None and model.rowCount(model.index(str(folder))) > 0:
            break
        QThread.msleep(10)
    else:
        raise RuntimeError("file dialog did not list its folder")
    dialog.close()
    dialog.deleteLater()


def check_languages() -> None:
    """Qt's own strings, our catalog and ICU collation in each of the five languages."""
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for code in LANGUAGES:
        if not QTranslator().load(QLocale(code), "qtbase", "_", qt_folder):
            raise RuntimeError(f"Qt translations for {code} missing")
        if Translator(code)("cli.help_self_test") == "cli.help_self_test":
            raise RuntimeError(f"catalog for {code} missing")
        first, second = _COLLATED[code]
        if QCollator(QLocale(code)).compare(first, second) >= 0:
            raise RuntimeError(f"collation for {code} missing")
    for code in NUMBER_LOCALES:  # Babel's data, for documents in these (and beside them)
        if not format_count(1234.5, code) or not plural_categories(code):
            raise RuntimeError(f"number formats for {code} missing")
