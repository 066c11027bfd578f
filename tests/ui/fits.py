"""What "fits the screen" means, measured on a shown window: it can be made small enough for
the screen, it opens no bigger than the screen it is on, and at that size no label is cut,
no column header is cut and no form scrolls sideways.

The offscreen platform has one screen for the whole session (800x800 here), so the target
screens are checked with numbers: the window's minimum size against each target, its opening
size against the screen it is really on, and the rest at the size it would take on the
target.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QTabBar,
    QWidget,
)

from desktop.ui.screen_fit import DESIGNED_SIZE, FRAME, size_within

# Room for a title bar and a taskbar: a screen's full height minus this is what a window
# may use.
CHROME = FRAME.height()


def usable(screen: QSize) -> QSize:
    return QSize(screen.width(), screen.height() - CHROME)


def fit_problems(window: QWidget, screen: QSize) -> list[str]:
    """Everything that does not fit ``screen`` (the full screen size) on a shown window."""
    QApplication.processEvents()
    if window.layout() is not None:
        window.layout().activate()
    limit = usable(screen)
    problems = []
    least = window.minimumSizeHint().expandedTo(window.minimumSize())
    if least.width() > limit.width() or least.height() > limit.height():
        problems.append(f"needs at least {least.width()}x{least.height()}")
    on = window.screen().availableGeometry().size()
    opened = window.size()
    # (No smaller than its minimum, which was checked against the target above.)
    if opened.width() > max(on.width(), least.width()) or \
            opened.height() > max(usable(on).height(), least.height()):
        problems.append(f"opens at {opened.width()}x{opened.height()} on a "
                        f"{on.width()}x{on.height()} screen")
    # The size it takes on the target: worked out from its designed size like fit_to_screen
    # does on a real screen, else as a window manager would clamp it.
    designed = window.property(DESIGNED_SIZE)
    window.resize(size_within(designed, QRect(QPoint(0, 0), screen)) if isinstance(designed, QSize)
                  else opened.boundedTo(limit))
    QApplication.processEvents()
    problems += cut_labels(window) + cut_fields(window) + cut_headers(window) + \
        sideways_forms(window)
    window.resize(opened)
    return problems


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisible() and widget.isVisibleTo(window) and \
        not widget.objectName().startswith("qt_")


def _in_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QAbstractItemView, QTabBar)):
            return True
        parent = parent.parentWidget()
    return False


def cut_labels(window: QWidget) -> list[str]:
    cut = []
    for label in window.findChildren(QLabel):
        if not _shown(label, window) or not label.text() or _in_item_view(label):
            continue
        if label.wordWrap():
            needed = QSize(0, label.heightForWidth(label.width()))
        else:
            needed = label.minimumSizeHint()
        if label.width() < needed.width() or label.height() < needed.height():
            cut.append(f"label {label.text()[:40]!r} is {label.width()}x{label.height()}, "
                       f"needs {needed.width()}x{needed.height()}")
    return cut


def cut_fields(window: QWidget) -> list[str]:
    """A field shows its whole placeholder (what to type there) and, when it is read-only or
    made for a value of known length (a mask, a maximum length: a code), its whole text."""
    cut = []
    for field in window.findChildren(QLineEdit):
        if not _shown(field, window) or _in_item_view(field) or \
                isinstance(field.parentWidget(), (QAbstractSpinBox, QComboBox)):
            continue
        shown = field.placeholderText() if not field.text() else ""
        if field.inputMask() or field.isReadOnly() or field.maxLength() < 100:
            shown = max(shown, field.displayText(), key=len)
        room = field.contentsRect().width() - field.textMargins().left() - \
            field.textMargins().right() - 8  # the frame's and cursor's own margins
        needed = field.fontMetrics().horizontalAdvance(shown)
        if shown and needed > room:
            cut.append(f"field {shown[:40]!r} is {room} px wide, needs {needed}")
    return cut


def cut_headers(window: QWidget) -> list[str]:
    cut = []
    for header in window.findChildren(QHeaderView):
        if not _shown(header, window) or header.orientation().name != "Horizontal" or \
                header.model() is None:
            continue
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            size, needed = header.sectionSize(section), header.sectionSizeHint(section)
            if size < needed:
                text = header.model().headerData(section, header.orientation())
                cut.append(f"column {text!r} is {size} px, needs {needed}")
    return cut


def sideways_forms(window: QWidget) -> list[str]:
    """Forms and lists of one-line entries never scroll sideways (tables may: their columns
    are checked above)."""
    return [f"{type(area).__name__} {area.accessibleName()!r} scrolls sideways"
            for area in (*window.findChildren(QScrollArea), *window.findChildren(QListView))
            if _shown(area, window) and area.horizontalScrollBar().maximum() > 0]
