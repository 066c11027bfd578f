"""Choosing a file to open or save, in the interface language.

Qt's French, Dutch and Ukrainian catalogs leave "Look in:" and "Files of type:" in English,
so every file dialog of the application is made here and given those labels from our
catalogs. A name to save under comes from ``core.file_names`` (what and when, never who).
Callers give bare patterns ("*.xlsx;;*.csv"); the type list shows each with its description
from the catalogs ("Excel workbook (*.xlsx)").

Not a QTranslator subclass answering for Qt: PySide6 6.12 passes Qt's null disambiguation to
a Python ``translate`` as an unowned None, which crashes the interpreter after a while."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileInfo
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget

from desktop.ui.language import UiLanguage

Label = QFileDialog.DialogLabel
# The catalog key describing each kind of file in the type list.
DESCRIPTIONS = {"pdf": "file_type.pdf", "csv": "file_type.csv", "ods": "file_type.ods",
                **dict.fromkeys(("xlsx", "xlsm", "xls"), "file_type.xlsx"), **dict.fromkeys(
                    ("png", "jpg", "jpeg", "gif", "bmp"), "file_type.image"),
                "relaisbackup": "file_type.relaisbackup"}
# Every kind the import reads (exchange/sheets.py): together, they are "Spreadsheet".
SPREADSHEETS = {"xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt"}


def described(lang: UiLanguage, filters: str) -> str:
    """"*.xlsx;;*.csv" as "Excel workbook (*.xlsx);;CSV file (*.csv)", and the kinds of
    spreadsheet together as "Spreadsheet (*.xlsx *.ods *.csv)"; a group already described,
    or of kinds not all alike, stays as given."""
    shown = []
    for group in filters.split(";;"):
        kinds = {pattern.removeprefix("*.").lower() for pattern in group.split()}
        keys = {DESCRIPTIONS.get(kind) for kind in kinds}
        if "(" not in group and len(keys) > 1 and kinds <= SPREADSHEETS:
            keys = {"file_type.spreadsheet"}
        if "(" in group or len(keys) != 1 or None in keys:
            shown.append(group)
        else:
            shown.append(f"{lang.tr(keys.pop())} ({group})")
    return ";;".join(shown)


class _FileKinds(QFileIconProvider):
    """The "Type" column: "Folder" and "Drive" are missing from the same Qt catalogs. Qt asks
    from its file-system thread; this only reads the catalog."""

    def __init__(self, lang: UiLanguage) -> None:
        super().__init__()
        self.lang = lang

    def type(self, info: QFileInfo) -> str:
        if info.isRoot():
            return self.lang.tr("qt.file_icon_drive")
        if info.isDir():
            return self.lang.tr("qt.file_icon_folder")
        return super().type(info)


def file_dialog(parent: QWidget | None, lang: UiLanguage, title: str, filters: str,
                folder: Path | None = None) -> QFileDialog:
    dialog = QFileDialog(parent, title, str(folder or Path.home()), described(lang, filters))
    dialog.setLabelText(Label.LookIn, lang.tr("qt.file_dialog_look_in"))
    dialog.setLabelText(Label.FileType, lang.tr("qt.file_dialog_files_of_type"))
    kinds = _FileKinds(lang)
    dialog.setIconProvider(kinds)
    dialog.kinds = kinds  # type: ignore[attr-defined]  # the dialog does not own it
    return dialog


def ask_save_path(parent: QWidget | None, lang: UiLanguage, title: str, name: str,
                  filters: str, folder: Path | None = None) -> Path | None:
    """``name``: the file name suggested (e.g. ``file_names.suggested_name(...)``)."""
    dialog = file_dialog(parent, lang, title, filters, folder)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(Path(name).suffix.lstrip("."))
    dialog.selectFile(name)
    return _chosen(dialog)


def ask_open_path(parent: QWidget | None, lang: UiLanguage, title: str, filters: str,
                  folder: Path | None = None) -> Path | None:
    dialog = file_dialog(parent, lang, title, filters, folder)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _chosen(dialog)


def ask_folder(parent: QWidget | None, lang: UiLanguage, title: str,
               folder: Path | None = None) -> Path | None:
    """A folder (where backups go: a USB key, a network share)."""
    dialog = file_dialog(parent, lang, title, "", folder)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return _chosen(dialog)


def _chosen(dialog: QFileDialog) -> Path | None:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])
    finally:
        dialog.deleteLater()
