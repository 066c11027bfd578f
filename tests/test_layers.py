"""Only desktop/ui and the composition root may import Qt; lower layers never import upper ones."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_ALLOWED = {"desktop/app.py"}


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_qt_is_imported_only_in_the_ui_and_the_composition_root():
    offenders = []
    for path in modules("desktop") + modules("central") + modules("figures") + modules("directory"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("desktop/ui/") or rel in QT_ALLOWED:
            continue
        if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in imports(path)):
            offenders.append(rel)
    assert offenders == []


def test_core_depends_on_no_upper_layer():
    forbidden = ("desktop.ui", "desktop.store", "desktop.sync", "desktop.documents",
                 "desktop.exchange", "desktop.cli", "desktop.app", "desktop.services")
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in modules("desktop/core")
        if any(name.startswith(forbidden) for name in imports(path))
    ]
    assert offenders == []


def test_store_and_documents_do_not_import_the_ui():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for folder in ("desktop/store", "desktop/documents", "desktop/exchange")
        for path in modules(folder)
        if any(name.startswith(("desktop.ui", "desktop.cli", "desktop.app")) for name in
               imports(path))
    ]
    assert offenders == []


def test_the_central_is_a_separate_service_that_imports_nothing_of_the_desktop():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in modules("central")
        if any(name.split(".")[0] == "desktop" for name in imports(path))
    ]
    assert offenders == []


def test_the_shared_figures_import_neither_the_desktop_nor_the_central():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in modules("figures")
        if any(name.split(".")[0] in {"desktop", "central"} for name in imports(path))
    ]
    assert offenders == []


def test_the_shared_directory_format_imports_neither_the_desktop_nor_the_central():
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in modules("directory")
        if any(name.split(".")[0] in {"desktop", "central"} for name in imports(path))
    ]
    assert offenders == []
