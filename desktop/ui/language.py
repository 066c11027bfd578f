"""The interface language at run time: our catalogs for our strings, Qt's own translations for
standard dialogs (buttons of message boxes, file dialogs)."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QApplication

from desktop.core.i18n import Translator


class UiLanguage(QObject):
    changed = Signal(str)

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.tr = Translator(lang)
        self._qt_translator: QTranslator | None = None
        self._install_qt_translations(lang)

    @property
    def code(self) -> str:
        return self.tr.language

    def set_language(self, lang: str) -> None:
        if lang == self.tr.language:
            return
        self.tr.set_language(lang)
        self._install_qt_translations(lang)
        self.changed.emit(lang)

    def _install_qt_translations(self, lang: str) -> None:
        app = QApplication.instance()
        if app is None:
            return
        if self._qt_translator is not None:
            app.removeTranslator(self._qt_translator)
        translator = QTranslator(self)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(QLocale(lang), "qtbase", "_", folder):
            app.installTranslator(translator)
            self._qt_translator = translator
        else:
            self._qt_translator = None
        QLocale.setDefault(QLocale(lang))
